import type { EntityManager } from "@mikro-orm/postgresql";
import { Case } from "./case.entity.js";
import { presentCase } from "./case.presenter.js";
import type { CaseView } from "./case.types.js";
import { departmentPathsSql } from "../departments/index.js";

/** Column → [property, is a date], from the ORM's own metadata of Case (so naming never drifts). */
function columnsOf(em: EntityManager): Map<string, [string, boolean]> {
  const columns = new Map<string, [string, boolean]>();
  for (const prop of em.getMetadata().get(Case).props) {
    const column = prop.fieldNames?.[0];
    if (!column) continue;
    const isDate = prop.runtimeType === "Date" || prop.type === "datetime" || String(prop.columnTypes?.[0] ?? "").startsWith("timestamp");
    columns.set(column, [prop.name, isDate]);
  }
  return columns;
}

/**
 * The published cases of a search page as GraphQL views, in three SQL statements (cases, their
 * tags, their departments' paths — sent together, one round trip) whatever the page size, presented by the cases slice's own
 * `presentCase` so the view is the same one `case(id)` gives.
 *
 * Why not `CaseService.findPublishedByIds`: MikroORM's entity hydration costs ~10 ms for a page
 * of 20 (measured), several times the SQL itself — the largest part of what searchCases added
 * on top of Meilisearch. Rows are read as-is (`select *`, columns named by the ORM's metadata) so
 * a new column of `cases` reaches the presenter without a change here; a presenter that starts reading
 * another relation needs it added below (the parity test in search-features.test.ts fails first).
 */
export async function loadPublishedCaseViews(em: EntityManager, ids: readonly string[]): Promise<Map<string, CaseView>> {
  const views = new Map<string, CaseView>();
  const unique = [...new Set(ids)];
  if (!unique.length) return views;
  // Three statements, sent at once (each keyed by the hit ids): one round trip to PostgreSQL.
  const [rows, tagRows, pathRows] = await Promise.all([
    em.execute<Record<string, unknown>[]>("select * from cases where id in (?) and status = 'PUBLISHED'", [unique]),
    em.execute<{ case_id: string; name: string }[]>(
      "select ct.case_id, t.name from case_tags ct join tags t on t.id = ct.tag_id where ct.case_id in (?) order by ct.case_id, ct.ctid",
      [unique],
    ),
    // Keyed by case: sent with the others, before the cases' departments are known.
    em.execute<{ id: string; path: string[] }[]>(departmentPathsSql("select c.id, c.department_id from cases c where c.id in (?)"), [unique]),
  ]);
  if (!rows.length) return views;
  const paths = new Map(pathRows.map((r) => [r.id, r.path]));
  const tagsOf = new Map<string, { name: string }[]>();
  for (const t of tagRows) {
    const list = tagsOf.get(t.case_id) ?? [];
    list.push({ name: t.name });
    tagsOf.set(t.case_id, list);
  }
  const columns = columnsOf(em);
  for (const row of rows) {
    const c: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      const [name, isDate] = columns.get(column) ?? [column, false];
      c[name] = isDate && value != null && !(value instanceof Date) ? new Date(String(value)) : value;
    }
    const id = String(row.id);
    const departmentId = String(row.department_id);
    c.department = { id: departmentId };
    c.author = row.author_id ? { id: String(row.author_id) } : null;
    const tags = tagsOf.get(id) ?? [];
    c.tags = { getItems: () => tags };
    views.set(id, presentCase(c as unknown as Case, paths.get(id) ?? []));
  }
  return views;
}
