import { KintoneRestAPIClient, KintoneRestAPIError } from "@kintone/rest-api-client";
import type { TableMapping } from "@kb/shared";
import { mappingColumns, type Scope, type SourceRecord, type SourceValue } from "./mapping.js";
import { columnKey, type Cell } from "./table-reader.js";

/**
 * Reading a kintone app through the official REST API client: the form fields
 * (GET /k/v1/app/form/fields.json), process management (GET /k/v1/app/status.json), every record
 * through a cursor (POST, GET and — when stopping early — DELETE /k/v1/records/cursor.json) and
 * attached files (GET /k/v1/file.json).
 *
 * The API token is a secret: it goes only into the client's request header. Errors from the client
 * (axios errors carry the request headers) never leave this module: they are turned into a
 * KintoneImportError holding only the status, kintone's error code and message.
 */

export interface KintoneConnection {
  baseUrl: string;
  app: string;
  apiToken: string;
  guestSpaceId?: string;
}

export interface KintoneField {
  type: string;
  value: unknown;
}
export type KintoneRecord = Record<string, KintoneField>;

export interface FieldProperty {
  type: string;
  code: string;
  label: string;
  lookup?: unknown;
  fields?: Record<string, FieldProperty>;
}

export interface ProcessManagement {
  enable: boolean;
  states: Record<string, { name: string; index: string }> | null;
  actions: { name: string; from: string; to: string }[] | null;
}

export interface KintoneAppData {
  connection: Omit<KintoneConnection, "apiToken">;
  properties: Record<string, FieldProperty>;
  process: ProcessManagement;
  records: KintoneRecord[];
  totalCount: number;
}

export interface KintoneFile {
  fileKey: string;
  name: string;
  contentType: string;
  size: number;
}

export class KintoneImportError extends Error {
  override name = "KintoneImportError";
}

const CURSOR_SIZE = 500;

function clientFor(conn: KintoneConnection): KintoneRestAPIClient {
  let url: URL;
  try {
    url = new URL(conn.baseUrl);
  } catch {
    throw new KintoneImportError(`--base-url が URL ではありません: ${conn.baseUrl}`);
  }
  if (url.protocol !== "https:" && url.hostname !== "localhost") {
    throw new KintoneImportError("--base-url は https:// で始まる kintone の URL にしてください（例: https://example.cybozu.com）。");
  }
  try {
    return new KintoneRestAPIClient({
      baseUrl: url.origin,
      auth: { apiToken: conn.apiToken },
      ...(conn.guestSpaceId ? { guestSpaceId: conn.guestSpaceId } : {}),
      userAgent: "kojirei-kb",
      socketTimeout: 60_000,
    });
  } catch (error) {
    throw new KintoneImportError(`kintone に接続する準備ができません: ${(error as Error).message}`);
  }
}

/** Runs one request; any failure becomes a KintoneImportError without the request's details. */
async function call<T>(conn: KintoneConnection, what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw describeError(conn, what, error);
  }
}

export function describeError(conn: Pick<KintoneConnection, "baseUrl">, what: string, error: unknown): KintoneImportError {
  if (error instanceof KintoneImportError) return error;
  if (error instanceof KintoneRestAPIError) {
    const auth = error.status === 401 || /^(CB_WA01|CB_AU01|GAIA_IA0\d|GAIA_NO01)$/.test(error.code ?? "");
    const hint = auth
      ? " APIトークンと、そのトークンにこのアプリのレコード閲覧・アプリ管理の権限があるかを確認してください。"
      : error.status === 404 || error.code === "GAIA_AP01"
        ? " --app（アプリID）を確認してください。"
        : "";
    // kintone's own message ("[520] [GAIA_IA02] 指定したAPIトークンが…") is safe to show: no header is in it.
    return new KintoneImportError(`kintone が${what}に失敗しました（HTTP ${error.status}、${error.code}）: ${kintoneMessage(error)}${hint}`);
  }
  const code = (error as { code?: unknown } | null)?.code;
  const status = /^(\d{3}): /.exec((error as Error | null)?.message ?? "")?.[1];
  if (status) return new KintoneImportError(`kintone が${what}に失敗しました（HTTP ${status}）。`);
  return new KintoneImportError(
    `kintone（${conn.baseUrl}）に接続できません${typeof code === "string" ? `（${code}）` : ""}。--base-url とネットワークを確認してください。`,
  );
}

function kintoneMessage(error: KintoneRestAPIError): string {
  return error.message.replace(/^\[\d+\] \[[^\]]*\] /, "");
}

export interface FetchProgress {
  phase: "fetch";
  done: number;
  total: number;
}

/** The app's fields, process management and every record matching `query`, page by page. */
export async function fetchKintoneApp(
  conn: KintoneConnection,
  options: { query?: string; onProgress?: (p: FetchProgress) => void } = {},
): Promise<KintoneAppData> {
  const client = clientFor(conn);
  const app = conn.app;
  const form = await call(conn, "フォームの取得", () => client.app.getFormFields({ app }));
  const process = await call(conn, "プロセス管理の設定の取得", () => client.app.getProcessManagement({ app }));
  const cursor = await call(conn, "レコードの取得（カーソルの作成）", () =>
    client.record.createCursor({ app, query: options.query ?? "order by $id asc", size: CURSOR_SIZE }),
  );
  const total = Number(cursor.totalCount);
  const records: KintoneRecord[] = [];
  let finished = false;
  try {
    options.onProgress?.({ phase: "fetch", done: 0, total });
    for (;;) {
      const page = await call(conn, "レコードの取得", () => client.record.getRecordsByCursor({ id: cursor.id }));
      records.push(...(page.records as unknown as KintoneRecord[]));
      options.onProgress?.({ phase: "fetch", done: records.length, total });
      if (!page.next) {
        finished = true;
        break;
      }
    }
  } finally {
    // kintone deletes a cursor read to the end; one left open counts against the app's limit.
    if (!finished) await client.record.deleteCursor({ id: cursor.id }).catch(() => {});
  }
  records.sort((a, b) => Number(a["$id"]?.value ?? 0) - Number(b["$id"]?.value ?? 0));
  return {
    connection: { baseUrl: conn.baseUrl, app: conn.app, guestSpaceId: conn.guestSpaceId },
    properties: form.properties as unknown as Record<string, FieldProperty>,
    process: process as ProcessManagement,
    records,
    totalCount: total,
  };
}

export async function downloadKintoneFile(conn: KintoneConnection, fileKey: string): Promise<Buffer> {
  const client = clientFor(conn);
  const data = await call(conn, "添付ファイルのダウンロード", () => client.file.downloadFile({ fileKey }));
  return Buffer.from(data);
}

// ── Records as mapping sources ──────────────────────────────────────────────────────────────

const SYSTEM_TYPES = new Set([
  "RECORD_NUMBER", "__ID__", "__REVISION__", "CREATOR", "CREATED_TIME", "MODIFIER", "UPDATED_TIME", "STATUS",
  "STATUS_ASSIGNEE", "CATEGORY", "GROUP", "LABEL", "SPACER", "HR",
]);

const TYPE_LABELS: Record<string, string> = {
  SINGLE_LINE_TEXT: "文字列（1行）",
  MULTI_LINE_TEXT: "文字列（複数行）",
  RICH_TEXT: "リッチエディター",
  NUMBER: "数値",
  CALC: "計算",
  RADIO_BUTTON: "ラジオボタン",
  CHECK_BOX: "チェックボックス",
  MULTI_SELECT: "複数選択",
  DROP_DOWN: "ドロップダウン",
  DATE: "日付",
  TIME: "時刻",
  DATETIME: "日時",
  LINK: "リンク",
  FILE: "添付ファイル",
  USER_SELECT: "ユーザー選択",
  ORGANIZATION_SELECT: "組織選択",
  GROUP_SELECT: "グループ選択",
  SUBTABLE: "テーブル",
  REFERENCE_TABLE: "関連レコード一覧",
};

interface ColumnRef {
  code: string;
  /** The table holding the field, for a field inside a table. */
  table?: string;
}

/** Field codes and labels (outside and inside tables) → where the value is. Codes win over labels. */
function columnIndex(properties: Record<string, FieldProperty>): Map<string, ColumnRef> {
  const byCode = new Map<string, ColumnRef>();
  const byLabel = new Map<string, ColumnRef | null>();
  const add = (p: FieldProperty, table?: string) => {
    byCode.set(columnKey(p.code), { code: p.code, table });
    const key = columnKey(p.label ?? "");
    if (key) byLabel.set(key, byLabel.has(key) ? null : { code: p.code, table });
  };
  for (const p of Object.values(properties)) {
    add(p);
    if (p.type === "SUBTABLE") for (const inner of Object.values(p.fields ?? {})) add(inner, p.code);
  }
  const out = new Map<string, ColumnRef>();
  for (const [k, v] of byLabel) if (v) out.set(k, v);
  for (const [k, v] of byCode) out.set(k, v);
  return out;
}

/** A kintone value as cells: text, lists for multi-value fields, names for users and files. */
function valueOf(field: KintoneField | undefined): SourceValue {
  if (!field || field.value === null || field.value === undefined) return null;
  const v = field.value;
  if (field.type === "RICH_TEXT" && typeof v === "string") return richTextToPlain(v);
  if (typeof v === "string") return v;
  if (Array.isArray(v)) {
    return v
      .map((item: unknown): Cell => {
        if (typeof item === "string") return item;
        if (item && typeof item === "object" && "name" in item) return String((item as { name: unknown }).name);
        return null;
      })
      .filter((c) => c !== null);
  }
  if (typeof v === "object" && "name" in (v as object)) return String((v as { name: unknown }).name);
  return null;
}

function richTextToPlain(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/(p|div|li|h\d)>/gi, "\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

interface TableRow {
  value: Record<string, KintoneField>;
}

export interface KintoneSourceRecord extends SourceRecord {
  files: KintoneFile[];
}

export interface KintoneRecords {
  records: KintoneSourceRecord[];
  missingColumns: string[];
  /** Field labels and codes, for the report. */
  columns: string[];
}

/**
 * Records as mapping sources, laid out as kintone's CSV export lays them out, so that one mapping
 * serves both: a record's own fields on its first row, table fields row by row (several tables
 * side by side). Columns are field codes or field labels.
 */
export function kintoneRecords(data: KintoneAppData, mapping: TableMapping): KintoneRecords {
  const index = columnIndex(data.properties);
  const missingColumns = mappingColumns(mapping).filter((c) => !index.has(columnKey(c)));
  const fileFields = attachmentFields(data.properties, mapping, index, missingColumns);
  const columns = Object.values(data.properties).flatMap((p) =>
    p.type === "SUBTABLE" ? Object.values(p.fields ?? {}).map((f) => `${f.label}（${f.code}）`) : [`${p.label}（${p.code}）`],
  );

  const records = data.records.map((record): KintoneSourceRecord => {
    const tableRows = (table: string): TableRow[] => (record[table]?.value as TableRow[] | undefined) ?? [];
    const tables = Object.values(data.properties).filter((p) => p.type === "SUBTABLE").map((p) => p.code);
    const rowCount = Math.max(1, ...tables.map((t) => tableRows(t).length));
    const rowScope = (i: number): Scope => {
      const scope: Scope = {
        get(column) {
          const ref = index.get(columnKey(column));
          if (!ref) return undefined;
          if (ref.table) return valueOf(tableRows(ref.table)[i]?.value[ref.code]);
          return i === 0 ? valueOf(record[ref.code]) : null;
        },
        rows: () => [scope],
      };
      return scope;
    };
    const rows = Array.from({ length: rowCount }, (_, i) => rowScope(i));
    const number = Object.values(record).find((f) => f.type === "RECORD_NUMBER")?.value ?? record["$id"]?.value;
    const files: KintoneFile[] = [];
    for (const ref of fileFields) {
      const cells = ref.table ? tableRows(ref.table).map((r) => r.value[ref.code]) : [record[ref.code]];
      for (const cell of cells) if (Array.isArray(cell?.value)) files.push(...(cell.value as KintoneFile[]));
    }
    return {
      where: `レコード番号 ${String(number ?? "?")}`,
      row: null,
      files,
      get(column) {
        const ref = index.get(columnKey(column));
        if (!ref) return undefined;
        if (!ref.table) return valueOf(record[ref.code]);
        return tableRows(ref.table).flatMap((r) => {
          const v = valueOf(r.value[ref.code]);
          return Array.isArray(v) ? v : v === null ? [] : [v as Cell];
        });
      },
      rows: () => rows,
    };
  });
  return { records, missingColumns, columns };
}

function attachmentFields(
  properties: Record<string, FieldProperty>,
  mapping: TableMapping,
  index: Map<string, ColumnRef>,
  missing: string[],
): ColumnRef[] {
  const named = mapping.kintone.attachments;
  if (named) {
    const refs: ColumnRef[] = [];
    for (const name of named) {
      const ref = index.get(columnKey(name));
      if (ref) refs.push(ref);
      else missing.push(name);
    }
    return refs;
  }
  return Object.values(properties).flatMap((p): ColumnRef[] =>
    p.type === "FILE"
      ? [{ code: p.code }]
      : p.type === "SUBTABLE"
        ? Object.values(p.fields ?? {}).filter((f) => f.type === "FILE").map((f) => ({ code: f.code, table: p.code }))
        : [],
  );
}

/**
 * The app's structure, for the details of KINTONE_APP cases (shared/src/details.ts; its main fields and
 * process management steps are the most reusable part of such a case).
 */
export function appStructureDetails(data: KintoneAppData): Record<string, unknown> {
  const clip = (s: string) => (s.length > 500 ? `${s.slice(0, 499)}…` : s);
  const mainFields = Object.values(data.properties)
    .filter((p) => !SYSTEM_TYPES.has(p.type))
    .map((p) => {
      const type = p.lookup ? "ルックアップ" : (TYPE_LABELS[p.type] ?? p.type);
      if (p.type !== "SUBTABLE") return clip(`${p.label}：${type}`);
      const inner = Object.values(p.fields ?? {}).map((f) => f.label);
      return clip(`${p.label}：${type}（${inner.join("、")}）`);
    })
    .slice(0, 50);
  const details: Record<string, unknown> = { recordVolume: `${data.totalCount.toLocaleString("ja-JP")}件（kintone から取り込んだ時点）` };
  if (mainFields.length) details["mainFields"] = mainFields;
  if (data.process.enable && data.process.states) {
    const states = Object.values(data.process.states).sort((a, b) => Number(a.index) - Number(b.index));
    const actions = data.process.actions ?? [];
    details["processSteps"] = states
      .map((s) => {
        const next = actions.filter((a) => a.from === s.name).map((a) => `「${a.name}」で ${a.to}`);
        return clip(next.length ? `${s.name} → ${next.join("、")}` : s.name);
      })
      .slice(0, 50);
  }
  return details;
}
