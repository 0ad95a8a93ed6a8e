import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { interchangeCaseSchema } from "@kb/shared";
import { importCases, importInterchangeFile } from "./import.service.js";

let kb: TestBackend;
let dir: string;
beforeAll(async () => {
  kb = await createTestBackend();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-import-"));
});
afterAll(async () => {
  await kb?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeLines(name: string, lines: (object | string)[]): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, lines.map((l) => (typeof l === "string" ? l : JSON.stringify(l))).join("\n") + "\n");
  return file;
}

async function tableCounts() {
  const [row] = await kb.orm.em.fork().execute<Record<string, string>[]>(
    `select (select count(*) from cases) as cases, (select count(*) from departments) as departments,
            (select count(*) from tags) as tags, (select count(*) from case_tags) as case_tags,
            (select count(*) from search_outbox where processed_at is null) as outbox`,
  );
  return Object.fromEntries(Object.entries(row!).map(([k, v]) => [k, Number(v)]));
}

describe("kb import (interchange format)", () => {
  it("is idempotent by externalId: a second import of the same file changes nothing", async () => {
    const records = Array.from({ length: 30 }, (_, i) =>
      buildCase({ externalId: `idem-${i}`, department: `課${i % 4}`, departmentPath: ["総務部"], tags: ["kintone", `タグ${i % 3}`] }),
    );
    const file = await writeLines("idem.jsonl", records);
    const first = await importInterchangeFile(kb.orm, file);
    expect(first).toMatchObject({ imported: true, created: 30, updated: 0, unchanged: 0 });
    await kb.syncSearch();
    const before = await tableCounts();

    const second = await importInterchangeFile(kb.orm, file);
    expect(second).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 30 });
    expect(await tableCounts()).toEqual(before);
    expect(before.outbox).toBe(0);
  });

  it("updates a changed line in place and queues it for search", async () => {
    const record = buildCase({ externalId: "update-me", title: "更新前のタイトル" });
    await importInterchangeFile(kb.orm, await writeLines("u1.jsonl", [record]));
    await kb.syncSearch();
    const report = await importInterchangeFile(kb.orm, await writeLines("u2.jsonl", [{ ...record, title: "更新後のタイトル" }]));
    expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    const [row] = await kb.orm.em.fork().execute<{ title: string; version: number }[]>(
      "select title, version from cases where external_id = 'update-me'",
    );
    expect(row).toEqual({ title: "更新後のタイトル", version: 2 });
    const revisions = await kb.orm.em.fork().execute<{ version: number; snapshot: { title: string; tags: string[] } }[]>(
      "select r.version, r.snapshot from case_revisions r join cases c on c.id = r.case_id where c.external_id = 'update-me' order by r.version",
    );
    expect(revisions.map((r) => [r.version, r.snapshot.title, r.snapshot.tags])).toEqual([
      [1, "更新前のタイトル", ["テスト"]],
      [2, "更新後のタイトル", ["テスト"]],
    ]);
    expect((await tableCounts()).outbox).toBe(1);
    await kb.syncSearch();
  });

  it("reports every invalid line with its number and imports nothing", async () => {
    const before = await tableCounts();
    const file = await writeLines("bad.jsonl", [
      buildCase({ externalId: "ok-1" }),
      "{ not json",
      buildCase({ externalId: "ok-2", fiscalYear: 1800 }),
      { ...buildCase({ externalId: "ok-3" }), kind: "SEMINAR" },
      buildCase({ externalId: "ok-1" }),
    ]);
    const report = await importInterchangeFile(kb.orm, file);
    expect(report.imported).toBe(false);
    expect(report.errors.map((e) => e.line)).toEqual([2, 3, 4, 5]);
    expect(report.errors[1]!.messages[0]).toMatch(/^fiscalYear: 年度は1989以降/);
    expect(report.errors[2]!.messages[0]).toMatch(/^kind: /);
    expect(report.errors[3]!.messages[0]).toMatch(/1 行目と重複/);
    expect(await tableCounts()).toEqual(before);
  });

  it("with skipInvalid imports the valid lines and reports the rest", async () => {
    const file = await writeLines("skip.jsonl", [buildCase({ externalId: "skip-ok" }), { externalId: "skip-bad" }]);
    const report = await importInterchangeFile(kb.orm, file, { skipInvalid: true });
    expect(report).toMatchObject({ imported: true, created: 1, skipped: 1 });
    expect(report.errors).toHaveLength(1);
    await kb.syncSearch();
  });

  it("normalises department and tag names: full-width, half-width and case variants are one row", async () => {
    const file = await writeLines("norm.jsonl", [
      buildCase({ externalId: "norm-1", department: "ｼﾞｮｳﾎｳ課", tags: ["ｋｉｎｔｏｎｅ", "ＲＰＡ"] }),
      buildCase({ externalId: "norm-2", department: "ジョウホウ課", tags: ["Kintone", "rpa"] }),
    ]);
    await importInterchangeFile(kb.orm, file);
    const rows = await kb.orm.em.fork().execute<{ name: string }[]>(
      "select name from departments where name_key = 'ジョウホウ課' union all select name from tags where name_key in ('kintone', 'rpa')",
    );
    expect(rows.map((r) => r.name).sort()).toEqual(["RPA", "kintone", "ジョウホウ課"]);
    await kb.syncSearch();
  });

  it("rolls back the whole file, outbox rows included, when a write fails midway", async () => {
    const before = await tableCounts();
    const records = ["tx-1", "tx-2", "tx-3"].map((externalId) => interchangeCaseSchema.parse(buildCase({ externalId })));
    // Nothing valid can fail in the database, so break the third record after validation: an
    // integer out of range makes PostgreSQL refuse the third chunk after two were flushed.
    records[2]!.fiscalYear = 2 ** 40;
    await expect(importCases(kb.orm.em.fork(), records, { chunkSize: 1 })).rejects.toThrow();
    expect(await tableCounts()).toEqual(before);
  });
});
