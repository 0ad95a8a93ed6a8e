/**
 * Highlights arrive from the search API as HTML-escaped text in which matches are wrapped in
 * literal <mark>…</mark> tags. We never hand that string to the DOM as HTML: it is split into
 * plain-text segments, entities are decoded, and React renders text nodes and <mark> elements.
 * Anything that is not a mark tag stays text, so a malformed or hostile string cannot inject markup.
 */

export interface HighlightSegment {
  text: string;
  marked: boolean;
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
};

/** Decodes &amp; &lt; &gt; &quot; &apos; and numeric (&#39; &#x27;) entities in one left-to-right pass. */
export function unescapeHtml(text: string): string {
  return text.replace(/&(?:(amp|lt|gt|quot|apos)|#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6}));/g, (entity, name, dec, hex) => {
    if (name) return NAMED_ENTITIES[name as string] ?? entity;
    const codePoint = dec !== undefined ? Number.parseInt(dec as string, 10) : Number.parseInt(hex as string, 16);
    const valid = codePoint > 0 && codePoint <= 0x10ffff && !(codePoint >= 0xd800 && codePoint <= 0xdfff);
    return valid ? String.fromCodePoint(codePoint) : entity;
  });
}

const MARK_TAG = /<\s*(\/?)\s*mark\s*>/gi;

/** Splits a highlighted string into text segments; adjacent segments of the same kind are merged. */
export function parseHighlight(highlighted: string): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  const push = (raw: string, marked: boolean) => {
    if (!raw) return;
    const text = unescapeHtml(raw);
    const last = segments[segments.length - 1];
    if (last && last.marked === marked) last.text += text;
    else segments.push({ text, marked });
  };

  let depth = 0;
  let cursor = 0;
  for (const match of highlighted.matchAll(MARK_TAG)) {
    push(highlighted.slice(cursor, match.index), depth > 0);
    cursor = match.index + match[0].length;
    if (match[1] === "/") depth = Math.max(0, depth - 1);
    else depth += 1;
  }
  push(highlighted.slice(cursor), depth > 0);
  return segments;
}

/** The plain text a highlighted string shows (what a screen reader reads). */
export function highlightText(highlighted: string): string {
  return parseHighlight(highlighted)
    .map((segment) => segment.text)
    .join("");
}
