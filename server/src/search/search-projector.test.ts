import { randomUUID } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { interchangeCaseSchema } from "@kb/shared";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { adoptionRecorded } from "../adoptions/index.js";
import { attachmentRemoved } from "../attachments/index.js";
import { caseEdited, caseTransitioned } from "../cases/index.js";
import { casesImported, importCases } from "../importer/index.js";
import { DOMAIN_EVENT_RETENTION_MS, pruneDomainEvents, recordEvent, type DomainFact } from "../kernel/index.js";
import { synonymsChanged } from "../synonyms/index.js";
import { casesRetagged, tagMergeUndone, tagRenamed, tagsMerged } from "../tags/index.js";

/**
 * Facts → search outbox rows (search-projector.ts), through the dispatcher every ORM carries
 * (db/orm.ts). Real PostgreSQL: the rows are read inside the writer's transaction, then rolled back.
 */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
});
afterAll(() => kb?.close());

class RollBack extends Error {}

type Row = { case_id: string; kind: string };

/** Records `facts` in a transaction, flushes, and answers the outbox rows and facts it holds — then rolls it all back. */
async function projected(facts: DomainFact[]): Promise<{ outbox: Row[]; events: { type: string; payload: unknown }[] }> {
  let seen: { outbox: Row[]; events: { type: string; payload: unknown }[] } | undefined;
  await expect(
    kb.orm.em.fork().transactional(async (tx) => {
      const [mark] = await tx.execute<{ outbox: string; events: string }[]>(
        "select (select coalesce(max(id), 0) from search_outbox)::text as outbox, (select coalesce(max(id), 0) from domain_events)::text as events",
      );
      for (const fact of facts) recordEvent(tx, fact);
      await tx.flush();
      seen = {
        outbox: await tx.execute<Row[]>("select case_id, kind from search_outbox where id > ? order by id", [mark!.outbox]),
        events: await tx.execute<{ type: string; payload: unknown }[]>("select type, payload from domain_events where id > ? order by id", [mark!.events]),
      };
      throw new RollBack();
    }),
  ).rejects.toBeInstanceOf(RollBack);
  return seen!;
}

async function committedCounts(caseIds: string[]): Promise<{ outbox: number; events: number }> {
  const [row] = await kb.orm.em.fork().execute<{ outbox: string; events: string }[]>(
    `select (select count(*) from search_outbox where case_id in (?)) as outbox,
            (select count(*) from domain_events where payload::text like any (array[?])) as events`,
    [caseIds, caseIds.map((id) => `%${id}%`)],
  );
  return { outbox: Number(row!.outbox), events: Number(row!.events) };
}

const content = (...ids: string[]) => ids.map((case_id) => ({ case_id, kind: "content" }));

describe("search projector", () => {
  const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
  const cases: [string, DomainFact, Row[]][] = [
    ["a draft submitted: not in the index before or after", caseTransitioned({ caseId: a, from: "DRAFT", to: "SUBMITTED" }), []],
    ["a case published", caseTransitioned({ caseId: a, from: "SUBMITTED", to: "PUBLISHED" }), content(a)],
    ["a published case archived (its removal)", caseTransitioned({ caseId: a, from: "PUBLISHED", to: "ARCHIVED" }), content(a)],
    ["a draft edited", caseEdited({ caseId: a, status: "DRAFT" }), []],
    ["a published case edited", caseEdited({ caseId: a, status: "PUBLISHED" }), content(a)],
    ["a file removed from a draft", attachmentRemoved({ attachmentId: b, caseId: a, caseStatus: "DRAFT" }), []],
    ["a file removed from a published case", attachmentRemoved({ attachmentId: b, caseId: a, caseStatus: "PUBLISHED" }), content(a)],
    ["cases retagged (any status)", casesRetagged({ caseIds: [a, b] }), content(a, b)],
    ["a tag renamed: the cases that carry it", tagRenamed({ tagId: c, oldName: "旧", newName: "新", caseIds: [a, b] }), content(a, b)],
    ["a merge itself (its retagging and synonyms are facts of their own)", tagsMerged({ mergeId: a, sourceId: b, targetId: c }), []],
    ["a merge undone, itself", tagMergeUndone({ mergeId: a, sourceId: b, targetId: c }), []],
    ["synonyms changed: the cases mentioning them", synonymsChanged({ groupId: c, terms: ["GIS", "地図"], caseIds: [a, b] }), content(a, b)],
    ["an adoption recorded: counts only", adoptionRecorded({ caseId: a, departmentId: c, fromStatus: null, status: "TRIAL" }), [{ case_id: a, kind: "counts" }]],
    ["cases imported", casesImported({ caseIds: [a, b, c] }), content(a, b, c)],
  ];

  it.each(cases)("%s: its outbox rows are written with the fact, in its transaction", async (_name, fact, rows) => {
    const seen = await projected([fact]);
    expect(seen.events).toEqual([{ type: fact.type, payload: fact.payload }]);
    expect(seen.outbox).toEqual(rows);
  });

  it("a case several facts of one flush touch gets one row of each kind", async () => {
    const seen = await projected([
      casesRetagged({ caseIds: [a, b] }),
      synonymsChanged({ groupId: c, terms: ["GIS"], caseIds: [b, c] }),
      adoptionRecorded({ caseId: b, departmentId: c, fromStatus: "TRIAL", status: "ADOPTED" }),
    ]);
    expect(seen.events.map((e) => e.type)).toEqual(["CasesRetagged", "SynonymsChanged", "AdoptionRecorded"]);
    expect(seen.outbox).toEqual([...content(a, b, c), { case_id: b, kind: "counts" }]);
  });

  it("a rolled-back writer leaves neither its facts nor its outbox rows", async () => {
    const record = buildCase({ title: "取り消される取込" });
    let caseId = "";
    let inside: { events: string[]; outbox: number } | undefined;
    await expect(
      kb.orm.em.fork().transactional(async (tx) => {
        await importCases(tx, [interchangeCaseSchema.parse(record)]);
        const [row] = await tx.execute<{ id: string }[]>("select id from cases where external_id = ?", [record.externalId]);
        caseId = row!.id;
        inside = await factsAndRowsOf(tx, caseId);
        throw new RollBack();
      }),
    ).rejects.toBeInstanceOf(RollBack);
    expect(inside).toEqual({ events: ["CasesImported"], outbox: 1 });
    expect(await committedCounts([caseId])).toEqual({ outbox: 0, events: 0 });
    const [cases] = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from cases where external_id = ?", [record.externalId]);
    expect(Number(cases!.n)).toBe(0);
  });

  it("a fact of a flush outside em.transactional commits with its rows (the flush's own transaction)", async () => {
    const id = randomUUID();
    const em = kb.orm.em.fork();
    recordEvent(em, caseEdited({ caseId: id, status: "PUBLISHED" }));
    await em.flush();
    expect(await committedCounts([id])).toEqual({ outbox: 1, events: 1 });
    await kb.orm.em.fork().execute("delete from search_outbox where case_id = ?", [id]);
  });

  it("a fact the projector has no rule for fails the writer's transaction, loudly", async () => {
    const id = randomUUID();
    await expect(
      kb.orm.em.fork().transactional(async (tx) => {
        recordEvent(tx, caseEdited({ caseId: id, status: "PUBLISHED" }));
        recordEvent(tx, { type: "CaseAdmired", payload: { caseId: id } });
      }),
    ).rejects.toThrow('search projector: no rule for the fact "CaseAdmired"');
    expect(await committedCounts([id])).toEqual({ outbox: 0, events: 0 });
  });

  it("facts older than the retention are pruned, newer ones kept", async () => {
    const [old, fresh] = [randomUUID(), randomUUID()];
    const em = kb.orm.em.fork();
    await em.execute(
      `insert into domain_events (type, payload, occurred_at) values
         ('CaseEdited', ?, now() - ? * interval '1 millisecond' - interval '1 minute'), ('CaseEdited', ?, now())`,
      [JSON.stringify({ caseId: old, status: "DRAFT" }), DOMAIN_EVENT_RETENTION_MS, JSON.stringify({ caseId: fresh, status: "DRAFT" })],
    );
    expect(await pruneDomainEvents(em)).toBeGreaterThanOrEqual(1);
    expect((await committedCounts([old])).events).toBe(0);
    expect((await committedCounts([fresh])).events).toBe(1);
  });
});

async function factsAndRowsOf(tx: EntityManager, caseId: string): Promise<{ events: string[]; outbox: number }> {
  const events = await tx.execute<{ type: string }[]>("select type from domain_events where payload::text like ? order by id", [`%${caseId}%`]);
  const [outbox] = await tx.execute<{ n: string }[]>("select count(*) as n from search_outbox where case_id = ?", [caseId]);
  return { events: events.map((e) => e.type), outbox: Number(outbox!.n) };
}
