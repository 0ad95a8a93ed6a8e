import type { EntityManager } from "@mikro-orm/postgresql";
import { CASE_TEXT_FIELDS, type CaseContentField, type CaseDraft } from "@kb/shared";
import { Tag } from "../tags/index.js";
import type { Case } from "./case.entity.js";

/** The editable content of a case, as both the form (CaseDraft) and an import line carry it. */
export type CaseContent = Pick<CaseDraft, Exclude<CaseContentField, "tags">>;

/** Writes the content and the tags (by id) onto a case entity; the caller flushes. */
export function applyCaseContent(em: EntityManager, target: Case, content: CaseContent, tagIds: readonly string[]): void {
  target.kind = content.kind;
  for (const field of CASE_TEXT_FIELDS) target[field] = content[field];
  target.fiscalYear = content.fiscalYear;
  target.effects = content.effects.map((e) => ({ label: e.label, before: e.before ?? null, after: e.after ?? null, unit: e.unit ?? "" }));
  target.details = content.details ?? null;
  target.tags.set(tagIds.map((id) => em.getReference(Tag, id)));
}
