import type { EntityManager } from "@mikro-orm/postgresql";
import type { CaseDraft } from "@kb/shared";
import { Tag } from "../tags/tag.entity.js";
import type { Case } from "./case.entity.js";

/** The editable content of a case, as both the form (CaseDraft) and an import line carry it. */
export type CaseContent = Pick<
  CaseDraft,
  "kind" | "title" | "summary" | "background" | "actions" | "results" | "tips" | "fiscalYear" | "effects" | "details"
>;

/** Writes the content and the tags (by id) onto a case entity; the caller flushes. */
export function applyCaseContent(em: EntityManager, target: Case, content: CaseContent, tagIds: readonly string[]): void {
  target.kind = content.kind;
  target.title = content.title;
  target.summary = content.summary;
  target.background = content.background;
  target.actions = content.actions;
  target.results = content.results;
  target.tips = content.tips;
  target.fiscalYear = content.fiscalYear;
  target.effects = content.effects.map((e) => ({ label: e.label, before: e.before ?? null, after: e.after ?? null, unit: e.unit ?? "" }));
  target.details = content.details ?? null;
  target.tags.set(tagIds.map((id) => em.getReference(Tag, id)));
}
