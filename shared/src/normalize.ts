/**
 * Text normalisation shared by import, search and the client, so that the same name typed in
 * full-width, half-width or another case is one thing everywhere.
 */

/** NFKC (ＣｈａｔＧＰＴ → ChatGPT, ｶﾅ → カナ), trimmed, runs of white space folded to one space. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/**
 * Characters that change nothing a reader sees: zero-width spaces and joiners, bidi controls
 * (U+202A–U+202E, U+2066–U+2069, marks), soft hyphens, BOMs — every Unicode format character (Cf),
 * except a zero-width joiner inside an emoji sequence (👩‍👩‍👧), which is what draws it. In a name
 * they only make a second tag that displays exactly like the first (kin\u200btone, kintone\u202e).
 */
// eslint-disable-next-line no-misleading-character-class -- U+FE0F alone in the class is the point: an emoji's presentation selector before a joiner
const INVISIBLE = /(?<![\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}\uFE0F])\u200D|\u200D(?!\p{Extended_Pictographic})|[^\P{Cf}\u200D]/gu;

export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, "");
}

/** A display name (department, tag, synonym term, title) as it is stored: invisible characters gone, normalised text. */
export function normalizeName(name: string): string {
  return normalizeText(stripInvisible(name));
}

/** The key two names are compared by: normalised and case-folded (Kintone = kintone = ｋｉｎｔｏｎｅ = kin\u200btone). */
export function nameKey(name: string): string {
  return normalizeName(name).toLowerCase();
}

/**
 * Letters of other scripts that look like Latin ones: all of Cyrillic (а е і о р с у х к …) and the
 * Greek letters drawn like Latin capitals or small letters. μ is left out: NFKC turns the micro sign
 * of 10µm into Greek μ, and that is no imitation.
 */
const LATIN_LOOKALIKE = /[\p{Script=Cyrillic}ΑΒΕΖΗΙΚΜΝΟΡΤΥΧαικνορτυχ]/u;
const LATIN_LETTER = /\p{Script=Latin}/u;

/**
 * The first word of a name that mixes Latin letters with Cyrillic or Greek look-alikes (kіntone with
 * a Cyrillic і), and the foreign letter; null when there is none. A word here is a run of letters
 * and digits. Such a word is never a real name in a Japanese city hall: it is a typo from another
 * keyboard layout or an imitation of an existing tag, so names holding one are refused.
 */
export function mixedScriptWord(name: string): { word: string; letter: string } | null {
  for (const word of name.match(/[\p{L}\p{M}\p{N}]+/gu) ?? []) {
    if (!LATIN_LETTER.test(word)) continue;
    const foreign = word.match(LATIN_LOOKALIKE);
    if (foreign) return { word, letter: foreign[0] };
  }
  return null;
}
