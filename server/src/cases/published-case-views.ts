import type { EntityManager } from "@mikro-orm/postgresql";
import { Case } from "./case.entity.js";
import { presentCase } from "./case.presenter.js";
import type { CaseView } from "./case.types.js";
import { departmentPathsSql } from "../departments/index.js";
import { caseReadershipSql, type Readership } from "../organisations/index.js";

const columnsByMetadata = new WeakMap<object, Map<string, [string, boolean]>>();

/** Column → [property, is a date], from the ORM's own metadata of Case (so naming never drifts); read once per ORM. */
function columnsOf(em: EntityManager): Map<string, [string, boolean]> {
  const metadata = em.getMetadata();
  const known = columnsByMetadata.get(metadata);
  if (known) return known;
  const columns = new Map<string, [string, boolean]>();
  columnsByMetadata.set(metadata, columns);
  for (const prop of metadata.get(Case).props) {
    const column = prop.fieldNames?.[0];
    if (!column) continue;
    const isDate = prop.runtimeType === "Date" || prop.type === "datetime" || String(prop.columnTypes?.[0] ?? "").startsWith("timestamp");
    columns.set(column, [prop.name, isDate]);
  }
  return columns;
}

/** Names the two columns the statement adds to a case's own; never a column of `cases`. */
const TAGS = "kb_hydration_tags";
const PATH = "kb_hydration_path";

/**
 * One statement for a page: the cases by primary key, each with its tag names (in the order they
 * were given) and its department's path. `page` is materialized on purpose: the ids are looked up
 * by primary key alone, whatever the planner believes of `status`. Filtering `status =
 * 'PUBLISHED'` in the same scan let it AND the primary key with the (status, fiscal_year) index,
 * reading every published case's entry — 1.7 ms of PostgreSQL CPU per page at 20k cases (statistics
 * not yet analysed after an import), most of the ~3 ms PostgreSQL spent per search page.
 */
const pageSql = (readership: string) => `with page as materialized (select * from cases where id in (?))
  select page.*,
         array(select t.name from case_tags ct join tags t on t.id = ct.tag_id where ct.case_id = page.id order by ct.ctid) as ${TAGS},
         paths.path as ${PATH}
    from page
    left join (${departmentPathsSql("select distinct p.department_id, p.department_id from page p")}) paths on paths.id = page.department_id
   where page.status = 'PUBLISHED' and ${readership}`;

/**
 * The published cases of a search page as GraphQL views, in one SQL statement (cases, their tags,
 * their departments' paths) whatever the page size, presented by the cases slice's own
 * `presentCase` so the view is the same one `case(id)` gives.
 *
 * Why not `CaseService.findPublishedByIds`: MikroORM's entity hydration costs ~10 ms for a page
 * of 20 (measured), several times the SQL itself — the largest part of what searchCases added
 * on top of Meilisearch. Rows are read as-is (`select *`, columns named by the ORM's metadata) so
 * a new column of `cases` reaches the presenter without a change here; a presenter that starts reading
 * another relation needs it added below (the parity test in search-features.test.ts fails first).
 * One statement rather than three sent at once: one PostgreSQL backend and one round trip per page,
 * and `cases` read once (measured at 20k cases: 1 statement ≈ 0.5 ms of PostgreSQL CPU against ~2.8 ms).
 */
export async function loadPublishedCaseViews(em: EntityManager, ids: readonly string[], readership: Readership): Promise<Map<string, CaseView>> {
  const views = new Map<string, CaseView>();
  const unique = [...new Set(ids)];
  if (!unique.length) return views;
  // Only what the reader may read (organisations/readership.ts): a hit the rule no longer allows is dropped.
  const readable = caseReadershipSql(readership, "page");
  const rows = await em.execute<Record<string, unknown>[]>(pageSql(readable.sql), [unique, ...readable.params]);
  if (!rows.length) return views;
  const columns = columnsOf(em);
  for (const row of rows) {
    const c: Record<string, unknown> = {};
    for (const [column, value] of Object.entries(row)) {
      if (column === TAGS || column === PATH) continue;
      const [name, isDate] = columns.get(column) ?? [column, false];
      c[name] = isDate && value != null && !(value instanceof Date) ? new Date(String(value)) : value;
    }
    const id = String(row.id);
    c.department = { id: String(row.department_id) };
    c.organisation = { id: String(row.organisation_id) };
    c.author = row.author_id ? { id: String(row.author_id) } : null;
    const tags = ((row[TAGS] as string[] | null) ?? []).map((name) => ({ name }));
    c.tags = { getItems: () => tags };
    views.set(id, presentCase(c as unknown as Case, (row[PATH] as string[] | null) ?? []));
  }
  return views;
}
