import { randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for a kintone domain, answering the documented REST endpoints that
 * `kb import-kintone` uses, as kintone answers them:
 *   GET    /k/v1/app/form/fields.json?app=    { properties, revision }
 *   GET    /k/v1/app/status.json?app=         { enable, states, actions, revision }
 *   POST   /k/v1/records/cursor.json          { app, query, size } → { id, totalCount }
 *   GET    /k/v1/records/cursor.json?id=      { records (at most `size`), next }
 *   DELETE /k/v1/records/cursor.json?id=      {}
 *   GET    /k/v1/file.json?fileKey=           the file's bytes
 * Errors use kintone's JSON shape { code, id, message } (401 for a wrong API token; 520 for the
 * failures tests ask for). Every request is recorded (method, path, token) for the tests.
 */
export interface FakeKintoneOptions {
  token: string;
  app: string;
  properties: Record<string, unknown>;
  process: { enable: boolean; states: Record<string, unknown> | null; actions: unknown[] | null };
  records: Record<string, { type: string; value: unknown }>[];
  files: Record<string, Buffer>;
}

export interface FakeKintone {
  url: string;
  requests: { method: string; path: string; token: string | undefined }[];
  /** Make the n-th cursor page request (1-based) answer 520 with a kintone error. */
  failCursorPage: number | null;
  openCursors(): number;
  close(): Promise<void>;
}

export async function startFakeKintone(options: FakeKintoneOptions): Promise<FakeKintone> {
  const cursors = new Map<string, { records: FakeKintoneOptions["records"]; offset: number; size: number }>();
  let pageRequests = 0;
  const state: FakeKintone = {
    url: "",
    requests: [],
    failCursorPage: null,
    openCursors: () => cursors.size,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  };
  const kintoneError = (res: http.ServerResponse, status: number, code: string, message: string) =>
    send(res, status, { code, id: randomUUID().replace(/-/g, "").slice(0, 20), message });

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://localhost");
      const token = req.headers["x-cybozu-api-token"] as string | undefined;
      state.requests.push({ method: req.method ?? "", path: url.pathname, token });
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>) : {};
      const param = (name: string) => url.searchParams.get(name) ?? (body[name] as string | undefined);

      if (!token || token.split(",").every((t) => t !== options.token)) {
        return kintoneError(res, 401, "CB_WA01", "ユーザーのパスワード認証に失敗しました。「X-Cybozu-Authorization」ヘッダーの値が正しくありません。");
      }
      const appMatches = () => String(param("app")) === options.app;
      const route = `${req.method} ${url.pathname}`;
      switch (route) {
        case "GET /k/v1/app/form/fields.json":
          if (!appMatches()) return kintoneError(res, 404, "GAIA_AP01", `指定したアプリ（id: ${param("app")}）が見つかりません。削除されている可能性があります。`);
          return send(res, 200, { properties: options.properties, revision: "7" });
        case "GET /k/v1/app/status.json":
          if (!appMatches()) return kintoneError(res, 404, "GAIA_AP01", `指定したアプリ（id: ${param("app")}）が見つかりません。削除されている可能性があります。`);
          return send(res, 200, { ...options.process, revision: "3" });
        case "POST /k/v1/records/cursor.json": {
          if (!appMatches()) return kintoneError(res, 404, "GAIA_AP01", `指定したアプリ（id: ${param("app")}）が見つかりません。削除されている可能性があります。`);
          const size = Number(body["size"] ?? 100);
          if (!(size >= 1 && size <= 500)) return kintoneError(res, 400, "CB_VA01", "入力内容が正しくありません。");
          const id = randomUUID();
          cursors.set(id, { records: options.records, offset: 0, size });
          return send(res, 200, { id, totalCount: String(options.records.length) });
        }
        case "GET /k/v1/records/cursor.json": {
          pageRequests++;
          const cursor = cursors.get(String(param("id")));
          if (!cursor) return kintoneError(res, 520, "GAIA_CU01", "指定したカーソルが見つかりません。");
          if (state.failCursorPage !== null && pageRequests === state.failCursorPage) {
            return kintoneError(res, 520, "GAIA_TM12", "処理がタイムアウトしました。しばらくしてから再度お試しください。");
          }
          const records = cursor.records.slice(cursor.offset, cursor.offset + cursor.size);
          cursor.offset += records.length;
          const next = cursor.offset < cursor.records.length;
          if (!next) cursors.delete(String(param("id")));
          return send(res, 200, { records, next });
        }
        case "DELETE /k/v1/records/cursor.json":
          if (!cursors.delete(String(param("id")))) return kintoneError(res, 520, "GAIA_CU01", "指定したカーソルが見つかりません。");
          return send(res, 200, {});
        case "GET /k/v1/file.json": {
          const file = options.files[String(param("fileKey"))];
          if (!file) return kintoneError(res, 520, "GAIA_BL01", "指定したファイル（id: 不明）が見つかりません。");
          res.writeHead(200, { "content-type": "application/octet-stream", "content-length": String(file.length) });
          return res.end(file);
        }
        default:
          return kintoneError(res, 404, "CB_NO02", "指定したAPIは存在しません。");
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  state.url = `http://localhost:${(server.address() as AddressInfo).port}`;
  return state;
}

// ── The app used by the tests: a 業務改善事例 app like the CSV example's ──────────────────────

const field = (type: string, code: string, label: string, extra: Record<string, unknown> = {}) => ({ type, code, label, noLabel: false, ...extra });

export const KAIZEN_APP_PROPERTIES = {
  レコード番号: field("RECORD_NUMBER", "レコード番号", "レコード番号"),
  $id: field("__ID__", "$id", "$id"),
  作成者: field("CREATOR", "作成者", "作成者"),
  ステータス: field("STATUS", "ステータス", "ステータス", { enabled: true }),
  title: field("SINGLE_LINE_TEXT", "title", "事例名", { required: true }),
  kind: field("DROP_DOWN", "kind", "種別"),
  dept: field("SINGLE_LINE_TEXT", "dept", "所属課"),
  bureau: field("SINGLE_LINE_TEXT", "bureau", "所属部局"),
  fy: field("DROP_DOWN", "fy", "年度"),
  summary: field("MULTI_LINE_TEXT", "summary", "概要"),
  background: field("MULTI_LINE_TEXT", "background", "背景・課題"),
  actions: field("RICH_TEXT", "actions", "取組内容"),
  results: field("MULTI_LINE_TEXT", "results", "成果"),
  tips: field("MULTI_LINE_TEXT", "tips", "工夫・苦労した点"),
  tags: field("CHECK_BOX", "tags", "タグ"),
  purpose: field("SINGLE_LINE_TEXT", "purpose", "アプリの目的"),
  fields_text: field("MULTI_LINE_TEXT", "fields_text", "主なフィールド"),
  lgwan: field("RADIO_BUTTON", "lgwan", "LGWANで利用"),
  docs: field("FILE", "docs", "資料"),
  effects: {
    type: "SUBTABLE",
    code: "effects",
    label: "効果",
    noLabel: false,
    fields: {
      effect_label: field("SINGLE_LINE_TEXT", "effect_label", "効果の項目"),
      before: field("NUMBER", "before", "導入前"),
      after: field("NUMBER", "after", "導入後"),
      unit: field("SINGLE_LINE_TEXT", "unit", "単位"),
    },
  },
};

export const KAIZEN_APP_PROCESS = {
  enable: true,
  states: {
    下書き: { name: "下書き", index: "0", assignee: { type: "ONE", entities: [{ entity: { type: "CREATOR", code: null }, includeSubs: false }] } },
    課内確認: { name: "課内確認", index: "1", assignee: { type: "ONE", entities: [] } },
    登録済み: { name: "登録済み", index: "2", assignee: { type: "ONE", entities: [] } },
  },
  actions: [
    { name: "確認を依頼する", from: "下書き", to: "課内確認", filterCond: "", type: "PRIMARY" },
    { name: "登録する", from: "課内確認", to: "登録済み", filterCond: "", type: "PRIMARY" },
    { name: "差し戻す", from: "課内確認", to: "下書き", filterCond: "", type: "SECONDARY", executableUser: { entities: [] } },
  ],
};

const v = (type: string, value: unknown) => ({ type, value });

/** Record n of the test app (1-based); records 1 and 2 carry files. */
export function kaizenRecord(n: number): Record<string, { type: string; value: unknown }> {
  const isApp = n % 3 === 1;
  return {
    $id: v("__ID__", String(n)),
    $revision: v("__REVISION__", "2"),
    レコード番号: v("RECORD_NUMBER", String(n)),
    作成者: v("CREATOR", { code: "kaizen", name: "改善 花子" }),
    ステータス: v("STATUS", "登録済み"),
    title: v("SINGLE_LINE_TEXT", n === 1 ? "粗大ごみ収集 受付台帳アプリ" : `業務改善事例 その${n}`),
    kind: v("DROP_DOWN", isApp ? "kintoneアプリ" : "その他の業務改善"),
    dept: v("SINGLE_LINE_TEXT", n % 2 ? "環境政策課" : "市民課"),
    bureau: v("SINGLE_LINE_TEXT", n % 2 ? "環境部" : "市民交流部"),
    fy: v("DROP_DOWN", n % 2 ? "令和6年度" : "R5"),
    summary: v("MULTI_LINE_TEXT", `事例${n}の概要です。電話で受けていた申込みを台帳にまとめました。`),
    background: v("MULTI_LINE_TEXT", "紙の台帳を複数の職員で回していた。"),
    actions: v("RICH_TEXT", "<div>受付を<b>アプリ</b>に一本化した。<br />収集日は自動で案内する。</div>"),
    results: v("MULTI_LINE_TEXT", "受付1件あたりの時間が短くなった。"),
    tips: v("MULTI_LINE_TEXT", ""),
    tags: v("CHECK_BOX", n === 1 ? ["kintone", "窓口DX"] : ["業務改善"]),
    purpose: v("SINGLE_LINE_TEXT", isApp ? "申込みの受付と収集日の案内をまとめて行う。" : ""),
    fields_text: v("MULTI_LINE_TEXT", n === 4 ? "申込者\n品目\n収集日" : ""),
    lgwan: v("RADIO_BUTTON", isApp ? "はい" : "いいえ"),
    docs: v(
      "FILE",
      n === 1
        ? [
            { contentType: "application/pdf", fileKey: "file-pdf-1", name: "受付手順書.pdf", size: String(KAIZEN_FILES["file-pdf-1"]!.length) },
            { contentType: "application/x-msdownload", fileKey: "file-exe-1", name: "setup.exe", size: String(KAIZEN_FILES["file-exe-1"]!.length) },
          ]
        : n === 2
          ? [{ contentType: "text/csv", fileKey: "file-csv-2", name: "品目一覧.csv", size: String(KAIZEN_FILES["file-csv-2"]!.length) }]
          : [],
    ),
    effects: v(
      "SUBTABLE",
      n === 1
        ? [
            { id: "9001", value: { effect_label: v("SINGLE_LINE_TEXT", "受付時間"), before: v("NUMBER", "12"), after: v("NUMBER", "5"), unit: v("SINGLE_LINE_TEXT", "分/件") } },
            { id: "9002", value: { effect_label: v("SINGLE_LINE_TEXT", "転記ミス"), before: v("NUMBER", "8"), after: v("NUMBER", "0"), unit: v("SINGLE_LINE_TEXT", "件/月") } },
          ]
        : [],
    ),
  };
}

export const KAIZEN_FILES: Record<string, Buffer> = {
  "file-pdf-1": Buffer.from("%PDF-1.4\n% test pdf\n1 0 obj <<>> endobj\n%%EOF\n"),
  "file-exe-1": Buffer.from("MZ\u0090\u0000"),
  "file-csv-2": Buffer.from("品目,料金\nたんす,800\n", "utf8"),
};
