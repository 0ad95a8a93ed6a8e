import { z } from "zod";
import { CASE_STATUS_LABELS, type CaseStatus } from "./enums.js";

/**
 * Importing existing records: CSV / Excel lists, kintone's CSV export and the kintone
 * REST API, turned into interchange cases by a mapping file. The mapping schema, the run options
 * and the report shapes live here so that the CLI, the HTTP routes and the admin page agree.
 *
 * A mapping says, for each case field, where its value comes from:
 *   "title": "件名"                                   — a column (a header, or a kintone field code / label)
 *   "kind": { "value": "KINTONE_APP" }                — a constant
 *   "fiscalYear": { "column": "年度", "values": { "今年度": 2025 } } — a value map; 年度 is parsed
 *                                                       afterwards ("R6", "令和6年度", "2024" → 2024)
 *   "tags": { "columns": ["ツール", "テーマ"], "split": ["、", "\n"] } — several columns, split into a list
 *   "background": { "columns": ["背景", "課題"], "join": "\n\n" }
 *   "externalId": { "column": "レコード番号", "prefix": "kintone-kaizen-" }
 *   "details": { "processSteps": { "column": "工程", "rows": true } } — every row of a kintone table
 *   "effects": { "rows": { "label": "効果の項目", "before": "導入前", "after": "導入後", "unit": "単位" } }
 */

export const IMPORT_ENCODINGS = ["auto", "utf-8", "shift_jis"] as const;
export type ImportEncoding = (typeof IMPORT_ENCODINGS)[number];

export const IMPORT_ENCODING_LABELS: Record<ImportEncoding, string> = {
  auto: "自動判定",
  "utf-8": "UTF-8",
  shift_jis: "Shift_JIS",
};

/**
 * What the cases an import CREATES become: the person importing chooses ("as chosen").
 * A case already stored keeps its status (a re-import with the default silently turned
 * published cases back into drafts) unless the import is asked to change it (updateStatus, CLI
 * --update-status), and then only along IMPORT_STATUS_TRANSITIONS, with an audit row each.
 */
export const IMPORT_STATUSES = ["DRAFT", "PUBLISHED"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/**
 * The status changes an import may make to a stored case: the workflow's own steps (submit, the
 * review's decisions, archive) plus publishing a draft or a case sent back directly, which is what
 * importing as PUBLISHED does to a new case. Nothing goes back to 下書き, and 不採用 and
 * アーカイブ are final, as in the workflow.
 */
export const IMPORT_STATUS_TRANSITIONS: Partial<Record<CaseStatus, readonly CaseStatus[]>> = {
  DRAFT: ["SUBMITTED", "PUBLISHED"],
  CHANGES_REQUESTED: ["SUBMITTED", "PUBLISHED"],
  SUBMITTED: ["PUBLISHED", "CHANGES_REQUESTED", "REJECTED"],
  PUBLISHED: ["ARCHIVED"],
};

/** What an import does to the status of a case it finds stored with another status. */
export interface ImportStatusChange {
  from: CaseStatus;
  to: CaseStatus;
  /** APPLIED: changed; NOT_REQUESTED: kept (the import was not asked to change stored cases); NOT_ALLOWED: kept (no such transition). */
  outcome: "APPLIED" | "NOT_REQUESTED" | "NOT_ALLOWED";
}

/**
 * The status a stored (current) or new (null) case gets from an import asking for `requested`, and
 * the change to report (null: nothing to say). The dry run and the import both decide here.
 */
export function decideImportStatus(
  current: CaseStatus | null,
  requested: CaseStatus,
  updateStatus: boolean,
): { status: CaseStatus; change: ImportStatusChange | null } {
  if (current === null) return { status: requested, change: null };
  if (current === requested) return { status: current, change: null };
  const outcome = !updateStatus ? "NOT_REQUESTED" : IMPORT_STATUS_TRANSITIONS[current]?.includes(requested) ? "APPLIED" : "NOT_ALLOWED";
  return { status: outcome === "APPLIED" ? requested : current, change: { from: current, to: requested, outcome } };
}

/** The row's status change in words, for the dry run, the report and the CLI. */
export function describeStatusChange(change: ImportStatusChange): string {
  const from = CASE_STATUS_LABELS[change.from];
  const to = CASE_STATUS_LABELS[change.to];
  if (change.outcome === "APPLIED") return `状態を変更: ${from} → ${to}`;
  if (change.outcome === "NOT_ALLOWED") return `状態は「${from}」のまま（「${from}」から「${to}」へは変えられません）`;
  return `状態は「${from}」のまま（取り込みの指定は「${to}」ですが、すでにある好事例の状態は変えません）`;
}

/** How each kind-specific detail is read from a cell (keys of shared/src/details.ts). */
export const DETAIL_VALUE_TYPES = {
  purpose: "text",
  mainFields: "list",
  processSteps: "list",
  plugins: "list",
  recordVolume: "text",
  runsOnLgwan: "boolean",
  needsInternet: "boolean",
  needsPlugins: "boolean",
  dates: "dates",
  format: "text",
  audience: "text",
  participantCount: "number",
  facilitator: "text",
  programme: "list",
  outcomes: "text",
  voices: "list",
  advisor: "text",
  advisorRole: "text",
  engagement: "text",
  lessonType: "text",
  theme: "text",
  howToApply: "text",
  tools: "list",
} as const satisfies Record<string, "text" | "list" | "boolean" | "number" | "dates">;
export type DetailKey = keyof typeof DETAIL_VALUE_TYPES;

const columnName = z.string({ error: "列名は文字列で書いてください" }).trim().min(1, { error: "列名を書いてください" }).max(200);
const constant = z.union([z.string(), z.number(), z.boolean()]);

const sourceObject = z
  .strictObject({
    /** One column (a header; for kintone also a field code or a field label). */
    column: columnName.optional(),
    /** Several columns, joined (text) or concatenated (lists). */
    columns: z.array(columnName).min(1).max(30).optional(),
    /** A constant instead of a column. */
    value: constant.optional(),
    /** Value map, applied to each value before it is read: { "R6": 2024, "済": "PUBLISHED", "-": null }. */
    values: z.record(z.string(), constant.nullable()).optional(),
    /** Separators that split a cell into list items (default: line breaks). */
    split: z.union([z.string().min(1), z.array(z.string().min(1)).min(1).max(10)]).optional(),
    /** What joins several values into one text (default: a line break; a blank line between columns). */
    join: z.string().max(20).optional(),
    /** Text put before the value (e.g. an externalId prefix). */
    prefix: z.string().max(100).optional(),
    /** externalId only: a stable hash of the values instead of the values (for lists without an id). */
    hash: z.boolean().optional(),
    /** Read the column on every row of the record (kintone tables, exported as repeated rows). */
    rows: z.boolean().optional(),
    /** Used when the cell is empty. */
    default: constant.optional(),
  })
  .superRefine((value, ctx) => {
    const given = [value.column, value.columns, value.value].filter((v) => v !== undefined).length;
    if (given !== 1) {
      ctx.addIssue({ code: "custom", message: "column・columns・value のどれか1つを書いてください" });
    }
  });

/** Where one case field comes from: a column name, or an object with options. */
export const sourceSpecSchema = z.union([columnName, sourceObject], {
  error: "列名（文字列）か { \"column\": … } の形で書いてください",
});
export type SourceSpec = z.infer<typeof sourceSpecSchema>;
export type SourceSpecObject = z.infer<typeof sourceObject>;

export const effectSpecSchema = z.strictObject({
  label: sourceSpecSchema,
  before: sourceSpecSchema.optional(),
  after: sourceSpecSchema.optional(),
  unit: sourceSpecSchema.optional(),
});
export type EffectSpec = z.infer<typeof effectSpecSchema>;

const detailKeys = Object.keys(DETAIL_VALUE_TYPES) as [DetailKey, ...DetailKey[]];

export const mappingFieldsSchema = z.strictObject(
  {
    externalId: sourceSpecSchema,
    /** 団体コード (interchange `organisation`): a record naming another organisation than the importer's is rejected. */
    organisation: sourceSpecSchema.optional(),
    kind: sourceSpecSchema,
    title: sourceSpecSchema,
    summary: sourceSpecSchema,
    background: sourceSpecSchema.optional(),
    actions: sourceSpecSchema.optional(),
    results: sourceSpecSchema.optional(),
    tips: sourceSpecSchema.optional(),
    department: sourceSpecSchema,
    departmentPath: sourceSpecSchema.optional(),
    fiscalYear: sourceSpecSchema,
    tags: sourceSpecSchema.optional(),
    /** Fixed effects (one per entry), or one effect per row of a kintone table. */
    effects: z
      .union([z.array(effectSpecSchema).max(20), z.strictObject({ rows: effectSpecSchema })], {
        error: "effects は [{ \"label\": … }] か { \"rows\": { \"label\": … } } の形で書いてください",
      })
      .optional(),
    details: z
      .partialRecord(z.enum(detailKeys, { error: `details に書けるのは ${detailKeys.join(", ")} です` }), sourceSpecSchema)
      .optional(),
  },
  {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `fields に書けない項目です: ${issue.keys.join(", ")}（status は取り込むときに選びます）`
        : issue.input === undefined
          ? "fields を書いてください"
          : undefined,
  },
);

export const MAPPING_FORMATS = ["table", "kintone"] as const;

export const tableMappingSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().max(200).optional(),
  description: z.string().max(4000).optional(),
  /** "kintone": kintone's CSV export (tables as repeated rows) and the kintone REST API. */
  format: z.enum(MAPPING_FORMATS, { error: "format は table か kintone です" }).default("table"),
  encoding: z.enum(IMPORT_ENCODINGS, { error: "encoding は auto・utf-8・shift_jis のどれかです" }).default("auto"),
  delimiter: z.enum([",", "\t", ";"], { error: "delimiter は「,」・タブ・「;」のどれかです" }).optional(),
  /** Excel: the sheet's name or number (1 = first). */
  sheet: z.union([z.string().min(1), z.number().int().min(1)]).optional(),
  /** The row holding the column names (1 = first). */
  headerRow: z.number().int().min(1).max(100).default(1),
  kintone: z
    .strictObject({
      /** kintone CSV: the column marking the first row of each record. */
      recordStartColumn: z.string().min(1).default("レコードの開始行"),
      /** kintone REST: put the app's form fields and process management into KINTONE_APP cases' details. */
      captureAppStructure: z.boolean().default(true),
      /** kintone REST: which file fields to store as attachments (default: every file field). */
      attachments: z.array(columnName).max(30).optional(),
    })
    .prefault({}),
  fields: mappingFieldsSchema,
});
export type TableMapping = z.output<typeof tableMappingSchema>;
export type TableMappingInput = z.input<typeof tableMappingSchema>;

/** Options a person chooses when importing (CLI flags, the admin page). */
export const tableImportOptionsSchema = z.strictObject({
  status: z.enum(IMPORT_STATUSES, { error: "取り込み後の状態は DRAFT か PUBLISHED です" }).default("DRAFT"),
  encoding: z.enum(IMPORT_ENCODINGS, { error: "文字コードは auto・utf-8・shift_jis のどれかです" }).optional(),
  sheet: z.string().trim().max(100).optional(),
  skipInvalid: z.boolean().default(false),
  /** Also change the status of cases already stored (along IMPORT_STATUS_TRANSITIONS). */
  updateStatus: z.boolean().default(false),
});
export type TableImportOptions = z.output<typeof tableImportOptionsSchema>;

// ── Reports ──────────────────────────────────────────────────────────────────────────────────

export const IMPORT_ROW_ACTIONS = ["CREATE", "UPDATE", "UNCHANGED", "REJECT"] as const;
export type ImportRowAction = (typeof IMPORT_ROW_ACTIONS)[number];
export const IMPORT_ROW_ACTION_LABELS: Record<ImportRowAction, string> = {
  CREATE: "新規",
  UPDATE: "更新",
  UNCHANGED: "変更なし",
  REJECT: "誤り",
};

export interface ImportRowReport {
  /** Where the record is: "3行目", "3〜5行目", "レコード番号 12". */
  where: string;
  /** First row in the file (1 = the first line, header included); null for the kintone API. */
  row: number | null;
  externalId: string | null;
  title: string | null;
  action: ImportRowAction;
  messages: string[];
  /** A stored case whose status differs from the one asked for: changed or kept (its words are in messages too). */
  statusChange?: ImportStatusChange | null;
}

export interface ImportSourceInfo {
  fileName: string;
  format: "csv" | "xlsx" | "kintone-api";
  encoding: "utf-8" | "shift_jis" | null;
  sheet: string | null;
  /** The column names found (or the kintone fields), to help writing a mapping. */
  columns: string[];
}

export interface TableImportReport {
  source: ImportSourceInfo;
  status: ImportStatus;
  /** Problems with the file or the mapping as a whole (missing columns, unreadable file). */
  fileErrors: string[];
  records: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Stored cases whose status the import changes, and those that keep a status other than the one asked for. */
  statusChanged?: number;
  statusKept?: number;
  rows: ImportRowReport[];
  warnings: string[];
  attachments: { stored: number; present: number; skipped: number } | null;
  dryRun: boolean;
  /** True once written; false when errors stopped it (then nothing was written). */
  imported: boolean;
}

export const IMPORT_RUN_STATES = ["PLANNED", "RUNNING", "SUCCEEDED", "FAILED"] as const;
export type ImportRunState = (typeof IMPORT_RUN_STATES)[number];

export const IMPORT_PHASES = ["read", "check", "write", "attachments", "done"] as const;
export type ImportPhase = (typeof IMPORT_PHASES)[number];
export const IMPORT_PHASE_LABELS: Record<ImportPhase, string> = {
  read: "ファイルを読んでいます",
  check: "内容を確認しています",
  write: "取り込んでいます",
  attachments: "添付ファイルを保存しています",
  done: "完了",
};

/** An import started from the admin page, as GET /api/imports/:id answers it. */
export interface ImportRunView {
  id: string;
  state: ImportRunState;
  phase: ImportPhase;
  done: number;
  total: number;
  fileName: string;
  options: TableImportOptions;
  /** The dry run made when the file was uploaded. */
  plan: TableImportReport;
  /** The final report, once the import has ended. */
  report: TableImportReport | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** "状態の変更 2件 / 状態はそのまま 3件", or "" when no stored case's status differs. */
export function summarizeStatusChanges(report: Pick<TableImportReport, "statusChanged" | "statusKept">): string {
  const parts: string[] = [];
  if (report.statusChanged) parts.push(`状態の変更 ${report.statusChanged.toLocaleString("ja-JP")}件`);
  if (report.statusKept) parts.push(`状態はそのまま ${report.statusKept.toLocaleString("ja-JP")}件`);
  return parts.join(" / ");
}

/** "新規 3件 / 更新 1件 / 変更なし 0件 / 誤り 0件" — the one-line summary the CLI and the page show. */
export function summarizeImport(report: Pick<TableImportReport, "created" | "updated" | "unchanged" | "rejected">): string {
  const n = (v: number) => v.toLocaleString("ja-JP");
  return `新規 ${n(report.created)}件 / 更新 ${n(report.updated)}件 / 変更なし ${n(report.unchanged)}件 / 誤り ${n(report.rejected)}件`;
}
