import type { TagCategory } from "@kb/shared";
import type { ApiError } from "../../lib/apiError";
import { messages as m } from "../../messages";

export const t = m.tags.vocabulary;

/** A tag as the タグの語彙 page lists and edits it. */
export interface TagItem {
  id: string;
  name: string;
  category: TagCategory;
  description: string;
  retired: boolean;
  aliases: string[];
  usage: number;
  totalUsage: number | null;
  version: number;
}

/** The fields of `TagItem`, for every query and mutation of the page. */
export const TAG_FIELDS = "id name category description retired aliases usage totalUsage version";

/** What a change to the vocabulary makes stale. */
export const REFETCH = ["VocabularyTags", "MergeTargets", "LastTagMerge"];

export function messageOf(error: ApiError): string {
  return error.code === "CONFLICT" ? t.conflict : error.message;
}
