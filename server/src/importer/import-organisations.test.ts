import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { interchangeCaseSchema } from "@kb/shared";
import { loadPublishedCaseViews } from "../cases/index.js";
import { interchangeRecord, organisationCodes } from "../exports/index.js";
import type { Viewer } from "../kernel/index.js";
import { createOrganisation, updateHomeOrganisation } from "../organisations/index.js";
import { createImportRun } from "./import-run.service.js";
import { importInterchangeFile } from "./import.service.js";
import { executePlan, parseMappingText, planTableFile } from "./table-import.service.js";

/**
 * Issue 15 item 6: interchange lines name their organisation (団体コード). The operator's `kb import`
 * routes each line to the organisation it names; an organisation's ADMIN imports only into their own.
 */
let kb: TestBackend;
let dir: string;
let kumamotoId: string;
let kumamotoAdmin: Viewer;
const TAKARAZUKA = "282146";
const KUMAMOTO = "431001";
/** 墨田区: a valid code of an organisation this installation does not have. */
const SUMIDA = "131075";

beforeAll(async () => {
  kb = await createTestBackend();
  dir = await fs.mkdtemp(path.join(os.tmpdir(), "kb-import-org-"));
  const em = kb.orm.em.fork();
  await updateHomeOrganisation(em, { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: TAKARAZUKA });
  kumamotoId = (await createOrganisation(em, { name: "熊本市", kana: "くまもとし", prefecture: "熊本県", kind: "DESIGNATED_CITY", code: KUMAMOTO, publicReading: true }, null)).id;
  kumamotoAdmin = await kb.createViewer({ role: "ADMIN", department: "情報政策課", organisation: KUMAMOTO });
});
afterAll(async () => {
  await kb?.close();
  await fs.rm(dir, { recursive: true, force: true });
});

async function writeLines(name: string, lines: object[]): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
  return file;
}

/** Where each externalId landed: 団体コード by externalId (an id may be in two organisations). */
async function landed(prefix: string): Promise<string[]> {
  const rows = await kb.orm.em.fork().execute<{ external_id: string; code: string }[]>(
    "select c.external_id, o.code from cases c join organisations o on o.id = c.organisation_id where c.external_id like ? order by 1, 2",
    [`${prefix}%`],
  );
  return rows.map((r) => `${r.external_id}@${r.code}`);
}

describe("kb import (the operator's path)", () => {
  it("lands a line naming an organisation in it, a line naming none in the installation's own", async () => {
    const file = await writeLines("route.jsonl", [
      buildCase({ externalId: "route-own" }),
      buildCase({ externalId: "route-kumamoto", organisation: KUMAMOTO }),
      buildCase({ externalId: "route-explicit-own", organisation: TAKARAZUKA }),
      // externalIds are per organisation: the same id for two organisations is two cases, not a duplicate.
      buildCase({ externalId: "route-both", organisation: TAKARAZUKA }),
      buildCase({ externalId: "route-both", organisation: KUMAMOTO }),
    ]);
    const report = await importInterchangeFile(kb.orm, file);
    expect(report).toMatchObject({ imported: true, created: 5, errors: [] });
    expect(await landed("route-")).toEqual([
      `route-both@${TAKARAZUKA}`,
      `route-both@${KUMAMOTO}`,
      `route-explicit-own@${TAKARAZUKA}`,
      `route-kumamoto@${KUMAMOTO}`,
      `route-own@${TAKARAZUKA}`,
    ]);
    // A second run changes nothing, in either organisation.
    expect(await importInterchangeFile(kb.orm, file)).toMatchObject({ created: 0, updated: 0, unchanged: 5 });
  });

  it("puts lines naming none in --organisation's", async () => {
    const file = await writeLines("default.jsonl", [buildCase({ externalId: "default-none" }), buildCase({ externalId: "default-own", organisation: TAKARAZUKA })]);
    expect(await importInterchangeFile(kb.orm, file, { organisationId: kumamotoId })).toMatchObject({ imported: true, created: 2 });
    expect(await landed("default-")).toEqual([`default-none@${KUMAMOTO}`, `default-own@${TAKARAZUKA}`]);
  });

  it("refuses a line naming an organisation the installation does not have: nothing lands, or only the others with --skip-invalid", async () => {
    const lines = [buildCase({ externalId: "unknown-ok" }), buildCase({ externalId: "unknown-sumida", organisation: SUMIDA })];
    const file = await writeLines("unknown.jsonl", lines);
    const refused = await importInterchangeFile(kb.orm, file);
    expect(refused.imported).toBe(false);
    expect(refused.errors).toEqual([{ line: 2, externalId: "unknown-sumida", messages: [expect.stringContaining(`organisation: 団体コード ${SUMIDA} の団体はこの設置にありません`)] }]);
    expect(await landed("unknown-")).toEqual([]);
    const skipped = await importInterchangeFile(kb.orm, file, { skipInvalid: true });
    expect(skipped).toMatchObject({ imported: true, created: 1, skipped: 1 });
    expect(await landed("unknown-")).toEqual([`unknown-ok@${TAKARAZUKA}`]);
  });

  it("with scope own (one organisation's import) refuses another organisation's line in Japanese", async () => {
    const file = await writeLines("own.jsonl", [buildCase({ externalId: "own-kumamoto", organisation: KUMAMOTO }), buildCase({ externalId: "own-takarazuka", organisation: TAKARAZUKA })]);
    const report = await importInterchangeFile(kb.orm, file, { organisationId: kumamotoId, scope: "own", skipInvalid: true });
    expect(report.errors).toEqual([{ line: 2, externalId: "own-takarazuka", messages: [`organisation: 他の団体のデータは取り込めません（団体コード ${TAKARAZUKA}）`] }]);
    expect(await landed("own-")).toEqual([`own-kumamoto@${KUMAMOTO}`]);
  });
});

describe("the admin import (an organisation's ADMIN)", () => {
  const mapping = JSON.stringify({
    fields: { externalId: "No.", organisation: "団体コード", kind: { value: "PRACTICE" }, title: "件名", summary: "概要", department: "所属", fiscalYear: "年度" },
  });
  const csv = Buffer.from(
    [
      "No.,団体コード,件名,概要,所属,年度",
      "admin-none,,団体コードのない行,熊本市の管理者が取り込む,区民課,2024",
      `admin-own,${KUMAMOTO},自団体の行,熊本市の管理者が取り込む,区民課,2024`,
      `admin-other,${TAKARAZUKA},他団体の行,熊本市の管理者は取り込めない,市民課,2024`,
    ].join("\n") + "\n",
  );

  it("shows another organisation's row as an error in the dry run, never lands it, and lands the rest in the admin's", async () => {
    const run = await createImportRun(kb.orm, kumamotoAdmin, { fileName: "list.csv", bytes: csv }, mapping, { skipInvalid: true });
    expect(run.plan.rows.map((r) => [r.externalId, r.action, r.messages])).toEqual([
      ["admin-none", "CREATE", []],
      ["admin-own", "CREATE", []],
      ["admin-other", "REJECT", [`organisation: 他の団体のデータは取り込めません（団体コード ${TAKARAZUKA}）`]],
    ]);
    // The write the run does (import-run.service.ts: planTableFile then executePlan), with skipInvalid.
    const plan = await planTableFile(kb.orm.em.fork(), { fileName: "list.csv", bytes: csv }, parseMappingText(mapping), { status: "DRAFT", organisationId: kumamotoId });
    const done = await executePlan(kb.orm, plan, { skipInvalid: true, actorId: kumamotoAdmin.userId, sourceKind: "table" });
    expect(done).toMatchObject({ imported: true, created: 2, rejected: 1 });
    expect(await landed("admin-")).toEqual([`admin-none@${KUMAMOTO}`, `admin-own@${KUMAMOTO}`]);
    // Without skipInvalid the rejected row stops the whole import.
    const strict = await planTableFile(kb.orm.em.fork(), { fileName: "list.csv", bytes: csv }, parseMappingText(mapping), { status: "DRAFT", organisationId: kumamotoId });
    expect(await executePlan(kb.orm, strict, { skipInvalid: false, actorId: kumamotoAdmin.userId, sourceKind: "table" })).toMatchObject({ imported: false });
  });
});

describe("export → import", () => {
  it("keeps the organisation: an exported line re-imports into the case's own organisation, not the importer's", async () => {
    await kb.importCases([buildCase({ externalId: "trip-1", title: "往復する好事例", status: "PUBLISHED" })], { organisationId: kumamotoId });
    const [id] = (await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where external_id = 'trip-1'")).map((r) => r.id);
    const views = await loadPublishedCaseViews(kb.orm.em.fork(), [id!], { organisationId: kumamotoId, publicOrganisationIds: [] });
    const view = views.get(id!)!;
    const line = interchangeRecord(view, await organisationCodes(kb.orm.em.fork(), [view.organisationId]));
    expect(line.organisation).toBe(KUMAMOTO);
    expect(interchangeCaseSchema.safeParse(line).success).toBe(true);
    // Unchanged content: nothing to write (the organisation is where a line lands, not part of its content).
    const same = await importInterchangeFile(kb.orm, await writeLines("trip.jsonl", [line]));
    expect(same).toMatchObject({ imported: true, created: 0, updated: 0, unchanged: 1 });
    const edited = await importInterchangeFile(kb.orm, await writeLines("trip2.jsonl", [{ ...line, title: "往復して直した好事例" }]));
    expect(edited).toMatchObject({ created: 0, updated: 1 });
    expect(await landed("trip-")).toEqual([`trip-1@${KUMAMOTO}`]);
  });
});
