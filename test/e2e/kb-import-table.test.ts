import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { runNode } from "../support/processes.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/** `npm run kb -- import-table` as a user runs it, on the examples a newcomer finds in the repo. */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

const EXAMPLES = path.join(REPO_ROOT, "seeds/import-examples");
const KINTONE = ["import-table", path.join(EXAMPLES, "kintone-export.csv"), "--mapping", path.join(EXAMPLES, "kintone-export.mapping.json")];
const LIST = ["import-table", path.join(EXAMPLES, "case-list.xlsx"), "--mapping", path.join(EXAMPLES, "case-list.mapping.json")];
const kbRun = (args: string[]) => runNode("server/dist/cli/kb.js", args, kb.env);

async function counts() {
  const [row] = await kb.orm.em
    .fork()
    .execute<{ cases: string; outbox: string }[]>("select (select count(*) from cases) as cases, (select count(*) from search_outbox where processed_at is null) as outbox");
  return { cases: Number(row!.cases), outbox: Number(row!.outbox), indexed: (await kb.index.index.getStats()).numberOfDocuments };
}

describe("kb import-table (CLI)", () => {
  it("dry-runs the kintone export line by line without writing", async () => {
    const result = await kbRun([...KINTONE, "--dry-run"]);
    expect(result.code, result.output).toBe(0);
    expect(result.output).toContain("確認のみ（--dry-run）: kintone-export.csv（CSV、Shift_JIS）、3件。");
    expect(result.output).toMatch(/^2〜3行目 \(kintone-kaizen-101\): 新規 {2}道路占用許可 申請進捗共有アプリ$/m);
    expect(result.output).toMatch(/^4行目 \(kintone-kaizen-102\): 新規 {2}ふるさと納税 返礼品事業者との連絡帳アプリ$/m);
    expect(result.output).toMatch(/^5行目 \(kintone-kaizen-103\): 新規 {2}会計年度任用職員の勤怠届 電子化$/m);
    expect(result.output).toContain("取り込むと: 新規 3件 / 更新 0件 / 変更なし 0件 / 誤り 0件（全3件）");
    expect(await counts()).toEqual({ cases: 0, outbox: 0, indexed: 0 });
  });

  it("imports the kintone export and the Excel list, searchable; a second run changes nothing", async () => {
    const kintone = await kbRun([...KINTONE, "--status", "PUBLISHED"]);
    expect(kintone.code, kintone.output).toBe(0);
    expect(kintone.output).toContain("取り込み完了: 新規 3件 / 更新 0件 / 変更なし 0件 / 誤り 0件（全3件、新しく作った好事例の状態: 公開）");
    const list = await kbRun([...LIST, "--status", "published"]);
    expect(list.code, list.output).toBe(0);
    expect(list.output).toContain("取り込み完了: 新規 4件");
    expect(await counts()).toEqual({ cases: 7, outbox: 0, indexed: 7 });

    const again = await kbRun([...LIST, "--status", "PUBLISHED", "--dry-run"]);
    expect(again.output).toMatch(/^2行目 \(list-1\): 変更なし {2}会議録の作成に音声文字起こしを導入$/m);
    const second = await kbRun([...KINTONE, "--status", "PUBLISHED"]);
    expect(second.output).toContain("新規 0件 / 更新 0件 / 変更なし 3件 / 誤り 0件");
    expect(await counts()).toEqual({ cases: 7, outbox: 0, indexed: 7 });
  });

  it("imported again with the default status, keeps the published cases published and says so row by row", async () => {
    const dry = await kbRun([...KINTONE, "--dry-run"]);
    expect(dry.code, dry.output).toBe(0);
    expect(dry.output).toMatch(/^4行目 \(kintone-kaizen-102\): 変更なし {2}ふるさと納税 返礼品事業者との連絡帳アプリ {2}［状態は「公開中」のまま（取り込みの指定は「下書き」ですが、すでにある好事例の状態は変えません）］$/m);
    expect(dry.output).toContain("取り込むと: 新規 0件 / 更新 0件 / 変更なし 3件 / 誤り 0件 / 状態はそのまま 3件（全3件）");
    expect(dry.output).toContain("--update-status");
    const again = await kbRun(KINTONE);
    expect(again.code, again.output).toBe(0);
    expect(again.output).toMatch(/^5行目 \(kintone-kaizen-103\): 変更なし .*［状態は「公開中」のまま/m);
    const [row] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where external_id like 'kintone-kaizen-%' and status = 'PUBLISHED'");
    expect(Number(row!.n)).toBe(3);
    expect(await counts()).toEqual({ cases: 7, outbox: 0, indexed: 7 });
  });

  it("lists the bad rows with their row numbers, exits 1 and imports nothing", async () => {
    const before = await counts();
    const result = await kbRun([
      "import-table",
      path.join(REPO_ROOT, "test/fixtures/table-import/bad-rows.csv"),
      "--mapping",
      path.join(REPO_ROOT, "test/fixtures/table-import/list.mapping.json"),
    ]);
    expect(result.code, result.output).toBe(1);
    expect(result.output).toMatch(/^3行目 \(t-2\): fiscalYear（列「年度」）: 年度「来年度」を読めません/m);
    expect(result.output).toMatch(/^4行目 \(t-3\): title（列「件名」）: タイトルを入力してください$/m);
    expect(result.output).toMatch(/^6行目 \(t-1\): externalId: t-1 は 2行目 と重複しています$/m);
    expect(result.output).toContain("5件に誤りがあるため、何も取り込みませんでした（全6件）");
    expect(await counts()).toEqual(before);
  });

  it("explains a bad mapping and bad flags", async () => {
    const noMapping = await kbRun(["import-table", path.join(EXAMPLES, "case-list.xlsx")]);
    expect(noMapping.code).toBe(2);
    expect(noMapping.output).toContain("--mapping");
    const badEncoding = await kbRun([...LIST, "--encoding", "latin1"]);
    expect(badEncoding.code).toBe(2);
    expect(badEncoding.output).toContain("--encoding には auto / utf-8 / shift_jis");
    const wrongMapping = await kbRun(["import-table", path.join(EXAMPLES, "case-list.xlsx"), "--mapping", path.join(EXAMPLES, "kintone-export.mapping.json"), "--dry-run"]);
    expect(wrongMapping.code).toBe(1);
    expect(wrongMapping.output).toContain("ファイルにない列が対応付けに書かれています");
  });
});
