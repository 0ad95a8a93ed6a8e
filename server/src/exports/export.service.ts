import type { EntityManager } from "@mikro-orm/postgresql";
import {
  CASE_KIND_LABELS,
  caseTextOf,
  formatWarekiFiscalYear,
  interchangeCaseSchema,
  SEARCH_EXPORT_MAX_ROWS,
  SEARCH_MAX_PAGE_SIZE,
  searchArgsFromUrl,
  type InterchangeCaseInput,
  type SearchArgs,
} from "@kb/shared";
import { adoptionCountsByCase } from "../adoptions/index.js";
import { type CaseView, loadPublishedCaseViews } from "../cases/index.js";
import type { CollectionService, EntryRecord, Collection } from "../collections/index.js";
import { badInputFromZod, forbidden, notFound, requireViewer, type Viewer } from "../kernel/index.js";
import type { SearchService } from "../search/index.js";
import { canonicalTagFilter } from "../tags/index.js";
import { exportPolicy } from "./export.policy.js";

/**
 * Exports: a search result as CSV (for Excel), a 好事例集 as CSV and in the interchange
 * format (JSON Lines, shared/src/interchange.ts). Reads only; the routes audit who exported what.
 */

/**
 * `?q=予約&kind=KINTONE_APP&dept=子育て支援課&fy=R6&tag=kintone&adopted=1&sort=NEWEST` (the search
 * page's own query string, read by the shared codec) → validated search arguments; a bad value is BAD_USER_INPUT.
 */
export function searchArgsFromParams(params: URLSearchParams): SearchArgs {
  const parsed = searchArgsFromUrl(params, { first: SEARCH_MAX_PAGE_SIZE });
  if (!parsed.success) throw badInputFromZod(parsed.error);
  return parsed.data;
}

/** One row of a CSV export (before formatting). */
export interface ExportRow {
  case: CaseView;
  adoptionCount: number;
  /** Collection exports: 順番 and 選定理由. */
  position?: number;
  reason?: string;
}

/**
 * Every result of a search, as the search page finds them (relaxed when the page is, in its order), up
 * to SEARCH_EXPORT_MAX_ROWS: the search service page by page (100 a page), each page hydrated in one
 * batch (three statements) plus one for its adoption counts. Yields page by page so the CSV streams.
 */
export async function* searchExportPages(em: EntityManager, search: SearchService, raw: SearchArgs): AsyncGenerator<ExportRow[]> {
  const { filter } = await canonicalTagFilter(em, raw.filter);
  const args: SearchArgs = { ...raw, filter, first: SEARCH_MAX_PAGE_SIZE };
  for (let offset = 0; offset < SEARCH_EXPORT_MAX_ROWS; offset += SEARCH_MAX_PAGE_SIZE) {
    const { results } = await search.runPlan({ ...args, offset, first: Math.min(SEARCH_MAX_PAGE_SIZE, SEARCH_EXPORT_MAX_ROWS - offset) });
    const ids = (results[0]?.hits ?? []).map((hit) => String(hit.id));
    if (!ids.length) return;
    const views = await loadPublishedCaseViews(em, ids, await search.readership());
    const counts = await adoptionCountsByCase(em, ids);
    // A hit PostgreSQL no longer publishes is an index that has not caught up: left out, as on the page.
    yield ids.flatMap((id) => {
      const view = views.get(id);
      return view ? [{ case: view, adoptionCount: counts.get(id)?.adoptionCount ?? 0 }] : [];
    });
    if (ids.length < SEARCH_MAX_PAGE_SIZE) return;
  }
}

/** A collection the viewer may export, with the entries they may see whose case is published, in order. */
export async function collectionForExport(
  service: CollectionService,
  viewer: Viewer | null,
  id: string,
): Promise<{ collection: Collection; entries: (EntryRecord & { case: CaseView })[] }> {
  const v = requireViewer(viewer);
  if (!exportPolicy.canExport(v)) throw forbidden();
  const collection = await service.findVisible(v, id);
  if (!collection) throw notFound("好事例集");
  const entries = (await service.entriesFor(v, [collection.id])).get(collection.id) ?? [];
  return { collection, entries: entries.filter((e): e is EntryRecord & { case: CaseView } => e.case !== null) };
}

export async function exportRowsOfEntries(em: EntityManager, entries: (EntryRecord & { case: CaseView })[]): Promise<ExportRow[]> {
  const counts = await adoptionCountsByCase(em, entries.map((e) => e.caseId));
  return entries.map((e, i) => ({ case: e.case, adoptionCount: counts.get(e.caseId)?.adoptionCount ?? 0, position: i + 1, reason: e.reason }));
}

// ── CSV ─────────────────────────────────────────────────────────────────────────────────────────

export const CSV_COLUMNS = [
  "ID",
  "外部ID",
  "タイトル",
  "種別",
  "所属（課）",
  "所属（局・部・課）",
  "年度",
  "年度（和暦）",
  "タグ",
  "概要",
  "定量効果",
  "取り入れた課の数",
  "公開日",
  "URL",
] as const;
export const COLLECTION_CSV_COLUMNS = ["順番", "選定理由", ...CSV_COLUMNS] as const;

const dayFormat = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * A cell a spreadsheet could run as a formula (=, +, -, @, tab, carriage return first) gets a leading
 * apostrophe, as OWASP advises for CSV injection: Excel shows the text instead of evaluating it.
 */
export function spreadsheetSafe(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function effectText(e: CaseView["effects"][number]): string {
  const value = (n: number | null | undefined) => (n == null ? "" : n.toLocaleString("ja-JP", { maximumFractionDigits: 4 }));
  const unit = e.unit ? ` ${e.unit}` : "";
  if (e.before != null && e.after != null) return `${e.label}: ${value(e.before)} → ${value(e.after)}${unit}`;
  if (e.after != null) return `${e.label}: ${value(e.after)}${unit}`;
  if (e.before != null) return `${e.label}: 導入前 ${value(e.before)}${unit}`;
  return e.label;
}

/** A row as CSV cells, in the order of CSV_COLUMNS (prefixed with 順番, 選定理由 for collections). */
export function csvRecord(row: ExportRow, origin: string, withCollection: boolean): (string | number)[] {
  const c = row.case;
  const path = c.department.path.length ? c.department.path : [c.department.name];
  const cells: (string | number)[] = [
    c.id,
    c.externalId ?? "",
    c.title,
    CASE_KIND_LABELS[c.kind],
    c.department.name,
    path.join(" > "),
    c.fiscalYear,
    formatWarekiFiscalYear(c.fiscalYear),
    c.tags.join("、"),
    c.summary,
    c.effects.map(effectText).join("\n"),
    row.adoptionCount,
    c.publishedAt ? dayFormat.format(c.publishedAt) : "",
    `${origin}/cases/${c.id}`,
  ];
  const all = withCollection ? [row.position ?? "", row.reason ?? "", ...cells] : cells;
  return all.map((cell) => (typeof cell === "string" ? spreadsheetSafe(cell) : cell));
}

// ── Interchange (JSON Lines) ────────────────────────────────────────────────────────────────────

/**
 * The 団体コード of each organisation (one statement), for the `organisation` of exported lines. An
 * organisation not yet named (the installation's own, before `kb organisation set`) has none.
 */
export async function organisationCodes(em: EntityManager, organisationIds: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(organisationIds)];
  if (!unique.length) return new Map();
  const rows = await em.execute<{ id: string; code: string | null }[]>("select id, code from organisations where id in (?)", [unique]);
  return new Map(rows.filter((r) => r.code).map((r) => [r.id, r.code!]));
}

/**
 * A published case as one line of the interchange format (shared/src/interchange.ts), checked against the same
 * schema `kb import` uses, so an export always imports. A case written in the app has no externalId:
 * it gets `kb-<id>`, stable across exports. `organisation` is the case's 団体コード (from
 * organisationCodes), so the line re-imports into the same organisation; left out when it has none.
 * `sharing` is its 公開範囲, so a re-import never widens who may read it.
 */
export function interchangeRecord(c: CaseView, codes: ReadonlyMap<string, string> = new Map()): InterchangeCaseInput {
  const code = codes.get(c.organisationId);
  const record: InterchangeCaseInput = {
    externalId: c.externalId ?? `kb-${c.id}`,
    ...(code ? { organisation: code } : {}),
    kind: c.kind,
    ...caseTextOf(c),
    department: c.department.name,
    ...(c.department.path.length > 1 ? { departmentPath: c.department.path.slice(0, -1) } : {}),
    fiscalYear: c.fiscalYear,
    tags: c.tags,
    effects: c.effects.map((e) => ({
      label: e.label,
      ...(e.before == null ? {} : { before: e.before }),
      ...(e.after == null ? {} : { after: e.after }),
      ...(e.unit == null ? {} : { unit: e.unit }),
    })),
    status: "PUBLISHED",
    sharing: c.sharing,
    ...(c.details && Object.keys(c.details).length ? { details: c.details } : {}),
  };
  const checked = interchangeCaseSchema.safeParse(record);
  if (!checked.success) {
    throw new Error(`case ${c.id} does not fit the interchange format: ${checked.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  return record;
}
