import { z } from "zod";
import { hasUnusableCharacter, UNUSABLE_CHARACTER_MESSAGE } from "./unusable-characters.js";

/** A string of what people write, refusing the characters no field may store (unusable-characters.ts). */
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
