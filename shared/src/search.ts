import { z } from "zod";
import { CASE_KINDS } from "./enums.js";

/** Inputs of `searchCases`, validated the same way by the server and the client's URL parser. */
export const SEARCH_MAX_PAGE_SIZE = 100;

export const searchFilterSchema = z.strictObject({
  kinds: z.array(z.enum(CASE_KINDS)).max(CASE_KINDS.length).optional(),
  departments: z.array(z.string().max(100)).max(50).optional(),
  fiscalYears: z.array(z.number().int().min(1900).max(2200)).max(50).optional(),
  tags: z.array(z.string().max(50)).max(30).optional(),
});
export type SearchFilter = z.infer<typeof searchFilterSchema>;

export const searchArgsSchema = z.object({
  query: z.string().max(500, { error: "検索語は500文字以内で入力してください" }).default(""),
  first: z
    .number()
    .int()
    .min(0)
    .max(SEARCH_MAX_PAGE_SIZE, { error: `一度に取得できるのは${SEARCH_MAX_PAGE_SIZE}件までです` })
    .default(20),
  offset: z.number().int().min(0).max(10_000, { error: "これ以上先のページは表示できません" }).default(0),
  filter: searchFilterSchema.optional(),
});
export type SearchArgs = z.infer<typeof searchArgsSchema>;
