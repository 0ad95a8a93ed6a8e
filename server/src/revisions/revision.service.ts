import type { EntityManager } from "@mikro-orm/postgresql";
import { caseTextOf } from "@kb/shared";
import type { Case } from "../cases/index.js";
import { User } from "../users/index.js";
import { CaseRevision, type CaseSnapshot, type RemovedAttachment } from "./case-revision.entity.js";

/** The editable content of a case (tags must be loaded). */
export function snapshotOf(c: Case): CaseSnapshot {
  return {
    kind: c.kind,
    ...caseTextOf(c),
    fiscalYear: c.fiscalYear,
    tags: c.tags.getItems().map((t) => t.name),
    effects: c.effects,
    details: c.details ?? null,
  };
}

/**
 * Records the case's content after a save; call after the flush that gave it its new version.
 * Pass `snapshot` when the case's tags are references without names (bulk imports), and
 * `removedAttachment` when the save was the removal of a file.
 */
export function recordRevision(
  em: EntityManager,
  c: Case,
  editorId: string | null,
  snapshot: CaseSnapshot = snapshotOf(c),
  removedAttachment: RemovedAttachment | null = null,
): void {
  em.persist(
    em.create(CaseRevision, {
      case: c,
      version: c.version,
      editor: editorId ? em.getReference(User, editorId) : null,
      snapshot,
      removedAttachment,
    }),
  );
}
