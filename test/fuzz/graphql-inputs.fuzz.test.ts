import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../support/test-backend.js";
import type { Viewer } from "../../server/src/kernel/index.js";
import { anyJson, databaseFingerprint, expectSuccessOrCoded, fcParams, field, idArg, nastyString, overTheWire, preview } from "./fuzz-support.js";

/**
 * Property-based tests of the GraphQL API: arbitrary and hostile inputs (wrong types, NUL bytes,
 * lone surrogates, RTL and combining marks, full-width text, very long strings, huge lists) through
 * the main mutations and the search query, on the real database and index. Every answer is a success
 * or a coded error — never INTERNAL_SERVER_ERROR — and a refused write leaves every table exactly as
 * it was (cases, revisions, the search outbox, notifications, audit rows…).
 *
 * Operations run in-process through the same Apollo server and error formatting as the HTTP app
 * (createTestBackend's gql), with variables passed through JSON as HTTP would deliver them. The
 * actors are replaced by fresh users of the same role and department every 40 mutations, so the
 * per-user mutation rate limit (default 120 per minute) is never what answers.
 */
let kb: TestBackend;

type Role = "STAFF" | "SECRETARIAT";
/** A user of a given role and department, replaced by a fresh one every 40 mutations. */
class Actor {
  private current!: Viewer;
  private used = 0;
  constructor(
    private readonly role: Role,
    private readonly department: string,
  ) {}
  async get(): Promise<Viewer> {
    if (!this.current || this.used >= 40) {
      this.current = await kb.createViewer({ role: this.role, department: this.department });
      this.used = 0;
    }
    this.used++;
    return this.current;
  }
}

let owner: Actor; // 子育て支援課: owns the cases
let other: Actor; // 市民課: asks, adopts, proposes tags
let secretariat: Actor;
const ids: Record<string, string> = {};

async function ok<T>(promise: Promise<{ data?: T; errors?: readonly { message: string }[] }>): Promise<T> {
  const result = await promise;
  if (result.errors?.length) throw new Error(preview(result.errors));
  return result.data!;
}

async function sql<T>(query: string, params: unknown[] = []): Promise<T[]> {
  return kb.orm.em.fork().execute<T[]>(query, params);
}

beforeAll(async () => {
  kb = await createTestBackend();
  owner = new Actor("STAFF", "子育て支援課");
  other = new Actor("STAFF", "市民課");
  secretariat = new Actor("SECRETARIAT", "業務改革推進課");
  await kb.importCases([
    buildCase({ externalId: "fuzz-published", department: "子育て支援課", title: "窓口予約の電子化", tags: ["窓口DX", "kintone"] }),
    buildCase({ externalId: "fuzz-published-2", department: "子育て支援課", title: "申請書の電子化", tags: ["電子申請"] }),
  ]);
  const rows = await sql<{ id: string; external_id: string }>("select id, external_id from cases");
  for (const r of rows) ids[r.external_id] = r.id;
  const draft = await ok(
    kb.gql<{ createCase: { id: string } }>(`mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`, { input: { kind: "PRACTICE", title: "下書き", fiscalYear: 2024 } }, { viewer: await owner.get() }),
  );
  ids.draft = draft.createCase.id;
  const q = await ok(
    kb.gql<{ askQuestion: { id: string } }>(`mutation ($input: QuestionInput!) { askQuestion(input: $input) { id } }`, { input: { caseId: ids["fuzz-published"], body: "費用は？" } }, { viewer: await other.get() }),
  );
  ids.question = q.askQuestion.id;
  const c = await ok(
    kb.gql<{ createCollection: { id: string } }>(`mutation ($input: CollectionInput!) { createCollection(input: $input) { id } }`, { input: { title: "好事例集" } }, { viewer: await secretariat.get() }),
  );
  ids.collection = c.createCollection.id;
});
afterAll(() => kb?.close());

interface Outcome {
  ok: number;
  refused: number;
}

/**
 * Runs one mutation with generated variables: the answer must be a success or coded errors only, and
 * when refused the database fingerprint must be unchanged.
 */
async function checkMutation(outcome: Outcome, actor: Actor | null, query: string, variables: Record<string, unknown>): Promise<void> {
  const em = kb.orm.em.fork();
  const viewer = actor ? await actor.get() : null;
  const before = await databaseFingerprint(em);
  const wire = overTheWire(variables);
  const result = await kb.gql(query, wire, { viewer });
  const kind = expectSuccessOrCoded(result, { query, variables: wire });
  outcome[kind]++;
  if (kind === "refused") {
    const after = await databaseFingerprint(em);
    const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
    if (changed.length) throw new Error(`a refused write changed ${changed.join(", ")}\nfor ${preview({ query, wire, errors: result.errors })}`);
  }
}

/** The version a row has now (for arguments that are sometimes right). */
async function versionOf(table: string, id: string): Promise<number> {
  const [row] = await sql<{ version: number }>(`select version from ${table} where id = ?`, [id]);
  return row?.version ?? 1;
}

/** "current" (resolved just before the call), or anything else. */
const versionArg = () =>
  fc.oneof({ weight: 3, arbitrary: fc.constant("current" as const) }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: fc.integer({ min: -5, max: 1000 }) });
async function resolveVersion(arg: unknown, current: () => Promise<number>): Promise<unknown> {
  return arg === "current" ? await current() : arg;
}

const effect = fc.record(
  {
    label: field(nastyString(120)),
    before: field(fc.oneof(fc.double(), fc.integer(), fc.constant(null))),
    after: field(fc.oneof(fc.double(), fc.integer(), fc.constant(null))),
    unit: field(nastyString(40)),
  },
  { requiredKeys: [] },
);
const effects = fc.oneof({ weight: 5, arbitrary: fc.array(effect, { maxLength: 4 }) }, { weight: 1, arbitrary: fc.array(effect, { minLength: 21, maxLength: 25 }) });
const tags = fc.oneof(
  { weight: 5, arbitrary: fc.array(nastyString(60), { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.array(fc.constantFrom("a", "タグ", "ＴＡＧ", "tag"), { minLength: 31, maxLength: 500 }) },
);
const details = fc.oneof(
  fc.constant(undefined),
  fc.dictionary(fc.constantFrom("purpose", "mainFields", "tools", "dates", "format", "participantCount", "advisor", "runsOnLgwan", "__proto__", "x"), anyJson, { maxKeys: 4 }),
  anyJson,
);
const plain = (maxLength: number) => fc.string({ unit: fc.constantFrom(..."窓口予約の電子化ｶﾅＡＢabc 123"), minLength: 1, maxLength });
/** A draft the form could send… */
const goodDraft = fc.record({
  kind: fc.constantFrom("KINTONE_APP", "WORKSHOP", "TALENT_LESSON", "PRACTICE"),
  title: plain(60),
  summary: plain(200),
  actions: plain(200),
  results: plain(200),
  fiscalYear: fc.integer({ min: 2015, max: 2025 }),
  tags: fc.array(plain(20), { maxLength: 4 }),
});
const DRAFT_KEYS = ["kind", "title", "summary", "background", "actions", "results", "tips", "fiscalYear", "tags", "effects", "details", "extra"] as const;
const fieldValue: Record<(typeof DRAFT_KEYS)[number], fc.Arbitrary<unknown>> = {
  kind: anyJson,
  title: nastyString(220),
  summary: nastyString(),
  background: nastyString(),
  actions: nastyString(),
  results: nastyString(),
  tips: nastyString(),
  fiscalYear: fc.oneof(fc.integer(), anyJson),
  tags,
  effects,
  details,
  extra: anyJson,
};
/** …with one to three fields replaced by hostile values (or missing). */
const caseDraft = fc
  .tuple(goodDraft, fc.uniqueArray(fc.constantFrom(...DRAFT_KEYS), { minLength: 0, maxLength: 3 }))
  .chain(([draft, keys]) =>
    fc.tuple(fc.constant(draft), ...keys.map((k) => fc.tuple(fc.constant(k), fc.oneof({ weight: 6, arbitrary: fieldValue[k] }, { weight: 1, arbitrary: fc.constant(undefined) })))),
  )
  .map(([draft, ...overrides]) => ({ ...draft, ...Object.fromEntries(overrides as [string, unknown][]) }));

describe("GraphQL inputs (property-based)", () => {
  it("createCase and updateCase: success or a coded error; a refused write changes nothing", async () => {
    const outcome: Outcome = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(caseDraft, fc.boolean(), versionArg(), async (input, update, versionChoice) => {
        if (!update) {
          await checkMutation(outcome, owner, `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version title tags } }`, { input });
        } else {
          const version = await resolveVersion(versionChoice, () => versionOf("cases", ids.draft!));
          await checkMutation(outcome, owner, `mutation ($id: ID!, $version: Int!, $input: CaseDraftInput!) { updateCase(id: $id, version: $version, input: $input) { id version } }`, {
            id: ids.draft,
            version,
            input,
          });
        }
      }),
      fcParams(120),
    );
    // The generator must reach both sides, or the property says little.
    expect(outcome.ok).toBeGreaterThan(3);
    expect(outcome.refused).toBeGreaterThan(3);
  });

  it("submitCase and reviewCase with arbitrary ids, versions, decisions and comments", async () => {
    const outcome: Outcome = { ok: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          id: idArg(ids.draft!, ids["fuzz-published"]!),
          version: versionArg(),
          confirm: field(fc.boolean()),
          decision: field(fc.constantFrom("PUBLISH", "REQUEST_CHANGES", "REJECT")),
          comment: field(nastyString(200)),
          review: fc.boolean(),
        }),
        async (v) => {
          const version = await resolveVersion(v.version, () => versionOf("cases", typeof v.id === "string" && /^[0-9a-f-]{36}$/.test(v.id) ? v.id : ids.draft!));
          if (!v.review) {
            await checkMutation(outcome, owner, `mutation ($id: ID!, $version: Int!, $confirm: Boolean!) { submitCase(id: $id, version: $version, confirmPersonalInfo: $confirm) { id status } }`, {
              id: v.id,
              version,
              confirm: v.confirm,
            });
          } else {
            await checkMutation(outcome, secretariat, `mutation ($id: ID!, $input: ReviewInput!) { reviewCase(id: $id, input: $input) { id status } }`, {
              id: v.id,
              input: { decision: v.decision, comment: v.comment },
            });
          }
        },
      ),
      fcParams(80),
    );
    expect(outcome.refused).toBeGreaterThan(3);
  });

  it("recordAdoption, askQuestion, answerQuestion, proposeTag", async () => {
    const outcome: Outcome = { ok: 0, refused: 0 };
    const published = [ids["fuzz-published"]!, ids["fuzz-published-2"]!];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("adoption", "question", "answer", "proposal"),
        fc.record({
          caseId: idArg(...published, ids.draft!),
          questionId: idArg(ids.question!),
          status: field(fc.constantFrom("CONSIDERING", "TRIAL", "ADOPTED", "DECLINED")),
          text: field(nastyString(200)),
          text2: field(nastyString(200)),
          effects: field(effects),
          derivedCaseId: field(idArg(ids.draft!)),
          category: field(fc.constantFrom("THEME", "TOOL", "SKILL", "PILLAR", "TARGET")),
          version: field(fc.integer({ min: -2, max: 5 })),
        }),
        async (op, v) => {
          switch (op) {
            case "adoption":
              return checkMutation(outcome, other, `mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id version } }`, {
                input: { caseId: v.caseId, status: v.status, note: v.text, changes: v.text2, effects: v.effects, derivedCaseId: v.derivedCaseId, version: v.version },
              });
            case "question":
              return checkMutation(outcome, other, `mutation ($input: QuestionInput!) { askQuestion(input: $input) { id } }`, { input: { caseId: v.caseId, body: v.text } });
            case "answer":
              return checkMutation(outcome, owner, `mutation ($input: AnswerInput!) { answerQuestion(input: $input) { id } }`, { input: { questionId: v.questionId, body: v.text } });
            case "proposal":
              return checkMutation(outcome, other, `mutation ($input: TagProposalInput!) { proposeTag(input: $input) { id } }`, {
                input: { caseId: v.caseId, tag: v.text, category: v.category, comment: v.text2 },
              });
          }
        },
      ),
      fcParams(120),
    );
    expect(outcome.ok).toBeGreaterThan(3);
    expect(outcome.refused).toBeGreaterThan(3);
  });

  it("collections and featuring: create, update, entries, reorder with huge lists", async () => {
    const outcome: Outcome = { ok: 0, refused: 0 };
    const published = [ids["fuzz-published"]!, ids["fuzz-published-2"]!];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("create", "update", "entry", "reorder", "feature"),
        fc.record({
          title: field(nastyString(120)),
          description: field(nastyString()),
          fiscalYear: field(fc.oneof(fc.integer({ min: 1980, max: 2100 }), fc.constant(null))),
          collectionId: idArg(ids.collection!),
          caseId: idArg(...published),
          reason: field(nastyString(100)),
          version: versionArg(),
          caseIds: fc.oneof(
            fc.array(idArg(...published), { maxLength: 4 }),
            fc.array(fc.uuid(), { minLength: 201, maxLength: 2000 }),
            fc.constant(Array.from({ length: 5000 }, () => published[0]!)),
          ),
        }),
        async (op, v) => {
          const version = () => resolveVersion(v.version, () => versionOf("collections", ids.collection!));
          switch (op) {
            case "create":
              return checkMutation(outcome, secretariat, `mutation ($input: CollectionInput!) { createCollection(input: $input) { id } }`, {
                input: { title: v.title, description: v.description, fiscalYear: v.fiscalYear },
              });
            case "update":
              return checkMutation(outcome, secretariat, `mutation ($id: ID!, $version: Int!, $input: CollectionInput!) { updateCollection(id: $id, version: $version, input: $input) { id version } }`, {
                id: v.collectionId,
                version: await version(),
                input: { title: v.title, description: v.description, fiscalYear: v.fiscalYear },
              });
            case "entry":
              return checkMutation(outcome, secretariat, `mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { id version } }`, {
                input: { collectionId: v.collectionId, caseId: v.caseId, reason: v.reason },
              });
            case "reorder":
              return checkMutation(outcome, secretariat, `mutation ($input: CollectionOrderInput!) { reorderCollection(input: $input) { id version } }`, {
                input: { collectionId: v.collectionId, version: await version(), caseIds: v.caseIds },
              });
            case "feature":
              return checkMutation(outcome, secretariat, `mutation ($input: FeatureCaseInput!) { featureCase(input: $input) { reason } }`, { input: { caseId: v.caseId, reason: v.reason } });
          }
        },
      ),
      fcParams(100),
    );
    expect(outcome.ok).toBeGreaterThan(3);
    expect(outcome.refused).toBeGreaterThan(3);
  });

  it("vocabulary, synonyms, proposals' decisions and notifications (secretariat and staff)", async () => {
    const outcome: Outcome = { ok: 0, refused: 0 };
    const proposal = await ok(
      kb.gql<{ proposeTag: { id: string } }>(`mutation ($input: TagProposalInput!) { proposeTag(input: $input) { id } }`, { input: { caseId: ids["fuzz-published"], tag: "提案タグ" } }, { viewer: await other.get() }),
    );
    const tag = await ok(
      kb.gql<{ createTag: { tag: { id: string; version: number } } }>(`mutation ($input: TagCreateInput!) { createTag(input: $input) { tag { id version } } }`, { input: { name: "語彙", category: "THEME" } }, { viewer: await secretariat.get() }),
    );
    const [notice] = await sql<{ id: string }>("select id from notifications limit 1");
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("createTag", "updateTag", "synonym", "decide", "read"),
        fc.record({
          name: field(nastyString(60)),
          description: field(nastyString(100)),
          category: field(fc.constantFrom("THEME", "TOOL", "SKILL", "PILLAR", "TARGET")),
          terms: field(fc.oneof(fc.array(nastyString(30), { maxLength: 4 }), fc.array(fc.constant("語"), { minLength: 21, maxLength: 300 }))),
          mode: field(fc.constantFrom("EQUIVALENT", "ONE_WAY")),
          decision: field(fc.constantFrom("ACCEPT", "DECLINE")),
          id: idArg(tag.createTag.tag.id, proposal.proposeTag.id),
          version: versionArg(),
          ids: fc.oneof(fc.constant(undefined), fc.array(idArg(notice?.id ?? ids.draft!), { maxLength: 4 }), fc.array(fc.uuid(), { minLength: 500, maxLength: 3000 })),
        }),
        async (op, v) => {
          switch (op) {
            case "createTag":
              return checkMutation(outcome, secretariat, `mutation ($input: TagCreateInput!) { createTag(input: $input) { affectedCases } }`, {
                input: { name: v.name, category: v.category, description: v.description },
              });
            case "updateTag":
              return checkMutation(outcome, secretariat, `mutation ($id: ID!, $version: Int!, $input: TagUpdateInput!) { updateTag(id: $id, version: $version, input: $input) { affectedCases } }`, {
                id: v.id,
                version: await resolveVersion(v.version, () => versionOf("tags", tag.createTag.tag.id)),
                input: { name: v.name, category: v.category, description: v.description },
              });
            case "synonym":
              return checkMutation(outcome, secretariat, `mutation ($input: SynonymGroupInput!) { createSynonymGroup(input: $input) { affectedCases } }`, {
                input: { terms: v.terms, mode: v.mode, note: v.description },
              });
            case "decide":
              return checkMutation(outcome, owner, `mutation ($id: ID!, $input: TagProposalDecisionInput!) { decideTagProposal(id: $id, input: $input) { id } }`, {
                id: v.id,
                input: { decision: v.decision, comment: v.description },
              });
            case "read":
              return checkMutation(outcome, owner, `mutation ($ids: [ID!]) { markNotificationsRead(ids: $ids) }`, { ids: v.ids });
          }
        },
      ),
      fcParams(80),
    );
    expect(outcome.ok).toBeGreaterThan(3);
    expect(outcome.refused).toBeGreaterThan(3);
  });

  it("login with arbitrary credentials answers with a coded error, never a crash", async () => {
    await fc.assert(
      fc.asyncProperty(field(nastyString(300)), field(nastyString(300)), async (email, password) => {
        const wire = overTheWire({ email, password });
        expectSuccessOrCoded(await kb.gql(`mutation ($email: String!, $password: String!) { login(email: $email, password: $password) { id } }`, wire), wire);
      }),
      fcParams(50),
    );
  });

  it("lookups by name, id and text (tag pages, autocomplete, the vocabulary, cases, collections, departments)", async () => {
    const queries: [string, string][] = [
      ["tag", `query ($text: String!) { tag(name: $text) { name } }`],
      ["tagSuggestions", `query ($text: String!, $first: Int!) { tagSuggestions(text: $text, first: $first) { name } }`],
      ["tagsInText", `query ($text: String!, $first: Int!, $exclude: [String!]!) { tagsInText(text: $text, first: $first, exclude: $exclude) { name } }`],
      ["tags", `query ($text: String!, $first: Int!, $offset: Int!) { tags(search: $text, first: $first, offset: $offset) { total } }`],
      ["case", `query ($id: ID!) { case(id: $id) { id title } }`],
      ["collection", `query ($id: ID!) { collection(id: $id) { id } }`],
      ["department", `query ($id: ID!) { department(id: $id) { id name } }`],
      ["similarCases", `query ($id: ID!, $first: Int!) { similarCases(caseId: $id, first: $first) { score } }`],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          text: field(nastyString(300)),
          id: idArg(ids["fuzz-published"]!, ids.collection!, ids.draft!),
          first: field(fc.oneof(fc.integer({ min: -3, max: 300 }), fc.integer())),
          offset: field(fc.oneof(fc.integer({ min: -3, max: 300 }), fc.integer())),
          exclude: field(fc.array(nastyString(30), { maxLength: 5 })),
        }),
        fc.boolean(),
        async (v, loggedIn) => {
          const wire = overTheWire(v);
          for (const [, query] of queries) {
            expectSuccessOrCoded(await kb.gql(query, wire, { viewer: loggedIn ? await other.get() : null }), { query, wire });
          }
        },
      ),
      fcParams(100),
    );
  });

  it("searchCases and searchFacetValues with arbitrary query, filter, sort, first and offset", async () => {
    await kb.syncSearch();
    const filter = fc.record(
      {
        kinds: field(fc.array(fc.constantFrom("KINTONE_APP", "WORKSHOP", "PRACTICE", "NOPE"), { maxLength: 3 })),
        departments: field(fc.oneof(fc.array(nastyString(30), { maxLength: 3 }), fc.array(fc.constant("課"), { minLength: 500, maxLength: 3000 }))),
        fiscalYears: field(fc.array(fc.oneof(fc.integer({ min: 1990, max: 2100 }), fc.integer()), { maxLength: 3 })),
        tags: field(fc.array(nastyString(30), { maxLength: 3 })),
        minAdoptionCount: field(fc.integer()),
      },
      { requiredKeys: [] },
    );
    const viewers = [null, other] as const;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          query: field(nastyString(300)),
          filter: fc.oneof(fc.constant(undefined), filter, anyJson),
          sort: field(fc.constantFrom("RELEVANCE", "NEWEST", "MOST_ADOPTED")),
          first: field(fc.oneof(fc.integer({ min: -5, max: 200 }), fc.integer())),
          offset: field(fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.integer())),
          facet: field(fc.constantFrom("TAGS", "DEPARTMENT")),
          facetQuery: field(nastyString(50)),
          who: fc.constantFrom(0, 1),
        }),
        async (v) => {
          const wire = overTheWire(v);
          const viewer = viewers[v.who] ? await viewers[v.who]!.get() : null;
          expectSuccessOrCoded(
            await kb.gql(
              `query ($query: String!, $filter: CaseSearchFilter, $sort: CaseSearchSort!, $first: Int!, $offset: Int!) {
                searchCases(query: $query, filter: $filter, sort: $sort, first: $first, offset: $offset) {
                  total hits { case { id title } highlights { title summary } } } }`,
              wire,
              { viewer },
            ),
            wire,
          );
          expectSuccessOrCoded(
            await kb.gql(
              `query ($facet: SearchableFacet!, $facetQuery: String!, $query: String!, $filter: CaseSearchFilter, $first: Int!) {
                searchFacetValues(facet: $facet, facetQuery: $facetQuery, query: $query, filter: $filter, first: $first) { value count } }`,
              wire,
              { viewer },
            ),
            wire,
          );
        },
      ),
      fcParams(100),
    );
  });
});
