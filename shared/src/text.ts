import { z } from "zod";

/**
 * A string of what people write. Refused: U+0000 (NUL), which PostgreSQL can store neither in text
 * nor in jsonb, and lone UTF-16 surrogates (half of an emoji, from a broken client or export), which
 * jsonb rejects and text would silently turn into U+FFFD. Letting either through turned a typing or
 * export accident into a server error; neither ever means anything in prose, names or search words.
 */
export const UNUSABLE_CHARACTER_MESSAGE = "使用できない文字（NUL 文字や壊れた文字）が含まれています";

// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNUSABLE = /[\u0000\p{Cs}]/u;

/** True when the text holds a character no field may store. */
export const hasUnusableCharacter = (s: string): boolean => UNUSABLE.test(s);

export const text = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((s) => !hasUnusableCharacter(s), { error: UNUSABLE_CHARACTER_MESSAGE });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in any letter case: the check every lookup by id makes before asking PostgreSQL. */
export const isUuid = (id: string): boolean => UUID.test(id);

/**
 * An id (UUID) as the database writes it: lower case. PostgreSQL compares uuids regardless of case,
 * but services compare ids as strings (is this case already in the collection?), so an id sent in
 * upper case slipped past those checks into a unique-constraint error.
 */
export const uuidOf = (label: string) =>
  z
    .string()
    .regex(UUID, { error: `${label}のIDが正しくありません` })
    .transform((id) => id.toLowerCase());
