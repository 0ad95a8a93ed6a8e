import type { DomainFact } from "../kernel/index.js";

/** Facts the tag vocabulary tools record (kernel/domain-events.ts), in the transaction of the change. */

/** The tags of these cases changed (set-based: proposals accepted, bulk tagging, merges and their undo). */
export type CasesRetagged = DomainFact<"CasesRetagged", { caseIds: string[] }>;

/** A tag was renamed; `caseIds`: the cases that carry it (any status). */
export type TagRenamed = DomainFact<"TagRenamed", { tagId: string; oldName: string; newName: string; caseIds: string[] }>;

/**
 * A tag was merged into another (its cases' retagging and any synonym group added are facts of
 * their own: CasesRetagged, SynonymsChanged).
 */
export type TagsMerged = DomainFact<"TagsMerged", { mergeId: string; sourceId: string; targetId: string }>;

/** The latest merge was undone (its retagging and any synonym group removed: facts of their own). */
export type TagMergeUndone = DomainFact<"TagMergeUndone", { mergeId: string; sourceId: string; targetId: string }>;

export type TagFact = CasesRetagged | TagRenamed | TagsMerged | TagMergeUndone;

export const casesRetagged = (payload: CasesRetagged["payload"]): CasesRetagged => ({ type: "CasesRetagged", payload });
export const tagRenamed = (payload: TagRenamed["payload"]): TagRenamed => ({ type: "TagRenamed", payload });
export const tagsMerged = (payload: TagsMerged["payload"]): TagsMerged => ({ type: "TagsMerged", payload });
export const tagMergeUndone = (payload: TagMergeUndone["payload"]): TagMergeUndone => ({ type: "TagMergeUndone", payload });
