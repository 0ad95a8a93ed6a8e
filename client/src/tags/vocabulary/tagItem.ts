import type { ApiError } from "../../lib/apiError";
import { messages as m } from "../../messages";

export const t = m.tags.vocabulary;

/** What a change to the vocabulary makes stale. */
export const REFETCH = ["VocabularyTags", "MergeTargets", "LastTagMerge"];

export function messageOf(error: ApiError): string {
  return error.code === "CONFLICT" ? t.conflict : error.message;
}
