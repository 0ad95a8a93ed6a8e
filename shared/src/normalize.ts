/**
 * Text normalisation shared by import, search and the client, so that the same name typed in
 * full-width, half-width or another case is one thing everywhere.
 */

/** NFKC (ＣｈａｔＧＰＴ → ChatGPT, ｶﾅ → カナ), trimmed, runs of white space folded to one space. */
export function normalizeText(text: string): string {
  return text.normalize("NFKC").replace(/\s+/gu, " ").trim();
}

/** A display name (department, tag) as it is stored: normalised text. */
export function normalizeName(name: string): string {
  return normalizeText(name);
}

/** The key two names are compared by: normalised and case-folded (Kintone = kintone = ｋｉｎｔｏｎｅ). */
export function nameKey(name: string): string {
  return normalizeText(name).toLowerCase();
}
