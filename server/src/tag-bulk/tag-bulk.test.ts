import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";
import { TagBulkService, tagBulkJobsIdle } from "./tag-bulk.service.js";

/**
 * Bulk tagging on real PostgreSQL and Meilisearch: 1,000 search results tagged with progress the
 * client can poll, visible in search afterwards; a failure midway keeps the committed chunks and
 * resumes from there.
 */
let kb: TestBackend;
let secretariat: Viewer;
let staff: Viewer;

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

interface Job {
  id: string;
  state: string;
  total: number;
  done: number;
  changed: number;
  error: string | null;
  stalled: boolean;
}
const JOB = "id state total done changed error stalled tag { name }";

async function searchTotal(tag: string): Promise<number> {
  const data = await ok(kb.gql<{ searchCases: { total: number } }>(`query ($tags: [String!]) { searchCases(query: "", first: 0, filter: { tags: $tags }) { total } }`, { tags: [tag] }));
  return data.searchCases.total;
}

beforeAll(async () => {
  kb = await createTestBackend();
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  staff = await kb.createViewer({ department: "市民課" });
  const many = Array.from({ length: 1000 }, (_, i) =>
    buildCase({ externalId: `bulk-${i}`, title: `ツユクサ台帳 ${i}`, department: `第${(i % 7) + 1}課`, tags: ["台帳"] }),
  );
  await kb.importCases([...many, buildCase({ externalId: "bulk-other", title: "関係のない好事例" })]);
}, 180_000);
afterAll(async () => {
  await tagBulkJobsIdle();
  await kb?.close();
});

describe("bulk tagging", () => {
  it("is for the secretariat only", async () => {
    const asStaff = await kb.gql(`mutation { startTagBulkJob(input: { action: ADD, tag: "x", search: { query: "ツユクサ" } }) { id } }`, {}, { viewer: staff });
    expect(asStaff.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const both = await kb.gql(
      `mutation { startTagBulkJob(input: { action: ADD, tag: "x", caseIds: [], search: { query: "ツユクサ" } }) { id } }`,
      {},
      { viewer: secretariat },
    );
    expect(both.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("tags all 1,000 results of a search, with progress to poll, and search shows them afterwards", async () => {
    const started = await ok(
      kb.gql<{ startTagBulkJob: Job }>(
        `mutation ($input: TagBulkInput!) { startTagBulkJob(input: $input) { ${JOB} } }`,
        { input: { action: "ADD", tag: "ツユクサ事業", search: { query: "ツユクサ", filter: { tags: ["台帳"] } } } },
        { viewer: secretariat },
      ),
    );
    expect(started.startTagBulkJob).toMatchObject({ state: "RUNNING", total: 1000 });

    // What the client's progress bar does: poll until the job is no longer running.
    const seen: number[] = [];
    let job: Job = started.startTagBulkJob;
    while (job.state === "RUNNING") {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await ok(kb.gql<{ tagBulkJob: Job }>(`query ($id: ID!) { tagBulkJob(id: $id) { ${JOB} } }`, { id: job.id }, { viewer: secretariat }))).tagBulkJob;
      seen.push(job.done);
    }
    expect(job).toMatchObject({ state: "DONE", total: 1000, done: 1000, changed: 1000, error: null, stalled: false });
    expect(seen).toEqual([...seen].sort((a, b) => a - b)); // progress only moves forward
    // Progress is committed chunk by chunk: ten chunks of 100, each with its audit row.
    const chunks = await sql<{ after: { from: number; to: number; changedCases: string[] } }>(
      "select after from audit_log where action = 'tag.bulk' and after->>'jobId' = ? order by id",
      [job.id],
    );
    expect(chunks.map((c) => c.after.to)).toEqual([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000]);
    expect(chunks.every((c) => c.after.changedCases.length === 100)).toBe(true);

    await kb.syncSearch();
    expect(await searchTotal("ツユクサ事業")).toBe(1000);
    const [other] = await sql<{ n: string }>(
      "select count(*) as n from case_tags ct join tags t on t.id = ct.tag_id join cases c on c.id = ct.case_id where t.name = 'ツユクサ事業' and c.external_id = 'bulk-other'",
    );
    expect(Number(other!.n)).toBe(0);
  });

  it("removes a tag from the ticked results", async () => {
    const picked = (await sql<{ id: string }>("select id from cases where external_id in ('bulk-1', 'bulk-2', 'bulk-3')")).map((r) => r.id);
    const started = await ok(
      kb.gql<{ startTagBulkJob: Job }>(`mutation ($input: TagBulkInput!) { startTagBulkJob(input: $input) { ${JOB} } }`, {
        input: { action: "REMOVE", tag: "ツユクサ事業", caseIds: picked },
      }, { viewer: secretariat }),
    );
    await tagBulkJobsIdle();
    const job = (await ok(kb.gql<{ tagBulkJob: Job }>(`query ($id: ID!) { tagBulkJob(id: $id) { ${JOB} } }`, { id: started.startTagBulkJob.id }, { viewer: secretariat }))).tagBulkJob;
    expect(job).toMatchObject({ state: "DONE", total: 3, done: 3, changed: 3 });
    await kb.syncSearch();
    expect(await searchTotal("ツユクサ事業")).toBe(997);
  });

  it("keeps the committed chunks when a chunk fails midway, and resumes from there", async () => {
    const ordered = (await sql<{ id: string }>("select id from cases where external_id like 'bulk-%' and external_id <> 'bulk-other' order by external_id limit 300")).map(
      (r) => r.id,
    );
    // Another transaction holds case #150 (in the second chunk) longer than a chunk may wait.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let locked!: () => void;
    const lockTaken = new Promise<void>((resolve) => (locked = resolve));
    const holder = kb.orm.em.fork().transactional(async (tx) => {
      await tx.execute("select id from cases where id = ? for update", [ordered[150]]);
      locked();
      await held;
    });
    await lockTaken;

    const service = new TagBulkService(kb.orm.em.fork(), { chunkSize: 100, lockTimeoutMs: 300 });
    const job = await service.start(secretariat, { action: "ADD", tag: "途中で止まる", caseIds: ordered }, async () => []);
    await tagBulkJobsIdle();
    const failed = (await service.get(secretariat, job.id))!;
    expect(failed.state).toBe("FAILED");
    expect(failed.done).toBe(100);
    expect(failed.error).toContain("「再開」");

    // Exactly the first chunk is there — in PostgreSQL and, through its outbox rows, in search.
    const tagged = (
      await sql<{ case_id: string }>("select ct.case_id from case_tags ct join tags t on t.id = ct.tag_id where t.name = '途中で止まる'")
    ).map((r) => r.case_id);
    expect(tagged.sort()).toEqual(ordered.slice(0, 100).sort());
    await kb.syncSearch();
    expect(await searchTotal("途中で止まる")).toBe(100);

    release();
    await holder;
    const resumed = await ok(kb.gql<{ resumeTagBulkJob: Job }>(`mutation ($id: ID!) { resumeTagBulkJob(id: $id) { ${JOB} } }`, { id: job.id }, { viewer: secretariat }));
    expect(resumed.resumeTagBulkJob.state).toBe("RUNNING");
    await tagBulkJobsIdle();
    const done = (await service.get(secretariat, job.id))!;
    expect(done).toMatchObject({ state: "DONE", done: 300, changed: 300, error: null });
    await kb.syncSearch();
    expect(await searchTotal("途中で止まる")).toBe(300);
  });
});
