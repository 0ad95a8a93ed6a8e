import { mkdtemp, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../server/src/config/config.js";
import { runNode } from "../support/processes.js";
import { createTestBackend, type TestBackend } from "../support/test-backend.js";

/** `npm run kb -- import` as a user runs it: the built CLI in its own process. */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

const FIXTURE = path.join(REPO_ROOT, "test/fixtures/cases-120.jsonl");

async function counts() {
  const [row] = await kb.orm.em
    .fork()
    .execute<{ cases: string; outbox: string }[]>("select (select count(*) from cases) as cases, (select count(*) from search_outbox where processed_at is null) as outbox");
  const stats = await kb.index.index.getStats();
  return { cases: Number(row!.cases), outbox: Number(row!.outbox), indexed: stats.numberOfDocuments };
}

describe("kb import (CLI)", () => {
  it("imports a 120-line file, makes it searchable, and a second run changes no counts", async () => {
    const first = await runNode("server/dist/cli/kb.js", ["import", FIXTURE], kb.env);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain("新規 120件 / 更新 0件 / 変更なし 0件");
    expect(await counts()).toEqual({ cases: 120, outbox: 0, indexed: 120 });

    const second = await runNode("server/dist/cli/kb.js", ["import", FIXTURE], kb.env);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain("新規 0件 / 更新 0件 / 変更なし 120件");
    expect(await counts()).toEqual({ cases: 120, outbox: 0, indexed: 120 });
  });

  it("exits non-zero, lists each bad line and imports nothing from a file with errors", async () => {
    const bad = path.join(REPO_ROOT, "test/fixtures/invalid-lines.jsonl");
    const before = await counts();
    const result = await runNode("server/dist/cli/kb.js", ["import", bad], kb.env);
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/^2行目 \(bad-kind\): kind: /m);
    expect(result.output).toMatch(/^3行目: JSON として読めません/m);
    expect(result.output).toMatch(/^4行目 \(bad-year\): fiscalYear: /m);
    expect(result.output).toContain("何も取り込みませんでした");
    expect(await counts()).toEqual(before);
  });

  it("explains a missing file argument", async () => {
    const result = await runNode("server/dist/cli/kb.js", ["import"], kb.env);
    expect(result.code).toBe(2);
    expect(result.output).toContain("取り込むファイルを指定してください");
  });

  it("imports into another organisation with --organisation <団体コード>: the same externalIds are that organisation's own cases (issue 15)", async () => {
    const unknown = await runNode("server/dist/cli/kb.js", ["import", FIXTURE, "--organisation", "011002"], kb.env);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain("団体コード 011002 の団体は登録されていません");

    const created = await runNode("server/dist/cli/kb.js", ["organisation", "create", "--name", "札幌市", "--kana", "さっぽろし", "--prefecture", "北海道", "--kind", "DESIGNATED_CITY", "--code", "011002"], kb.env);
    expect(created.code, created.output).toBe(0);
    expect(created.output).toContain("011002  札幌市（さっぽろし） 北海道 政令指定都市");
    const before = await counts();
    const imported = await runNode("server/dist/cli/kb.js", ["import", FIXTURE, "--organisation", "011002"], kb.env);
    expect(imported.code, imported.output).toBe(0);
    expect(imported.output).toContain("新規 120件 / 更新 0件 / 変更なし 0件");
    expect((await counts()).cases).toBe(before.cases + 120);
    const perOrganisation = await kb.orm.em
      .fork()
      .execute<{ code: string | null; n: string }[]>("select o.code, count(*) as n from cases c join organisations o on o.id = c.organisation_id group by o.code order by o.code");
    expect(perOrganisation.map((r) => [r.code, Number(r.n)])).toEqual([["011002", 120], [null, before.cases]]);
  });

  it("routes each line to the organisation its `organisation` names, and refuses a code the installation does not have (issue 15)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "kb-import-org-"));
    const line = (externalId: string, organisation?: string) =>
      JSON.stringify({ externalId, ...(organisation ? { organisation } : {}), kind: "PRACTICE", title: `団体別の行 ${externalId}`, summary: "団体コードで行き先を決める", department: "総務課", fiscalYear: 2024, tags: [], effects: [] });
    const file = path.join(dir, "mixed.jsonl");
    // 131075 (墨田区) is a valid code of an organisation this installation does not have.
    await writeFile(file, [line("org-home"), line("org-sapporo", "011002"), line("org-sumida", "131075")].join("\n") + "\n");
    const refused = await runNode("server/dist/cli/kb.js", ["import", file], kb.env);
    expect(refused.code).toBe(1);
    expect(refused.output).toMatch(/^3行目 \(org-sumida\): organisation: 団体コード 131075 の団体はこの設置にありません/m);
    const skipped = await runNode("server/dist/cli/kb.js", ["import", file, "--skip-invalid"], kb.env);
    expect(skipped.code, skipped.output).toBe(0);
    expect(skipped.output).toContain("新規 2件");
    const landed = await kb.orm.em
      .fork()
      .execute<{ external_id: string; code: string | null }[]>("select c.external_id, o.code from cases c join organisations o on o.id = c.organisation_id where c.external_id like 'org-%' order by 1");
    expect(landed.map((r) => [r.external_id, r.code])).toEqual([["org-home", null], ["org-sapporo", "011002"]]);
  });
});
