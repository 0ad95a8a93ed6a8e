import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { InterchangeCaseInput } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { REPO_ROOT } from "../config/index.js";
import { importInterchangeFile } from "./import.service.js";
import { executePlan, parseMappingText, planTableFile } from "./table-import.service.js";

/**
 * Issue 12: a re-import never changes a stored case's status by accident. The chosen status is for
 * the cases an import creates; a stored case keeps its own unless the import is asked to change it,
 * and then only along the workflow's transitions, with an audit row; the dry run says so row by row.
 */
let kb: TestBackend;
let dir: string;
beforeAll(async () => {
  kb = await createTestBackend();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-import-status-"));
});
afterAll(async () => {
  await kb?.close();
  if (dir) await fs.rm(dir, { recursive: true, force: true });
});

const EXAMPLES = path.join(REPO_ROOT, "seeds/import-examples");

async function statuses(prefix: string): Promise<Record<string, string>> {
  const rows = await kb.orm.em
    .fork()
    .execute<{ external_id: string; status: string }[]>("select external_id, status from cases where external_id like ? order by external_id", [`${prefix}%`]);
  return Object.fromEntries(rows.map((r) => [r.external_id, r.status]));
}

async function transitions(externalId: string) {
  return kb.orm.em
    .fork()
    .execute<{ before: { status: string }; after: { status: string; source?: string } }[]>(
      "select a.before, a.after from audit_log a join cases c on c.id::text = a.subject_id::text where c.external_id = ? and a.action = 'case.transition' order by a.id",
      [externalId],
    );
}

describe("kintone's CSV export imported again", () => {
  const kintone = async (status: "DRAFT" | "PUBLISHED", updateStatus = false) =>
    planTableFile(
      kb.orm.em.fork(),
      { fileName: "kintone-export.csv", bytes: await fs.readFile(path.join(EXAMPLES, "kintone-export.csv")) },
      parseMappingText(await fs.readFile(path.join(EXAMPLES, "kintone-export.mapping.json"), "utf8")),
      { status, updateStatus },
    );
  const run = (plan: Awaited<ReturnType<typeof kintone>>) => executePlan(kb.orm, plan, { skipInvalid: false, actorId: null, sourceKind: "table" });

  it("with the default status keeps published cases published, and the dry run says so row by row", async () => {
    expect((await run(await kintone("PUBLISHED"))).created).toBe(3);
    await kb.syncSearch();

    const dry = await kintone("DRAFT");
    expect(dry.report.rows.map((r) => [r.externalId, r.action, r.messages])).toEqual(
      ["101", "102", "103"].map((n) => [
        `kintone-kaizen-${n}`,
        "UNCHANGED",
        ["状態は「公開中」のまま（取り込みの指定は「下書き」ですが、すでにある好事例の状態は変えません）"],
      ]),
    );
    expect(dry.report).toMatchObject({ created: 0, updated: 0, unchanged: 3, statusChanged: 0, statusKept: 3 });

    const report = await run(dry);
    expect(report).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 3, statusChanged: 0, statusKept: 3 });
    expect(await statuses("kintone-kaizen-")).toEqual({
      "kintone-kaizen-101": "PUBLISHED",
      "kintone-kaizen-102": "PUBLISHED",
      "kintone-kaizen-103": "PUBLISHED",
    });
    await kb.syncSearch();
    expect((await kb.index.index.getStats()).numberOfDocuments).toBe(3);
  });

  it("asked to change stored cases, still changes only along the workflow (公開中 never goes back to 下書き)", async () => {
    const dry = await kintone("DRAFT", true);
    expect(dry.report.rows[0]!.statusChange).toEqual({ from: "PUBLISHED", to: "DRAFT", outcome: "NOT_ALLOWED" });
    expect(dry.report.rows[0]!.messages).toEqual(["状態は「公開中」のまま（「公開中」から「下書き」へは変えられません）"]);
    await run(dry);
    expect(Object.values(await statuses("kintone-kaizen-"))).toEqual(["PUBLISHED", "PUBLISHED", "PUBLISHED"]);
    expect(await transitions("kintone-kaizen-101")).toEqual([]);
  });
});

describe("the interchange file (kb import, shared/src/interchange.ts)", () => {
  const line = (externalId: string, extra: Partial<InterchangeCaseInput> = {}): InterchangeCaseInput => ({
    externalId,
    kind: "PRACTICE",
    title: `窓口の改善 ${externalId}`,
    summary: "申請書の記入例を窓口に置いた。",
    department: "市民課",
    fiscalYear: 2024,
    tags: ["窓口"],
    effects: [],
    ...extra,
  });
  const importLines = async (name: string, lines: InterchangeCaseInput[], updateStatus = false) => {
    const file = path.join(dir, name);
    await fs.writeFile(file, `${lines.map((l) => JSON.stringify(l)).join("\n")}\n`);
    return importInterchangeFile(kb.orm, file, { updateStatus });
  };

  it("creates with the line's status, keeps a stored case's status unless asked, then changes it with an audit row", async () => {
    const created = await importLines("a.jsonl", [line("jl-1"), line("jl-2", { status: "PUBLISHED" })]);
    expect(created).toMatchObject({ created: 2, statusChanges: [] });
    expect(await statuses("jl-")).toEqual({ "jl-1": "DRAFT", "jl-2": "PUBLISHED" });

    // The line now says PUBLISHED: not applied to the stored draft without --update-status, and reported.
    const kept = await importLines("b.jsonl", [line("jl-1", { status: "PUBLISHED" }), line("jl-2")]);
    expect(kept).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(kept.statusChanges).toEqual([{ line: 1, externalId: "jl-1", change: { from: "DRAFT", to: "PUBLISHED", outcome: "NOT_REQUESTED" } }]);
    expect(await statuses("jl-")).toEqual({ "jl-1": "DRAFT", "jl-2": "PUBLISHED" });

    // Asked: the draft is published (a transition the import may make), with its audit row; jl-2's
    // line gives no status, so it keeps its own without a word.
    const applied = await importLines("b.jsonl", [line("jl-1", { status: "PUBLISHED" }), line("jl-2")], true);
    expect(applied).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    expect(applied.statusChanges).toEqual([{ line: 1, externalId: "jl-1", change: { from: "DRAFT", to: "PUBLISHED", outcome: "APPLIED" } }]);
    expect(await statuses("jl-")).toEqual({ "jl-1": "PUBLISHED", "jl-2": "PUBLISHED" });
    expect(await transitions("jl-1")).toEqual([{ before: { status: "DRAFT" }, after: { status: "PUBLISHED", source: "import" } }]);
    await kb.syncSearch();
    // The newly published case is in the index with the others (3 from kintone, jl-2, jl-1).
    expect((await kb.index.index.getStats()).numberOfDocuments).toBe(5);
  });
});
