import type { EntityManager } from "@mikro-orm/postgresql";
import { Organisation } from "../organisations/index.js";

/** The row error of a record naming an organisation the importer may not write into. */
export const OTHER_ORGANISATION_MESSAGE = "他の団体のデータは取り込めません";

export interface ImportTarget {
  id: string;
  code: string | null;
}

/**
 * Where the records of an import may land (interchange `organisation`, shared/src/interchange.ts):
 * - "own": an organisation's ADMIN (the admin screen, table imports): every record lands in that one;
 *   a record naming another organisation's 団体コード is an error and lands nowhere.
 * - "any": the installation's operator (`kb import`, the seeds): a record naming an existing
 *   organisation lands in it; an unknown code is an error. Records naming none land in `target`.
 */
export type ImportScope = { kind: "own" | "any"; target: ImportTarget };

export type Routed = { organisationId: string; error?: undefined } | { organisationId?: undefined; error: string };

/** Routes each record (by its optional `organisation` code) with one statement for all the codes. */
export async function routeByOrganisation(em: EntityManager, codes: readonly (string | undefined)[], scope: ImportScope): Promise<Routed[]> {
  const named = [...new Set(codes.filter((c): c is string => c !== undefined && c !== scope.target.code))];
  const found = scope.kind === "any" && named.length ? await em.find(Organisation, { code: { $in: named } }, { fields: ["id", "code"] }) : [];
  const byCode = new Map(found.map((o) => [o.code!, o.id]));
  return codes.map((code) => {
    if (code === undefined || code === scope.target.code) return { organisationId: scope.target.id };
    if (scope.kind === "own") return { error: `organisation: ${OTHER_ORGANISATION_MESSAGE}（団体コード ${code}）` };
    const id = byCode.get(code);
    return id ? { organisationId: id } : { error: `organisation: 団体コード ${code} の団体はこの設置にありません（先に kb organisation create で登録してください）` };
  });
}
