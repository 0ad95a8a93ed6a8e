import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { KAIZEN_APP_PROCESS, KAIZEN_APP_PROPERTIES, KAIZEN_FILES, kaizenRecord, startFakeKintone, type FakeKintone } from "../support/kintone-server.js";
import { runNode } from "../support/processes.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/**
 * `npm run kb -- import-kintone` as a user runs it (the built CLI in its own process) against a
 * local server answering kintone's documented endpoints: 1,050 records over three cursor pages,
 * the app's form fields and process management, file downloads, and kintone's error answers.
 * The API token comes from the environment and must never appear in what the CLI prints.
 */
const TOKEN = "kintone-test-token-7f3a9c2e51";
const RECORDS = 1050;
const MAPPING = path.join(REPO_ROOT, "seeds/import-examples/kintone-export.mapping.json");

let kb: TestBackend;
let kintone: FakeKintone;

beforeAll(async () => {
  kb = await createTestBackend();
  kintone = await startFakeKintone({
    token: TOKEN,
    app: "42",
    properties: KAIZEN_APP_PROPERTIES,
    process: KAIZEN_APP_PROCESS,
    records: Array.from({ length: RECORDS }, (_, i) => kaizenRecord(i + 1)),
    files: KAIZEN_FILES,
  });
});
afterAll(async () => {
  await kintone?.close();
  await kb?.close();
});

const kbImport = (args: string[], env: Record<string, string> = {}) =>
  runNode("server/dist/cli/kb.js", ["import-kintone", "--base-url", kintone.url, "--app", "42", "--mapping", MAPPING, ...args], {
    ...kb.env,
    KB_KINTONE_API_TOKEN: TOKEN,
    // Everything the CLI can log, so a leak would show.
    LOG_LEVEL: "debug",
    ...env,
  });

async function caseCount(): Promise<number> {
  const [row] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases");
  return Number(row!.n);
}

describe("kb import-kintone (CLI)", () => {
  it("refuses a wrong token with kintone's message, never printing a token, and imports nothing", async () => {
    const result = await kbImport([], { KB_KINTONE_API_TOKEN: "wrong-token-5b1e" });
    expect(result.code, result.output).toBe(1);
    expect(result.output).toContain("HTTP 401、CB_WA01");
    expect(result.output).toContain("APIトークン");
    expect(result.output).not.toContain("wrong-token-5b1e");
    expect(result.output).not.toContain(TOKEN);
    expect(await caseCount()).toBe(0);
  });

  it("asks for a token when none is set (and stops without one on a pipe)", async () => {
    const result = await kbImport([], { KB_KINTONE_API_TOKEN: "" });
    expect(result.code).toBe(2);
    expect(result.output).toContain("KB_KINTONE_API_TOKEN");
  });

  it("reports a 520 in the middle of the cursor pages, deletes the cursor and imports nothing", async () => {
    const before = kintone.requests.length;
    kintone.failCursorPage = 2;
    try {
      const result = await kbImport([]);
      expect(result.code, result.output).toBe(1);
      expect(result.output).toContain("HTTP 520、GAIA_TM12");
      expect(result.output).not.toContain(TOKEN);
    } finally {
      kintone.failCursorPage = null;
    }
    const made = kintone.requests.slice(before);
    expect(made.filter((r) => r.method === "DELETE" && r.path === "/k/v1/records/cursor.json")).toHaveLength(1);
    expect(kintone.openCursors()).toBe(0);
    expect(await caseCount()).toBe(0);
  });

  it("dry-runs, then imports every record over several cursor pages with the app's structure and files", async () => {
    const dry = await kbImport(["--dry-run"]);
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toMatch(/^レコード番号 1 \(kintone-kaizen-1\): 新規 {2}粗大ごみ収集 受付台帳アプリ$/m);
    expect(dry.output).toContain(`取り込むと: 新規 ${RECORDS.toLocaleString("ja-JP")}件 / 更新 0件 / 変更なし 0件 / 誤り 0件`);
    expect(dry.output).toContain("添付ファイル 保存 2件・既存 0件・対象外 1件");
    expect(dry.output).toContain("setup.exe");
    expect(await caseCount()).toBe(0);

    const before = kintone.requests.length;
    const first = await kbImport(["--status", "PUBLISHED"]);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain(`取り込み完了: 新規 ${RECORDS.toLocaleString("ja-JP")}件 / 更新 0件 / 変更なし 0件 / 誤り 0件`);
    expect(first.output).toContain("添付ファイル 保存 2件");
    expect(first.output).not.toContain(TOKEN);
    const pages = kintone.requests.slice(before).filter((r) => r.method === "GET" && r.path === "/k/v1/records/cursor.json");
    expect(pages).toHaveLength(3); // 500 + 500 + 50
    expect(kintone.requests.slice(before).every((r) => r.token === TOKEN)).toBe(true);
    expect(await caseCount()).toBe(RECORDS);

    // The app's structure in a KINTONE_APP case: fields (unless the record maps its own), process steps.
    const one = await kb.gql<{ searchCases: { hits: { case: Record<string, unknown> }[] } }>(`{ searchCases(query: "粗大ごみ", first: 1) { hits { case { externalId kind status title tags department { name path } fiscalYear effects { label before after unit } details } } } }`);
    const hit = one.data!.searchCases.hits[0]!.case;
    expect(hit).toMatchObject({
      externalId: "kintone-kaizen-1",
      kind: "KINTONE_APP",
      status: "PUBLISHED",
      tags: ["kintone", "窓口DX"],
      department: { name: "環境政策課", path: ["環境部", "環境政策課"] },
      fiscalYear: 2024,
      effects: [
        { label: "受付時間", before: 12, after: 5, unit: "分/件" },
        { label: "転記ミス", before: 8, after: 0, unit: "件/月" },
      ],
    });
    const details = hit["details"] as Record<string, unknown>;
    expect(details["processSteps"]).toEqual(["下書き → 「確認を依頼する」で 課内確認", "課内確認 → 「登録する」で 登録済み、「差し戻す」で 下書き", "登録済み"]);
    expect(details["mainFields"]).toContain("事例名：文字列（1行）");
    expect(details["mainFields"]).toContain("効果：テーブル（効果の項目、導入前、導入後、単位）");
    expect(details["recordVolume"]).toBe("1,050件（kintone から取り込んだ時点）");
    expect(details["runsOnLgwan"]).toBe(true);
    const four = await kb.orm.em.fork().execute<{ details: { mainFields: string[] } }[]>("select details from cases where external_id = 'kintone-kaizen-4'");
    expect(four[0]!.details.mainFields).toEqual(["申込者", "品目", "収集日"]); // mapped from the record: the record wins

    const files = await kb.orm.em
      .fork()
      .execute<{ external_id: string; file_name: string; content_type: string; size: number }[]>(
        "select c.external_id, a.file_name, a.content_type, a.size from attachments a join cases c on c.id = a.case_id order by a.file_name",
      );
    expect(files.map((f) => [f.external_id, f.file_name, f.content_type])).toEqual([
      ["kintone-kaizen-1", "受付手順書.pdf", "application/pdf"],
      ["kintone-kaizen-2", "品目一覧.csv", "text/csv"],
    ]);

    // Again: nothing changes, no file is stored twice.
    const second = await kbImport(["--status", "PUBLISHED"]);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain(`新規 0件 / 更新 0件 / 変更なし ${RECORDS.toLocaleString("ja-JP")}件 / 誤り 0件`);
    expect(second.output).toContain("添付ファイル 保存 0件・既存 2件");
    expect(await caseCount()).toBe(RECORDS);
    const [attachments] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from attachments");
    expect(Number(attachments!.n)).toBe(2);

    const [audit] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from audit_log where action = 'case.import'");
    expect(Number(audit!.n)).toBe(2);
    // The token is nowhere in what was written either.
    const [leak] = await kb.orm.em.fork().execute<{ n: string }[]>(`select count(*) as n from audit_log where after::text like '%${TOKEN}%'`);
    expect(Number(leak!.n)).toBe(0);
  });

  it("explains a missing app", async () => {
    const result = await runNode(
      "server/dist/cli/kb.js",
      ["import-kintone", "--base-url", kintone.url, "--app", "7", "--mapping", MAPPING],
      { ...kb.env, KB_KINTONE_API_TOKEN: TOKEN, LOG_LEVEL: "debug" },
    );
    expect(result.code).toBe(1);
    expect(result.output).toContain("GAIA_AP01");
    expect(result.output).toContain("--app");
    expect(result.output).not.toContain(TOKEN);
  });
});
