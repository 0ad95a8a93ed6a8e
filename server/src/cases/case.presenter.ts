import { caseTextOf } from "@kb/shared";
import type { Case } from "./case.entity.js";
import type { CaseView } from "./case.types.js";

/** Entity → GraphQL view. Needs the case's tags populated and its department path looked up. */
export function presentCase(c: Case, departmentPath: string[]): CaseView {
  return {
    id: c.id,
    externalId: c.externalId ?? null,
    kind: c.kind,
    ...caseTextOf(c),
    department: {
      id: c.department.id,
      name: departmentPath[departmentPath.length - 1] ?? "",
      path: departmentPath,
    },
    fiscalYear: c.fiscalYear,
    tags: c.tags.getItems().map((t) => t.name),
    effects: c.effects.map((e) => ({ label: e.label, before: finiteOrNull(e.before), after: finiteOrNull(e.after), unit: e.unit ?? null })),
    details: c.details ?? null,
    status: c.status,
    sharing: c.sharing,
    version: c.version,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    submittedAt: c.submittedAt ?? null,
    publishedAt: c.publishedAt ?? null,
    authorId: c.author?.id ?? null,
    organisationId: c.organisation.id,
  };
}

/** GraphQL's Float cannot carry Infinity or NaN: a value that is not a finite number reads as blank. */
function finiteOrNull(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
