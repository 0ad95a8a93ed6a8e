/**
 * Characters that no string of what people write may hold (shared/src/text.ts refuses them; this file
 * needs no zod, so the search page can check its URL with it): U+0000 (NUL), which PostgreSQL can store neither in text
 * nor in jsonb, and lone UTF-16 surrogates (half of an emoji, from a broken client or export), which
 * jsonb rejects and text would silently turn into U+FFFD. Letting either through turned a typing or
 * export accident into a server error; neither ever means anything in prose, names or search words.
 */
export const UNUSABLE_CHARACTER_MESSAGE = "使用できない文字（NUL 文字や壊れた文字）が含まれています";

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNUSABLE = /[\u0000\p{Cs}]/u;

/** True when the text holds a character no field may store. */
export const hasUnusableCharacter = (s: string): boolean => UNUSABLE.test(s);
