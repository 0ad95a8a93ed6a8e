import { randomUUID } from "node:crypto";
import type { EntityManager, MikroORM } from "@mikro-orm/postgresql";
import {
  decideImportStatus,
  describeStatusChange,
  tableMappingSchema,
  type CaseStatus,
  type ImportRowReport,
  type ImportSourceInfo,
  type ImportStatus,
  type InterchangeCase,
  type TableImportOptions,
  type TableImportReport,
  type TableMapping,
} from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { fieldErrorsFromZod, mapInSlices, timeSlices } from "../kernel/index.js";
import { homeOrganisation, Organisation } from "../organisations/index.js";
import { importCases, sameContent, type ImportProgress } from "./import.service.js";
import { routeByOrganisation } from "./organisation-routing.js";
import { mapRecord, type MapOptions, type MappedRecord, type SourceRecord } from "./mapping.js";
import { readTable, RefusedFileError, TableReadError } from "./table-reader.js";
import { tableRecords } from "./table-source.js";

/**
 * Table imports (CSV, Excel, kintone's CSV export, the kintone REST API): read → map → plan (the
 * dry run: what would be created, updated, left alone or rejected, record by record) → write with
 * `importCases`, the path `kb import` uses, so the rules are the same: every record validated by
 * the interchange schema first, nothing written while any record is rejected (unless skipInvalid),
 * idempotent by externalId, everything — cases, revisions, outbox rows, attachments, the audit row —
 * in one transaction.
 */

export class MappingError extends Error {
  override name = "MappingError";
  constructor(readonly problems: { path: string; message: string }[]) {
    super(`対応付け（マッピング）に誤りがあります:\n${problems.map((p) => `  ${p.path || "(全体)"}: ${p.message}`).join("\n")}`);
  }
}

/** Validates a mapping (already JSON-parsed); throws MappingError listing every problem. */
export function parseMapping(json: unknown): TableMapping {
  const parsed = tableMappingSchema.safeParse(json);
  if (!parsed.success) {
    throw new MappingError(fieldErrorsFromZod(parsed.error));
  }
  return parsed.data;
}

/** JSON text → mapping, with a readable message for broken JSON. */
export function parseMappingText(text: string): TableMapping {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new MappingError([{ path: "", message: `JSON として読めません: ${(error as Error).message}` }]);
  }
  return parseMapping(json);
}

export interface ImportPlan {
  report: TableImportReport;
  /** The valid records, ready for importCases (status already the chosen one). */
  records: InterchangeCase[];
  /** externalId → action, for the audit row and for attachments. */
  actions: Map<string, ImportRowReport["action"]>;
  /** Whether stored cases get the chosen status too. */
  updateStatus: boolean;
  /** The organisation the cases are planned for and will be written into (externalIds are per organisation). */
  organisationId: string;
}

export interface PlanSource {
  source: ImportSourceInfo;
  fileErrors: string[];
  /** Records already mapped, in source order, and rows rejected before mapping. */
  mapped: MappedRecord[];
  rejectedRows?: { where: string; row: number | null; message: string }[];
  warnings?: string[];
}

/** Maps and plans a CSV / Excel file. Never writes. */
export async function planTableFile(
  em: EntityManager,
  file: { fileName: string; bytes: Buffer },
  mapping: TableMapping,
  options: Pick<TableImportOptions, "status" | "encoding" | "sheet"> & { updateStatus?: boolean; organisationId?: string },
): Promise<ImportPlan> {
  const choice = { status: options.status, updateStatus: options.updateStatus ?? false, organisationId: options.organisationId };
  const source: ImportSourceInfo = { fileName: file.fileName, format: file.fileName.toLowerCase().endsWith(".xlsx") ? "xlsx" : "csv", encoding: null, sheet: null, columns: [] };
  let table;
  try {
    const sheet = options.sheet ?? mapping.sheet;
    table = await readTable(file.fileName, file.bytes, {
      encoding: options.encoding && options.encoding !== "auto" ? options.encoding : mapping.encoding,
      delimiter: mapping.delimiter,
      sheet: typeof sheet === "string" && /^\d+$/.test(sheet) ? Number(sheet) : sheet,
      headerRow: mapping.headerRow,
    });
  } catch (error) {
    // A refused file (too big to unpack, NUL characters) is not a dry-run finding: the caller refuses it.
    if (!(error instanceof TableReadError) || error instanceof RefusedFileError) throw error;
    return planRecords(em, { source, fileErrors: [error.message], mapped: [] }, choice);
  }
  source.format = table.format;
  source.encoding = table.encoding;
  source.sheet = table.sheet;
  source.columns = table.headers.filter(Boolean);
  const { records, orphans, missingColumns } = tableRecords(table, mapping);
  const fileErrors = missingColumns.length
    ? [`ファイルにない列が対応付けに書かれています: ${missingColumns.map((c) => `「${c}」`).join("、")}（ファイルの列: ${source.columns.map((c) => `「${c}」`).join("、")}）`]
    : [];
  if (fileErrors.length) return planRecords(em, { source, fileErrors, mapped: [] }, choice);
  return planRecords(
    em,
    { source, fileErrors, mapped: await mapAll(mapping, records, options.status), rejectedRows: orphans },
    choice,
  );
}

/** Maps every record (and validates it: the costly part), in slices that let other requests run. */
export function mapAll(mapping: TableMapping, records: SourceRecord[], status: ImportStatus, options: MapOptions = {}): Promise<MappedRecord[]> {
  return mapInSlices(records, (r) => mapRecord(mapping, r, status, options));
}

export interface StatusChoice {
  /** The status of the cases the import creates. */
  status: ImportStatus;
  /** Also change stored cases to it (along IMPORT_STATUS_TRANSITIONS); otherwise they keep theirs. */
  updateStatus: boolean;
  /** The organisation imported into; the installation's own when omitted (the CLI's default). */
  organisationId?: string;
}

/** The dry run: what importing these records would do, record by record. Never writes. */
export async function planRecords(em: EntityManager, input: PlanSource, choice: StatusChoice): Promise<ImportPlan> {
  const { status, updateStatus } = choice;
  const target = choice.organisationId ? await em.findOneOrFail(Organisation, { id: choice.organisationId }) : await homeOrganisation(em);
  const organisationId = target.id;
  const rows: ImportRowReport[] = [];
  const valid: { row: ImportRowReport; value: InterchangeCase }[] = [];
  const firstSeen = new Map<string, string>();
  // Every loop over the records gives other requests a turn now and then (kernel/yield-every.ts).
  const slices = timeSlices();
  for (const r of input.rejectedRows ?? []) {
    rows.push({ where: r.where, row: r.row, externalId: null, title: null, action: "REJECT", messages: [r.message] });
  }
  for (const m of input.mapped) {
    const row: ImportRowReport = { where: m.where, row: m.row, externalId: m.externalId, title: m.title, action: "REJECT", messages: m.errors };
    rows.push(row);
    if (!m.value) continue;
    const earlier = firstSeen.get(m.value.externalId);
    if (earlier !== undefined) {
      row.messages = [`externalId: ${m.value.externalId} は ${earlier} と重複しています`];
      continue;
    }
    firstSeen.set(m.value.externalId, m.where);
    valid.push({ row, value: m.value });
    await slices.tick();
  }
  // A table import lands in one organisation (the admin's, or the CLI's --organisation): a record
  // naming another one's 団体コード is rejected and lands nowhere.
  const routes = await routeByOrganisation(em, valid.map((v) => v.value.organisation), { kind: "own", target: { id: target.id, code: target.code ?? null } });
  const refused = new Set<number>();
  routes.forEach((route, i) => {
    if (route.error === undefined) return;
    valid[i]!.row.messages = [route.error];
    refused.add(i);
  });
  if (refused.size) valid.splice(0, valid.length, ...valid.filter((_, i) => !refused.has(i)));
  rows.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));

  const stored = await storedCases(em, organisationId, valid.map((v) => v.value.externalId));
  const actions = new Map<string, ImportRowReport["action"]>();
  for (const { row, value } of valid) {
    const current = stored.get(value.externalId);
    // The same decision importCases makes when it writes.
    const { status: next, change } = decideImportStatus(current?.status ?? null, value.status, updateStatus);
    row.action = !current ? "CREATE" : sameContent(current.hash, value) && next === current.status ? "UNCHANGED" : "UPDATE";
    row.statusChange = change;
    if (change) row.messages = [describeStatusChange(change)];
    actions.set(value.externalId, row.action);
    await slices.tick();
  }
  const count = (action: ImportRowReport["action"]) => rows.filter((r) => r.action === action).length;
  const changes = rows.map((r) => r.statusChange).filter((c) => !!c);
  return {
    records: valid.map((v) => v.value),
    actions,
    updateStatus,
    organisationId,
    report: {
      source: input.source,
      status,
      fileErrors: input.fileErrors,
      records: rows.length,
      created: count("CREATE"),
      updated: count("UPDATE"),
      unchanged: count("UNCHANGED"),
      rejected: count("REJECT"),
      statusChanged: changes.filter((c) => c.outcome === "APPLIED").length,
      statusKept: changes.filter((c) => c.outcome !== "APPLIED").length,
      rows,
      warnings: input.warnings ?? [],
      attachments: null,
      dryRun: true,
      imported: false,
    },
  };
}

async function storedCases(em: EntityManager, organisationId: string, externalIds: string[]): Promise<Map<string, { hash: string | null; status: CaseStatus }>> {
  const out = new Map<string, { hash: string | null; status: CaseStatus }>();
  for (let i = 0; i < externalIds.length; i += 1000) {
    const chunk = externalIds.slice(i, i + 1000);
    if (!chunk.length) continue;
    const found = await em.execute<{ external_id: string; content_hash: string | null; status: CaseStatus }[]>(
      "select external_id, content_hash, status from cases where organisation_id = ? and external_id in (?)",
      [organisationId, chunk],
    );
    for (const r of found) out.set(r.external_id, { hash: r.content_hash, status: r.status });
  }
  return out;
}

/** May the plan be written? Not with file errors; not with rejected records unless skipInvalid. */
export function canImport(plan: ImportPlan, skipInvalid: boolean): boolean {
  if (plan.report.fileErrors.length) return false;
  if (plan.report.rejected && !skipInvalid) return false;
  return plan.records.length > 0 || plan.report.records === 0;
}

export interface ExecuteOptions {
  skipInvalid: boolean;
  /** Who imports (null: the system, e.g. the CLI). */
  actorId: string | null;
  /** What the audit row calls the source: "table", "kintone". */
  sourceKind: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Runs inside the transaction after the cases are written (attachments). */
  afterCases?: (tx: EntityManager) => Promise<void>;
}

/**
 * Writes a plan in one transaction: the cases (through importCases), whatever `afterCases` adds,
 * and one audit row naming the source and the externalIds created and updated. A plan that may
 * not be written comes back as it is, with imported: false.
 */
export async function executePlan(orm: MikroORM, plan: ImportPlan, options: ExecuteOptions): Promise<TableImportReport> {
  if (!canImport(plan, options.skipInvalid)) return { ...plan.report, dryRun: false, imported: false };
  const runId = randomUUID();
  const counts = await orm.em.fork().transactional(async (tx) => {
    const result = await importCases(tx, plan.records, {
      onProgress: options.onProgress,
      chunkSize: 100,
      updateStatus: plan.updateStatus,
      actorId: options.actorId,
      organisationId: plan.organisationId,
    });
    await options.afterCases?.(tx);
    const ids = (action: string) => [...plan.actions].filter(([, a]) => a === action).map(([id]) => id).slice(0, 1000);
    recordAudit(tx, {
      organisationId: plan.organisationId,
      actorId: options.actorId,
      action: "case.import",
      subjectType: "Import",
      subjectId: runId,
      after: {
        source: options.sourceKind,
        fileName: plan.report.source.fileName,
        format: plan.report.source.format,
        status: plan.report.status,
        updateStatus: plan.updateStatus,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
        skipped: plan.report.rejected,
        createdIds: ids("CREATE"),
        updatedIds: ids("UPDATE"),
        statusChanges: result.statusChanges
          .filter((c) => c.change.outcome === "APPLIED")
          .slice(0, 1000)
          .map((c) => ({ externalId: c.externalId, from: c.change.from, to: c.change.to })),
      },
    });
    await tx.flush();
    return result;
  });
  const applied = counts.statusChanges.filter((c) => c.change.outcome === "APPLIED").length;
  return {
    ...plan.report,
    created: counts.created,
    updated: counts.updated,
    unchanged: counts.unchanged,
    statusChanged: applied,
    statusKept: counts.statusChanges.length - applied,
    dryRun: false,
    imported: true,
  };
}
