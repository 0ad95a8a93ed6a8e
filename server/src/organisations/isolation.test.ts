import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type express from "express";
import {
  getNamedType,
  isEnumType,
  isInterfaceType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLObjectType,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HttpSession, startHttp } from "../../../test/support/http.js";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { storeAttachment } from "../attachments/index.js";
import { parseConfig, REPO_ROOT } from "../config/index.js";
import { buildAppSchema } from "../graphql/index.js";
import { createHttpApp } from "../http/index.js";
import { createImportRun, saveMapping } from "../importer/index.js";
import type { Viewer } from "../kernel/index.js";
import { searchQueryRecorder } from "../search-stats/index.js";
import { createOrganisation, updateOrganisation } from "./organisation.service.js";

/**
 * Issue 15: nothing of one organisation is readable or writable from another. Two organisations,
 * A and B, with users of every role; A has data of every kind (cases in every state, a collection,
 * a featured mark, an adoption, a question and its answer, a tag proposal, notifications, an
 * attachment, an import run, a saved mapping, a bulk tagging job, search statistics, audit rows).
 *
 * The test ENUMERATES the built schema: every Query and Mutation field must have a rule below saying
 * how it is exercised against A's data (its arguments point at A's things), and each is run as an
 * anonymous visitor and as each role of B. A field without a rule fails the test, so a new field
 * gets a rule. The same holds for the plain-HTTP routes (enumerated from the Express app).
 *
 * What every probe checks:
 * - the answer (data and errors) contains no marker of A: none of its ids, titles, names, bodies,
 *   e-mail addresses, search words;
 * - for reads, every count in the answer is 0 (B has no data of its own when the reads run);
 * - where the rule gives a "missing" variant (a fresh random id instead of A's), A's id is answered
 *   exactly as the missing one: same error code, same null — never FORBIDDEN where a missing id is
 *   NOT_FOUND, which would leak existence;
 * and after all writes, A's rows (every tenant table and what hangs off A's cases) are unchanged.
 * A few positive controls (A's own members see their data) show the probes would see a leak.
 */

/**
 * Roles of B: every role of an organisation, and an installation operator. Each probes every field
 * and route; the A side is kept private (publicReading off) so anonymous visitors must see nothing.
 */
const A_CODE = "282146"; // 宝塚市
const B_CODE = "011002"; // 札幌市
const SECRET = "機密A";

/**
 * An installation operator (a member of B) creates and lists organisations but has no power inside A by it.
 * The installation's 広域事務局 (a member of B, issue 16) curates the commons: it reads A's commons
 * cases only, and A has none here (its cases are 庁内限定 or drafts), so it must see nothing of A either.
 */
type Outsider = "anonymous" | "B:STAFF" | "B:SECRETARIAT" | "B:ADMIN" | "B:OPERATOR" | "B:HUB";
const OUTSIDERS: Outsider[] = ["anonymous", "B:STAFF", "B:SECRETARIAT", "B:ADMIN", "B:OPERATOR", "B:HUB"];

interface Fixtures {
  a: {
    organisationId: string;
    staff: Viewer & { email: string; password: string };
    other: Viewer & { email: string; password: string };
    secretariat: Viewer & { email: string; password: string };
    admin: Viewer & { email: string; password: string };
    published: string;
    draft: string;
    submitted: string;
    archived: string;
    collection: string;
    question: string;
    answer: string;
    adoption: string;
    proposal: string;
    attachment: string;
    importRun: string;
    savedMapping: string;
    bulkJob: string;
    tagId: string;
    departmentId: string;
    notification: string;
    solicitation: string;
  };
  b: Record<Exclude<Outsider, "anonymous">, Viewer & { email: string; password: string }>;
}

let kb: TestBackend;
let f: Fixtures;
/** Strings that must never reach an outsider. */
const markers = new Set<string>();

const gqlOk = async <T>(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<T> => {
  const r = await kb.gql<T>(query, variables, { viewer });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};

beforeAll(async () => {
  kb = await createTestBackend();
  const operator = null;
  const orgA = await createOrganisation(kb.orm.em.fork(), { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: A_CODE }, operator);
  await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: B_CODE }, operator);
  const user = (organisation: string, role: "STAFF" | "SECRETARIAT" | "ADMIN", department: string, name: string) =>
    kb.createViewer({ organisation, role, department, displayName: name });
  const a = {
    staff: await user(A_CODE, "STAFF", `${SECRET}課`, `${SECRET}職員`),
    other: await user(A_CODE, "STAFF", `${SECRET}別課`, `${SECRET}別課職員`),
    secretariat: await user(A_CODE, "SECRETARIAT", `${SECRET}事務局`, `${SECRET}事務局員`),
    admin: await user(A_CODE, "ADMIN", `${SECRET}情報課`, `${SECRET}管理者`),
  };
  const b = {
    "B:STAFF": await user(B_CODE, "STAFF", "札幌課", "札幌職員"),
    "B:SECRETARIAT": await user(B_CODE, "SECRETARIAT", "札幌事務局", "札幌事務局員"),
    "B:ADMIN": await user(B_CODE, "ADMIN", "札幌情報課", "札幌管理者"),
    "B:OPERATOR": await kb.createViewer({ organisation: B_CODE, role: "STAFF", department: "札幌運用課", displayName: "札幌運用者", installationRole: "OPERATOR" }),
    "B:HUB": await kb.createViewer({ organisation: B_CODE, role: "STAFF", department: "札幌広域連携課", displayName: "札幌広域事務局", installationRole: "HUB_SECRETARIAT" }),
  };

  // A's cases, in every state, in A's 課 (imported into A).
  const kase = (status: "PUBLISHED" | "DRAFT" | "SUBMITTED" | "ARCHIVED") =>
    buildCase({ title: `${SECRET}の好事例 ${status}`, summary: `${SECRET}の概要`, department: `${SECRET}課`, tags: [`${SECRET}専用タグ`], status, fiscalYear: 2023 });
  const records = [kase("PUBLISHED"), kase("DRAFT"), kase("SUBMITTED"), kase("ARCHIVED")];
  await kb.importCases(records, { organisationId: orgA.id });
  const ids = await kb.orm.em
    .fork()
    .execute<{ id: string; status: string; department_id: string }[]>("select id, status, department_id from cases where organisation_id = ?", [orgA.id]);
  const caseOf = (status: string) => ids.find((r) => r.status === status)!.id;
  const published = caseOf("PUBLISHED");

  // What A's members do with them.
  const asked = await gqlOk<{ askQuestion: { id: string } }>(
    `mutation ($input: QuestionInput!) { askQuestion(input: $input) { id } }`,
    { input: { caseId: published, body: `${SECRET}の質問です` } },
    a.other,
  );
  const answered = await gqlOk<{ answerQuestion: { id: string } }>(
    `mutation ($input: AnswerInput!) { answerQuestion(input: $input) { id } }`,
    { input: { questionId: asked.askQuestion.id, body: `${SECRET}の回答です` } },
    a.staff,
  );
  const adopted = await gqlOk<{ recordAdoption: { id: string } }>(
    `mutation ($input: AdoptionInput!) { recordAdoption(input: $input) { id } }`,
    { input: { caseId: published, status: "TRIAL", note: `${SECRET}の導入メモ` } },
    a.other,
  );
  const proposed = await gqlOk<{ proposeTag: { id: string } }>(
    `mutation ($input: TagProposalInput!) { proposeTag(input: $input) { id } }`,
    { input: { caseId: published, tag: `${SECRET}提案タグ`, comment: `${SECRET}の提案` } },
    a.other,
  );
  const collection = await gqlOk<{ createCollection: { id: string; version: number } }>(
    `mutation ($input: CollectionInput!) { createCollection(input: $input) { id version } }`,
    { input: { title: `${SECRET}の好事例集`, description: `${SECRET}の説明` } },
    a.secretariat,
  );
  await gqlOk(`mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { id } }`, { input: { collectionId: collection.createCollection.id, caseId: published, reason: `${SECRET}の選定理由` } }, a.secretariat);
  const afterEntry = await gqlOk<{ collection: { version: number } }>(`query ($id: ID!) { collection(id: $id) { version } }`, { id: collection.createCollection.id }, a.secretariat);
  await gqlOk(`mutation ($id: ID!, $version: Int!) { publishCollection(id: $id, version: $version) { id } }`, { id: collection.createCollection.id, version: afterEntry.collection.version }, a.secretariat);
  await gqlOk(`mutation ($input: FeatureCaseInput!) { featureCase(input: $input) { reason } }`, { input: { caseId: published, reason: `${SECRET}の注目理由` } }, a.secretariat);
  // A draft written and submitted in the app: the secretariat gets a notification.
  const created = await gqlOk<{ createCase: { id: string; version: number } }>(
    `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`,
    {
      input: {
        kind: "PRACTICE",
        title: `${SECRET}の下書き`,
        summary: `${SECRET}の概要`,
        actions: `${SECRET}の取組`,
        results: `${SECRET}の成果`,
        fiscalYear: 2024,
        tags: [`${SECRET}専用タグ`],
      },
    },
    a.staff,
  );
  const attachment = await storeAttachment(kb.orm.em.fork(), a.staff, created.createCase.id, {
    fileName: `${SECRET}資料.csv`,
    bytes: Buffer.from(`${SECRET},1\n`),
    isKintoneTemplate: false,
  });
  await gqlOk(`mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { id } }`, { id: created.createCase.id, version: created.createCase.version }, a.staff);
  const bulk = await gqlOk<{ startTagBulkJob: { id: string } }>(
    `mutation ($input: TagBulkInput!) { startTagBulkJob(input: $input) { id } }`,
    { input: { action: "ADD", tag: `${SECRET}一括タグ`, caseIds: [published] } },
    a.secretariat,
  );
  const examples = path.join(REPO_ROOT, "seeds/import-examples");
  const mappingText = await fs.readFile(path.join(examples, "case-list.mapping.json"), "utf8");
  const run = await createImportRun(kb.orm, a.admin, { fileName: `${SECRET}.xlsx`, bytes: await fs.readFile(path.join(examples, "case-list.xlsx")) }, mappingText, {});
  const mapping = await saveMapping(kb.orm, a.admin, { name: `${SECRET}の対応付け`, mapping: JSON.parse(mappingText) });
  // Issue 16: A's secretariat calls for cases within A (庁内), A's staff answers it and follows its tag.
  const solicitation = await gqlOk<{ createSolicitation: { id: string } }>(
    `mutation ($input: SolicitationInput!) { createSolicitation(input: $input) { id } }`,
    { input: { title: `${SECRET}の募集`, description: `${SECRET}の募集の説明`, deadline: "2099-03-31", scope: "ORGANISATION", demandQuery: `${SECRET}検索語` } },
    a.secretariat,
  );
  await gqlOk(`mutation ($input: SolicitationAnswerInput!) { answerSolicitation(input: $input) { id } }`, { input: { solicitationId: solicitation.createSolicitation.id, caseId: published, comment: `${SECRET}の応募` } }, a.staff);
  // A's members search: the words are A's statistics.
  await gqlOk(`query { searchCases(query: "${SECRET}検索語") { total } }`, {}, a.staff);
  await kb.syncSearch();
  // The bulk job runs in the background: wait until it is done, so A's rows stand still.
  for (let i = 0; i < 200; i++) {
    const [job] = await kb.orm.em.fork().execute<{ state: string }[]>("select state from tag_bulk_jobs where id = ?", [bulk.startTagBulkJob.id]);
    if (job?.state !== "RUNNING") break;
    await new Promise((r) => setTimeout(r, 25));
  }
  await kb.syncSearch();

  const [tag] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from tags where name = ?", [`${SECRET}専用タグ`]);
  await gqlOk(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "TAG", targetId: tag!.id } }, a.other);
  const [notification] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from notifications where organisation_id = ? limit 1", [orgA.id]);
  f = {
    a: {
      organisationId: orgA.id,
      ...a,
      published,
      draft: caseOf("DRAFT"),
      submitted: caseOf("SUBMITTED"),
      archived: caseOf("ARCHIVED"),
      collection: collection.createCollection.id,
      question: asked.askQuestion.id,
      answer: answered.answerQuestion.id,
      adoption: adopted.recordAdoption.id,
      proposal: proposed.proposeTag.id,
      attachment: attachment.id,
      importRun: run.id,
      savedMapping: mapping.id,
      bulkJob: bulk.startTagBulkJob.id,
      tagId: tag!.id,
      departmentId: ids[0]!.department_id,
      notification: notification!.id,
      solicitation: solicitation.createSolicitation.id,
    },
    b,
  };
  for (const value of Object.values(f.a)) {
    if (typeof value === "string") markers.add(value);
    else markers.add(value.userId).add(value.email).add(value.departmentId);
  }
  for (const r of ids) markers.add(r.id);
  markers.delete(orgA.id); // the organisation itself is public knowledge (an operator lists it); its data is not
  markers.add(SECRET); // every title, body, name, tag and search word of A carries it
}, 120_000);

afterAll(() => kb?.close());

const viewerOf = (who: Outsider): Viewer | null => (who === "anonymous" ? null : f.b[who]);

// ── What the probes look for ───────────────────────────────────────────────────────────────────

function leaks(value: unknown): string[] {
  const text = JSON.stringify(value);
  return [...markers].filter((m) => text.includes(m));
}

const COUNT_KEY = /count|total|usage|^adoptions$|publishedCases|featuredCases|publishedCollections|unread|commonsCases|adoptedByOthers|adoptedFromOthers|crossAdoptions|sharingOrganisations/i;
/** Numbers under a count-like key that are not 0 (B has no data of its own while reads run). */
/**
 * Counts that are not A's data: how many organisations take part, which the directory (`organisations`)
 * tells everyone by listing them all, A included.
 */
const DIRECTORY_COUNTS = new Set([".hubDashboard.organisations.total"]);

function nonZeroCounts(value: unknown, at = ""): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => nonZeroCounts(v, `${at}[${i}]`));
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) =>
      typeof v === "number" && COUNT_KEY.test(k) && v !== 0 && !DIRECTORY_COUNTS.has(`${at}.${k}`) ? [`${at}.${k}=${v}`] : nonZeroCounts(v, `${at}.${k}`),
    );
  }
  return [];
}

const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => (r.errors?.[0]?.extensions?.code as string | undefined) ?? null;

// ── Selections built from the schema ───────────────────────────────────────────────────────────

let schemaTypes: { query: GraphQLObjectType; mutation: GraphQLObjectType };

/** Every scalar of the type and of its objects, `depth` levels down; fields needing arguments without defaults are left out. */
function selectionOf(type: GraphQLObjectType, depth: number): string {
  const parts: string[] = ["__typename"];
  for (const field of Object.values(type.getFields())) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isScalarType(named) || isEnumType(named)) parts.push(field.name);
    else if (isObjectType(named) && depth > 0) parts.push(`${field.name} { ${selectionOf(named, depth - 1)} }`);
    else if ((isInterfaceType(named) || isUnionType(named)) && depth > 0) parts.push(`${field.name} { __typename }`);
  }
  return parts.join(" ");
}

function operationFor(kind: "query" | "mutation", field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>): string {
  const args = field.args.filter((a) => a.name in variables);
  const defs = args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ");
  const call = args.length ? `(${args.map((a) => `${a.name}: $${a.name}`).join(", ")})` : "";
  const named = getNamedType(field.type);
  const selection = isObjectType(named) ? ` { ${selectionOf(named, 3)} }` : "";
  return `${kind}${defs ? ` (${defs})` : ""} { ${field.name}${call}${selection} }`;
}

// ── The rules: one per field ───────────────────────────────────────────────────────────────────

/** How a field is exercised against A: its arguments, and the same with a fresh id where A's id is the point. */
type Rule = (x: Fixtures) => { args: Record<string, unknown>; missing?: Record<string, unknown> };
const any = randomUUID;
const byId = (key: string, pick: (x: Fixtures) => string, rest: Record<string, unknown> = {}): Rule => (x) => ({
  args: { [key]: pick(x), ...rest },
  missing: { [key]: any(), ...rest },
});

const QUERY_RULES: Record<string, Rule> = {
  // Admin screens (issue 15 item 3): B's ADMIN sees B's own rows, so the probes search for A's words.
  adminDepartments: () => ({ args: { search: SECRET } }),
  adminUsers: (x) => ({ args: { search: SECRET, departmentId: x.a.departmentId }, missing: { search: SECRET, departmentId: any() } }),
  invitation: () => ({ args: { token: "x".repeat(43) } }),
  reorganisationCases: byId("departmentId", (x) => x.a.departmentId),
  reorganisationPreview: (x) => ({ args: { ids: [x.a.departmentId] }, missing: { ids: [any()] } }),
  case: byId("id", (x) => x.a.published),
  collection: byId("id", (x) => x.a.collection),
  collections: () => ({ args: { first: 50 } }),
  dashboard: () => ({ args: {} }),
  department: byId("id", (x) => x.a.departmentId),
  featuredCases: () => ({ args: { first: 50 } }),
  home: () => ({ args: { first: 20 } }),
  // The 広域事務局's (issue 16): only commons cases are counted, and A has none.
  hubDashboard: () => ({ args: {} }),
  proposedTags: () => ({ args: { first: 100 } }),
  lastTagMerge: () => ({ args: {} }),
  me: () => ({ args: {} }),
  myCases: () => ({ args: { first: 50 } }),
  mySessions: () => ({ args: {} }),
  notifications: () => ({ args: { first: 50 } }),
  organisations: () => ({ args: {} }),
  // A has no directory sign-in: an operator (installation-wide by design) and everyone else get null or
  // NOT_FOUND alike; an ADMIN reads only their own (directory-sign-in.test.ts).
  organisationSignIn: byId("organisationId", (x) => x.a.organisationId),
  // 横展開 between organisations (issue 16): A's cases are 庁内限定, so nothing of its adoptions counts.
  organisationFlows: () => ({ args: { first: 50, involvingMine: false } }),
  pendingTagProposals: () => ({ args: { first: 50 } }),
  reviewQueue: () => ({ args: { first: 50 } }),
  searchCases: () => ({ args: { query: SECRET, first: 50 } }),
  searchFacetValues: () => ({ args: { facet: "TAGS", facetQuery: SECRET, query: "" } }),
  signInOptions: () => ({ args: {} }),
  similarCases: byId("caseId", (x) => x.a.published),
  synonymGroups: () => ({ args: {} }),
  tag: () => ({ args: { name: `${SECRET}専用タグ` }, missing: { name: `${randomUUID()}タグ` } }),
  tagBulkJob: byId("id", (x) => x.a.bulkJob),
  // Two different tags (one and the same is refused before any lookup): A's against a missing one.
  tagMergePreview: (x) => {
    const other = any();
    return { args: { sourceId: x.a.tagId, targetId: other }, missing: { sourceId: any(), targetId: other } };
  },
  tagSuggestions: () => ({ args: { text: SECRET, first: 50 } }),
  tags: () => ({ args: { search: SECRET, first: 200 } }),
  tagsInText: () => ({ args: { text: `${SECRET}専用タグ ${SECRET}一括タグ` } }),
  // Issue 16: A's 庁内 募集 is A's alone; the demand board shows B's own words and commons counts (A alone is below the minimum).
  solicitations: () => ({ args: { first: 50 } }),
  solicitation: byId("id", (x) => x.a.solicitation),
  solicitationCandidates: byId("solicitationId", (x) => x.a.solicitation, { search: SECRET }),
  demandBoard: () => ({ args: {} }),
  myFollows: () => ({ args: {} }),
  // Names of organisations are public knowledge (an operator lists them); nothing of A's data.
  followableOrganisations: () => ({ args: {} }),
};

const MUTATION_RULES: Record<string, Rule> = {
  acceptInvitation: () => ({ args: { input: { token: "x".repeat(43), password: "a long enough passphrase", confirmPassword: "a long enough passphrase" } } }),
  changeUserRole: byId("userId", (x) => x.a.staff.userId, { role: "ADMIN" }),
  createDepartment: (x) => ({ args: { input: { name: "Bの課", parentId: x.a.departmentId } }, missing: { input: { name: "Bの課", parentId: any() } } }),
  inviteUser: (x) => ({
    args: { input: { email: "b-invitee@example.jp", displayName: "B招待", departmentId: x.a.departmentId, role: "STAFF" } },
    missing: { input: { email: "b-invitee@example.jp", displayName: "B招待", departmentId: any(), role: "STAFF" } },
  }),
  mergeDepartments: (x) => ({
    args: { input: { sourceIds: [x.a.departmentId], newName: "B統合課", effectiveDate: "2026-04-01" } },
    missing: { input: { sourceIds: [any()], newName: "B統合課", effectiveDate: "2026-04-01" } },
  }),
  reissueInvitation: byId("userId", (x) => x.a.staff.userId),
  setUserActive: byId("userId", (x) => x.a.staff.userId, { active: false }),
  // Operators only (installation-wide by design, as createOrganisation): taking the hub role from
  // someone who does not have it changes nothing; every other role is refused before any lookup.
  setHubSecretariat: (x) => ({ args: { email: x.a.staff.email, granted: false } }),
  splitDepartment: (x) => ({
    args: { input: { sourceId: x.a.departmentId, newDepartments: [{ name: "B分割一課" }, { name: "B分割二課" }], effectiveDate: "2026-04-01" } },
    missing: { input: { sourceId: any(), newDepartments: [{ name: "B分割一課" }, { name: "B分割二課" }], effectiveDate: "2026-04-01" } },
  }),
  updateDepartment: byId("id", (x) => x.a.departmentId, { input: { name: "Bが改名" } }),
  acceptAnswer: byId("answerId", (x) => x.a.answer),
  addCollectionEntries: (x) => ({
    args: { input: { collectionId: x.a.collection, caseIds: [x.a.published], reason: "B" } },
    missing: { input: { collectionId: any(), caseIds: [any()], reason: "B" } },
  }),
  addCollectionEntry: (x) => ({
    args: { input: { collectionId: x.a.collection, caseId: x.a.published, reason: "B" } },
    missing: { input: { collectionId: any(), caseId: any(), reason: "B" } },
  }),
  answerQuestion: (x) => ({ args: { input: { questionId: x.a.question, body: "Bの回答" } }, missing: { input: { questionId: any(), body: "Bの回答" } } }),
  archiveCase: byId("id", (x) => x.a.published),
  // 参考にした好事例 (issue 16): A's case is not B's to edit; naming A's case from B's own: see the lineage probe below.
  setCaseBasedOn: (x) => ({ args: { caseId: x.a.draft, basedOnId: x.a.published }, missing: { caseId: any(), basedOnId: any() } }),
  askQuestion: (x) => ({ args: { input: { caseId: x.a.published, body: "Bの質問" } }, missing: { input: { caseId: any(), body: "Bの質問" } } }),
  changePassword: () => ({ args: { input: { currentPassword: "wrong wrong wrong", newPassword: "another long passphrase" } } }),
  confirmCaseFreshness: byId("caseId", (x) => x.a.published),
  // B's own draft: allowed, and in B (A's rows unchanged is checked at the end).
  createCase: () => ({ args: { input: { kind: "PRACTICE", title: "Bの下書き", fiscalYear: 2024 } } }),
  createCollection: () => ({ args: { input: { title: "Bの好事例集" } } }),
  createOrganisation: () => ({ args: { input: { name: "大阪市", kana: "おおさかし", prefecture: "大阪府", kind: "DESIGNATED_CITY", code: "271004" } } }),
  createSynonymGroup: () => ({ args: { input: { terms: ["Bの語", "Bの別語"] } } }),
  createTag: () => ({ args: { input: { name: "Bのタグ", category: "THEME" } } }),
  decideTagProposal: (x) => ({
    args: { id: x.a.proposal, input: { decision: "ACCEPT" } },
    missing: { id: any(), input: { decision: "ACCEPT" } },
  }),
  deleteCollection: byId("id", (x) => x.a.collection, { version: 1 }),
  deleteSynonymGroup: () => ({ args: { id: any(), version: 1 } }),
  endOtherSessions: () => ({ args: {} }),
  endSession: () => ({ args: { id: any() } }),
  featureCase: (x) => ({ args: { input: { caseId: x.a.published, reason: "B" } }, missing: { input: { caseId: any(), reason: "B" } } }),
  login: (x) => ({ args: { email: x.a.staff.email, password: "wrong password for a" } }),
  logout: () => ({ args: {} }),
  markNotificationsRead: (x) => ({ args: { ids: [x.a.notification] } }),
  mergeTags: (x) => ({ args: { sourceId: x.a.tagId, targetId: x.a.tagId } }),
  proposeTag: (x) => ({ args: { input: { caseId: x.a.published, tag: "Bの提案" } }, missing: { input: { caseId: any(), tag: "Bの提案" } } }),
  publishCollection: byId("id", (x) => x.a.collection, { version: 1 }),
  recordAdoption: (x) => ({ args: { input: { caseId: x.a.published, status: "TRIAL" } }, missing: { input: { caseId: any(), status: "TRIAL" } } }),
  removeAttachment: byId("id", (x) => x.a.attachment),
  removeCollectionEntry: (x) => ({ args: { collectionId: x.a.collection, caseId: x.a.published }, missing: { collectionId: any(), caseId: any() } }),
  reorderCollection: (x) => ({
    args: { input: { collectionId: x.a.collection, caseIds: [x.a.published], version: 1 } },
    missing: { input: { collectionId: any(), caseIds: [any()], version: 1 } },
  }),
  restoreTag: byId("id", (x) => x.a.tagId, { version: 1 }),
  resumeTagBulkJob: byId("id", (x) => x.a.bulkJob),
  retireTag: byId("id", (x) => x.a.tagId, { version: 1 }),
  reviewCase: byId("id", (x) => x.a.submitted, { input: { decision: "PUBLISH" } }),
  setCaseSharing: byId("id", (x) => x.a.published, { sharing: "COMMONS" }),
  // Setting A's sign-in is the operator's installation-wide power (directory-sign-in.test.ts); here the
  // input is invalid, so B's operator changes nothing of A while every other role is refused outright.
  setOrganisationSignIn: () => ({ args: { organisationCode: A_CODE, input: { issuer: "ftp://idp.b.example.jp", clientId: "b", clientSecret: "b" } } }),
  startTagBulkJob: (x) => ({ args: { input: { action: "ADD", tag: "Bの一括", caseIds: [x.a.published] } }, missing: { input: { action: "ADD", tag: "Bの一括", caseIds: [any()] } } }),
  submitCase: byId("id", (x) => x.a.draft, { version: 1 }),
  undoTagMerge: () => ({ args: { id: any() } }),
  unfeatureCase: byId("caseId", (x) => x.a.published),
  unpublishCollection: byId("id", (x) => x.a.collection, { version: 1 }),
  updateCase: byId("id", (x) => x.a.draft, { version: 1, input: { kind: "PRACTICE", title: "Bが書き換え", fiscalYear: 2024 } }),
  updateCollection: byId("id", (x) => x.a.collection, { version: 1, input: { title: "Bが書き換え" } }),
  updateCollectionEntry: (x) => ({
    args: { input: { collectionId: x.a.collection, caseId: x.a.published, reason: "B" } },
    missing: { input: { collectionId: any(), caseId: any(), reason: "B" } },
  }),
  updateSynonymGroup: () => ({ args: { id: any(), version: 1, input: { terms: ["Bの語", "Bの別語"] } } }),
  updateTag: byId("id", (x) => x.a.tagId, { version: 1, input: { name: "Bが改名" } }),
  // Issue 16: B's own 募集 is allowed (in B); A's cannot be closed or answered, nor A's 庁内 tag followed.
  createSolicitation: () => ({ args: { input: { title: "Bの募集", deadline: "2099-03-31", scope: "ORGANISATION" } } }),
  closeSolicitation: byId("id", (x) => x.a.solicitation),
  answerSolicitation: (x) => ({
    args: { input: { solicitationId: x.a.solicitation, caseId: x.a.published } },
    missing: { input: { solicitationId: any(), caseId: any() } },
  }),
  follow: (x) => ({ args: { input: { targetType: "TAG", targetId: x.a.tagId } }, missing: { input: { targetType: "TAG", targetId: any() } } }),
  unfollow: (x) => ({ args: { input: { targetType: "TAG", targetId: x.a.tagId } }, missing: { input: { targetType: "TAG", targetId: any() } } }),
};

/** Everything of A, and what hangs off A's cases, as one hash: writes from outside must leave it as it is. */
async function fingerprintOfA(): Promise<string> {
  // Search statistics wait in memory for a few seconds: write them first, or A's own searches (the
  // positive controls) would land in the middle of a comparison.
  await searchQueryRecorder(kb.orm.em).flush();
  const org = f.a.organisationId;
  const own = ["cases", "departments", "users", "collections", "adoptions", "questions", "notifications", "import_runs", "import_mappings", "audit_log", "tag_bulk_jobs", "search_query_stats", "department_aliases", "user_invitations", "solicitations", "solicitation_answers", "follows"];
  const ofCases = ["case_tags", "attachments", "featured_cases", "reviews", "case_revisions", "case_freshness", "tag_proposals", "collection_entries"];
  const parts = [
    ...own.map((t) => `select '${t}' || t::text as x from ${t} t where organisation_id = '${org}'`),
    ...ofCases.map((t) => `select '${t}' || t::text as x from ${t} t where case_id in (select id from cases where organisation_id = '${org}')`),
    `select 'answers' || t::text from answers t where question_id in (select id from questions where organisation_id = '${org}')`,
    `select 'tags' || t::text from tags t where id in (select tag_id from case_tags where case_id in (select id from cases where organisation_id = '${org}'))`,
  ];
  const [row] = await kb.orm.em.fork().execute<{ h: string }[]>(`select md5(coalesce(string_agg(x, '|' order by x), '')) as h from (${parts.join(" union all ")}) all_rows`);
  return row!.h;
}

// ── The tests ──────────────────────────────────────────────────────────────────────────────────

describe("organisation isolation (issue 15)", () => {
  beforeAll(async () => {
    const schema = await buildAppSchema();
    schemaTypes = { query: schema.getQueryType()!, mutation: schema.getMutationType()! };
  });

  it("has a rule for every Query and Mutation field of the schema (a new field needs one)", () => {
    const missingQuery = Object.keys(schemaTypes.query.getFields()).filter((name) => !QUERY_RULES[name]);
    const missingMutation = Object.keys(schemaTypes.mutation.getFields()).filter((name) => !MUTATION_RULES[name]);
    expect({ missingQuery, missingMutation }).toEqual({ missingQuery: [], missingMutation: [] });
    // …and no rule for a field that is gone.
    expect(Object.keys(QUERY_RULES).filter((n) => !schemaTypes.query.getFields()[n])).toEqual([]);
    expect(Object.keys(MUTATION_RULES).filter((n) => !schemaTypes.mutation.getFields()[n])).toEqual([]);
  });

  it("positive controls: A's own members see what the probes look for", async () => {
    const seen = await kb.gql(operationFor("query", schemaTypes.query.getFields().case!, { id: f.a.published }), { id: f.a.published }, { viewer: f.a.staff });
    expect(leaks(seen)).toContain(SECRET);
    // The very search the outsiders run next: a search-result cache keyed without the reader's
    // visibility clause would hand them this answer.
    const { args: search } = QUERY_RULES.searchCases!(f);
    const found = await kb.gql(operationFor("query", schemaTypes.query.getFields().searchCases!, search), search, { viewer: f.a.staff });
    expect(nonZeroCounts(found).length).toBeGreaterThan(0);
    expect(leaks(found)).toContain(SECRET);
    const dashboard = await kb.gql(operationFor("query", schemaTypes.query.getFields().dashboard!, {}), {}, { viewer: f.a.secretariat });
    expect(leaks(dashboard)).toContain(SECRET);
    expect(nonZeroCounts(dashboard).length).toBeGreaterThan(0);
    const tags = await kb.gql(operationFor("query", schemaTypes.query.getFields().tags!, { search: SECRET }), { search: SECRET }, { viewer: f.a.secretariat });
    expect(leaks(tags)).toContain(SECRET);
    // Issue 16: A's 庁内 募集, its answer and A's follow show to A's own.
    const calls = await kb.gql(operationFor("query", schemaTypes.query.getFields().solicitations!, { first: 50 }), { first: 50 }, { viewer: f.a.staff });
    expect(leaks(calls)).toContain(SECRET);
    const follows = await kb.gql(operationFor("query", schemaTypes.query.getFields().myFollows!, {}), {}, { viewer: f.a.other });
    expect(leaks(follows)).toContain(SECRET);
  });

  describe.each(OUTSIDERS)("as %s", (who) => {
    it("reads nothing of A through any Query field", async () => {
      const problems: string[] = [];
      for (const [name, field] of Object.entries(schemaTypes.query.getFields())) {
        const rule = QUERY_RULES[name];
        if (!rule) continue; // reported by the enumeration test
        const { args, missing } = rule(f);
        const r = await kb.gql(operationFor("query", field, args), args, { viewer: viewerOf(who) });
        if (codeOf(r) === "INTERNAL_SERVER_ERROR") problems.push(`${name}: internal error ${JSON.stringify(r.errors)}`);
        for (const m of leaks(r)) problems.push(`${name}: shows ${m}`);
        for (const c of nonZeroCounts(r.data)) problems.push(`${name}: counts ${c}`);
        if (missing) {
          const m = await kb.gql(operationFor("query", field, missing), missing, { viewer: viewerOf(who) });
          if (codeOf(r) !== codeOf(m)) problems.push(`${name}: A's id answers ${codeOf(r)}, a missing one ${codeOf(m)}`);
          if (JSON.stringify(r.data) !== JSON.stringify(m.data)) problems.push(`${name}: A's id answers ${JSON.stringify(r.data)}, a missing one ${JSON.stringify(m.data)}`);
        }
      }
      expect(problems).toEqual([]);
    });
  });

  describe.each(OUTSIDERS)("as %s", (who) => {
    it("changes nothing of A through any Mutation field, and learns nothing of it", async () => {
      const before = await fingerprintOfA();
      const problems: string[] = [];
      for (const [name, field] of Object.entries(schemaTypes.mutation.getFields())) {
        const rule = MUTATION_RULES[name];
        if (!rule) continue;
        const { args, missing } = rule(f);
        const r = await kb.gql(operationFor("mutation", field, args), args, { viewer: viewerOf(who) });
        if (process.env.KB_ISOLATION_TRACE) console.log(who, name, codeOf(r), r.errors?.[0]?.message ?? JSON.stringify(r.data).slice(0, 80));
        if (codeOf(r) === "INTERNAL_SERVER_ERROR") problems.push(`${name}: internal error ${JSON.stringify(r.errors)}`);
        for (const m of leaks(r)) problems.push(`${name}: shows ${m}`);
        if (missing) {
          const m = await kb.gql(operationFor("mutation", field, missing), missing, { viewer: viewerOf(who) });
          if (codeOf(r) !== codeOf(m)) problems.push(`${name}: A's id answers ${codeOf(r)}, a missing one ${codeOf(m)}`);
          // Both may "succeed" only with the same answer (unfeatureCase: false, as for a case that is not featured).
          if (!r.errors && JSON.stringify(r.data) !== JSON.stringify(m.data)) problems.push(`${name}: succeeded on A's id: ${JSON.stringify(r.data)}`);
        }
      }
      expect(problems).toEqual([]);
      expect(await fingerprintOfA()).toBe(before);
    });
  });
});

// ── Plain-HTTP routes under /api ───────────────────────────────────────────────────────────────

interface RouteProbe {
  method: string;
  /** The path with A's ids, and with fresh ids (for routes addressed by id). */
  url: (x: Fixtures) => { a: string; missing?: string };
  body?: () => BodyInit;
  contentType?: string;
}

const ROUTE_RULES: Record<string, RouteProbe> = {
  "GET /healthz": { method: "GET", url: () => ({ a: "/healthz" }) },
  "POST /cases/:id/attachments": {
    method: "POST",
    url: (x) => ({ a: `/api/cases/${x.a.draft}/attachments`, missing: `/api/cases/${any()}/attachments` }),
    body: () => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(Buffer.from("b,1\n"))]), "b.csv");
      return form;
    },
  },
  "GET /attachments/:id": { method: "GET", url: (x) => ({ a: `/api/attachments/${x.a.attachment}`, missing: `/api/attachments/${any()}` }) },
  "GET /exports/search.csv": { method: "GET", url: () => ({ a: `/api/exports/search.csv?q=${encodeURIComponent(SECRET)}` }) },
  "GET /exports/collections/:id/cases.csv": {
    method: "GET",
    url: (x) => ({ a: `/api/exports/collections/${x.a.collection}/cases.csv`, missing: `/api/exports/collections/${any()}/cases.csv` }),
  },
  "GET /exports/collections/:id/cases.jsonl": {
    method: "GET",
    url: (x) => ({ a: `/api/exports/collections/${x.a.collection}/cases.jsonl`, missing: `/api/exports/collections/${any()}/cases.jsonl` }),
  },
  // The 広域事務局's commons export (issue 16): A has no commons case, so nothing of it is written.
  "GET /exports/commons/cases.csv": { method: "GET", url: () => ({ a: "/api/exports/commons/cases.csv" }) },
  "GET /exports/commons/cases.jsonl": { method: "GET", url: () => ({ a: "/api/exports/commons/cases.jsonl" }) },
  "POST /imports/columns": {
    method: "POST",
    url: () => ({ a: "/api/imports/columns" }),
    body: () => {
      const form = new FormData();
      form.append("file", new Blob([new Uint8Array(Buffer.from("タイトル,概要\n"))]), "b.csv");
      return form;
    },
  },
  "GET /imports/examples/:name/mapping": { method: "GET", url: () => ({ a: "/api/imports/examples/case-list/mapping" }) },
  "GET /import-mappings": { method: "GET", url: () => ({ a: "/api/import-mappings" }) },
  "PUT /import-mappings": {
    method: "PUT",
    url: () => ({ a: "/api/import-mappings" }),
    contentType: "application/json",
    // The same name as A's mapping: names are per organisation, so B's is its own and A's stays.
    body: () => JSON.stringify({ name: `${SECRET}の対応付け`.replace(SECRET, "B"), mapping: { format: "table", fields: { externalId: "ID", title: "タイトル" } } }),
  },
  "DELETE /import-mappings/:id": {
    method: "DELETE",
    url: (x) => ({ a: `/api/import-mappings/${x.a.savedMapping}`, missing: `/api/import-mappings/${any()}` }),
  },
  "GET /imports/examples": { method: "GET", url: () => ({ a: "/api/imports/examples" }) },
  "GET /imports/examples/:name/file": { method: "GET", url: () => ({ a: "/api/imports/examples/case-list/file" }) },
  "POST /imports": {
    method: "POST",
    url: () => ({ a: "/api/imports" }),
    body: () => {
      const form = new FormData();
      form.append("mapping", "{}");
      return form;
    },
  },
  "POST /imports/:id/start": { method: "POST", url: (x) => ({ a: `/api/imports/${x.a.importRun}/start`, missing: `/api/imports/${any()}/start` }) },
  "GET /imports/:id": { method: "GET", url: (x) => ({ a: `/api/imports/${x.a.importRun}`, missing: `/api/imports/${any()}` }) },
  // 人事異動 (issue 15 item 4): a list run by B's ADMIN judges and changes only B's people. A list that
  // names A's people by address is tested in server/src/personnel/personnel-change.test.ts (here the
  // file's own words would be echoed back, and A's addresses are markers).
  "POST /personnel/dry-run": { method: "POST", url: () => ({ a: "/api/personnel/dry-run" }), body: () => personnelForm() },
  "POST /personnel/apply": { method: "POST", url: () => ({ a: "/api/personnel/apply" }), body: () => personnelForm("0".repeat(64)) },
  // Directory sign-in (browser navigations, answered by redirects): A has none, and a callback
  // without the browser's attempt is refused, so each ends on the login page with a reason.
  "GET /directory/:code/start": { method: "GET", url: () => ({ a: `/auth/directory/${A_CODE}/start?next=/` }) },
  "GET /directory/callback": { method: "GET", url: () => ({ a: "/auth/directory/callback?code=forged&state=forged" }) },
  // The search page's HTML carries its reader's first results (http/search-page-html.ts; not an
  // Express route but the client's fallback, so listed here by hand). Without words it lists every case
  // its reader may read (the page would echo A's words, which are markers): nothing of A.
  "GET /search (the page's HTML)": { method: "GET", url: () => ({ a: "/search" }) },
  // Last: it ends the probing session (of B; A's sessions are untouched).
  "GET /logout": { method: "GET", url: () => ({ a: "/auth/logout" }) },
};

function personnelForm(digest?: string): FormData {
  const form = new FormData();
  form.append("file", new Blob([new Uint8Array(Buffer.from("職員番号,氏名,メール,所属\n1,試し 太郎,probe@example.jp,退職\n"))]), "idou.csv");
  if (digest) form.append("digest", digest);
  return form;
}

/** Every route the Express app serves (method and path), read from its routers. */
function routesOf(app: express.Express): string[] {
  const out: string[] = [];
  const walk = (stack: { route?: { path: string; methods: Record<string, boolean> }; handle?: { stack?: unknown[] } }[]) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const method of Object.keys(layer.route.methods)) out.push(`${method.toUpperCase()} ${layer.route.path}`);
      } else if (layer.handle?.stack) walk(layer.handle.stack as never);
    }
  };
  walk((app as unknown as { router: { stack: never[] } }).router.stack);
  return out;
}

describe("organisation isolation over /api (issue 15)", () => {
  let http: Awaited<ReturnType<typeof startHttp>>;
  const sessions = new Map<Outsider, HttpSession>();
  let routes: string[];

  beforeAll(async () => {
    // A generous budget for the search page's HTML, so it carries results here whatever the machine's load.
    http = await startHttp(kb, { KB_SEARCH_PAGE_HTML_BUDGET_MS: "5000" });
    let ip = 10;
    for (const who of OUTSIDERS) {
      const session = new HttpSession(http.url, `10.15.0.${ip++}`);
      if (who !== "anonymous") await session.login(f.b[who].email, f.b[who].password);
      sessions.set(who, session);
    }
    const { app, apollo } = await createHttpApp({
      config: parseConfig({ ...kb.env, NODE_ENV: "test" }),
      logger: kb.logger,
      orm: kb.orm,
      index: kb.index,
      schema: await buildAppSchema(),
    });
    routes = routesOf(app);
    await apollo.stop();
  });
  afterAll(() => http?.close());

  it("has a rule for every route (a new route needs one)", () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.filter((r) => !ROUTE_RULES[r])).toEqual([]);
  });

  it("positive control: the search page's HTML shows A's own member A's case (the probe would see a leak)", async () => {
    const own = new HttpSession(http.url, "10.15.0.99");
    // Not A's staff member: the login probes above have used up that address's attempts.
    expect((await own.login(f.a.other.email, f.a.other.password)).errors).toBeUndefined();
    const res = await fetch(`${http.url}/search`, { headers: { cookie: own.cookie!, "x-forwarded-for": own.forwardedFor } });
    const html = await res.text();
    expect(html).toContain('id="kb-search"');
    expect(leaks(html)).toContain(SECRET);
    expect(html).toContain(`${SECRET}の好事例 PUBLISHED`);
  });

  it.each(OUTSIDERS)("as %s, no route reads or changes anything of A", async (who) => {
    const before = await fingerprintOfA();
    const session = sessions.get(who)!;
    const problems: string[] = [];
    const send = async (probe: RouteProbe, url: string) => {
      const res = await fetch(`${http.url}${url}`, {
        method: probe.method,
        redirect: "manual", // the sign-in routes answer with redirects: their own answer is what is probed
        headers: {
          ...(session.cookie ? { cookie: session.cookie } : {}),
          "x-kb-request": "1",
          "x-forwarded-for": session.forwardedFor,
          ...(probe.contentType ? { "content-type": probe.contentType } : {}),
        },
        body: probe.body?.(),
      });
      const bytes = Buffer.from(await res.arrayBuffer());
      let code: string | null = null;
      try {
        code = (JSON.parse(bytes.toString("utf8")) as { error?: { code?: string } }).error?.code ?? null;
      } catch {
        // not JSON (a file, a CSV)
      }
      return { status: res.status, code, text: bytes.toString("utf8") };
    };
    for (const [name, probe] of Object.entries(ROUTE_RULES)) {
      const { a, missing } = probe.url(f);
      const r = await send(probe, a);
      if (r.status >= 500) problems.push(`${name}: ${r.status} ${r.text.slice(0, 200)}`);
      for (const m of leaks(r.text)) problems.push(`${name}: shows ${m}`);
      if (missing) {
        const m = await send(probe, missing);
        if (r.status !== m.status || r.code !== m.code) problems.push(`${name}: A's id answers ${r.status} ${r.code}, a missing one ${m.status} ${m.code}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await fingerprintOfA()).toBe(before);
  });
});

/**
 * Issue 16: the commons. A shares one published case; its 庁内限定 case and its draft say the same
 * words. B's staff find the shared one — and no count of any facet (自治体, 都道府県, 団体区分, 人口規模 and
 * the others), with or without a selection (the disjunctive queries), counts the other two.
 */
describe("the commons in search: another organisation's 庁内限定 and draft cases count nowhere", () => {
  const WORD = "共有雪囲い語";
  const FACETS = "facets { kind { value count } department { value count } fiscalYear { value count } tags { value count } organisation { value count label } prefecture { value count } organisationKind { value count } populationBand { value count } }";
  type Facets = Record<string, { value: string; count: number }[]>;
  const total = (list: { count: number }[]) => list.reduce((sum, c) => sum + c.count, 0);

  beforeAll(async () => {
    const kase = (title: string, status: "PUBLISHED" | "DRAFT", sharing: "COMMONS" | "ORGANISATION") =>
      buildCase({ title: `${WORD} ${title}`, summary: `${WORD}の概要`, department: "共有課", tags: [WORD], status, fiscalYear: 2022, sharing });
    await kb.importCases([kase("共有", "PUBLISHED", "COMMONS"), kase("庁内限定", "PUBLISHED", "ORGANISATION"), kase("下書き", "DRAFT", "COMMONS")], {
      organisationId: f.a.organisationId,
    });
  });

  it("B's staff see the shared case alone, in every facet count, with and without selections", async () => {
    const viewer = f.b["B:STAFF"];
    const filters = [
      undefined,
      { organisations: [f.a.organisationId] },
      { prefectures: ["兵庫県"] },
      { organisationKinds: ["CITY"] },
      { populationBands: ["UNKNOWN"] },
      { tags: [WORD], fiscalYears: [2022], prefectures: ["兵庫県"] },
    ];
    for (const filter of filters) {
      const r = await gqlOk<{ searchCases: { total: number; hits: { case: { title: string } }[]; facets: Facets } }>(
        filter
          ? `query ($filter: CaseSearchFilter) { searchCases(query: "${WORD}", filter: $filter) { total hits { case { title } } ${FACETS} } }`
          : `query { searchCases(query: "${WORD}") { total hits { case { title } } ${FACETS} } }`,
        filter ? { filter } : {},
        viewer,
      );
      const label = JSON.stringify(filter);
      expect(r.searchCases.hits.map((h) => h.case.title), label).toEqual([`${WORD} 共有`]);
      expect(r.searchCases.total, label).toBe(1);
      for (const [facet, counts] of Object.entries(r.searchCases.facets)) expect(total(counts), `${label} ${facet}`).toBe(1);
      expect(r.searchCases.facets.organisation, label).toEqual([{ value: f.a.organisationId, count: 1, label: "宝塚市" }]);
    }
    const values = await gqlOk<{ searchFacetValues: { value: string; count: number }[] }>(
      `query { searchFacetValues(facet: TAGS, facetQuery: "${WORD}", query: "") { value count } }`,
      {},
      viewer,
    );
    expect(values.searchFacetValues).toEqual([{ value: WORD, count: 1 }]);
  });

  it("A's own staff count all of A's published cases (the probe would see a leak)", async () => {
    const r = await gqlOk<{ searchCases: { total: number; facets: Facets } }>(`query { searchCases(query: "${WORD}") { total ${FACETS} } }`, {}, f.a.staff);
    expect(r.searchCases.total).toBe(2);
    expect(r.searchCases.facets.organisation).toEqual([{ value: f.a.organisationId, count: 2, label: "宝塚市" }]);
  });
});

// ── Lineage across organisations (issue 16) ────────────────────────────────────────────────────

describe("lineage does not carry A's 庁内限定 or draft cases to B (issue 16)", () => {
  it("B's commons case lists none of A's derived cases that are 庁内限定 or drafts (no count either), and B cannot name them as its original", async () => {
    // B publishes a commons case; A bases a 庁内限定 published case and a draft on it.
    await kb.importCases([buildCase({ externalId: "b-commons", title: "札幌の共有事例", department: "札幌課" })], { organisationId: f.b["B:STAFF"].organisationId });
    const [bCase] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where external_id = 'b-commons'");
    await kb.orm.em.fork().execute("update cases set sharing = 'COMMONS' where id = ?", [bCase!.id]);
    await kb.orm.em.fork().execute("update cases set based_on_id = ? where id in (?)", [bCase!.id, [f.a.published, f.a.draft]]);
    // B reads publicly for this probe, so anonymous visitors read B's case too, and A's members (the
    // positive control) read it whatever the commons rule.
    const bOrganisation = f.b["B:STAFF"].organisationId;
    await updateOrganisation(kb.orm.em.fork(), bOrganisation, { publicReading: true });
    try {
      const query = `query ($id: ID!) { case(id: $id) { id derivedCases { total items { id title organisation { name } } } adoptions { id } } }`;
      for (const who of OUTSIDERS) {
        const r = await kb.gql<{ case: { derivedCases: { total: number; items: unknown[] } } | null }>(query, { id: bCase!.id }, { viewer: viewerOf(who) });
        expect(r.errors).toBeUndefined();
        expect(leaks(r)).toEqual([]);
        expect(r.data?.case?.derivedCases).toEqual({ total: 0, items: [] });
      }
      // A's own member reads A's 庁内限定 case, so it is listed for them (the probe would see a leak).
      const own = await kb.gql<{ case: { derivedCases: { total: number } } }>(query, { id: bCase!.id }, { viewer: f.a.staff });
      expect(own.data?.case.derivedCases.total).toBe(1);
      // B's draft cannot name A's cases: refused exactly as an id that does not exist.
      const draft = await gqlOk<{ createCase: { id: string } }>(
        `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id } }`,
        { input: { kind: "PRACTICE", title: "札幌の派生下書き", fiscalYear: 2024 } },
        f.b["B:STAFF"],
      );
      const name = (basedOnId: string) =>
        kb.gql(`mutation ($c: ID!, $b: ID) { setCaseBasedOn(caseId: $c, basedOnId: $b) { id } }`, { c: draft.createCase.id, b: basedOnId }, { viewer: f.b["B:STAFF"] });
      for (const target of [f.a.published, f.a.draft, f.a.archived]) {
        const r = await name(target);
        const m = await name(randomUUID());
        expect(leaks(r)).toEqual([]);
        expect(JSON.stringify(r.errors)).toBe(JSON.stringify(m.errors));
      }
    } finally {
      await updateOrganisation(kb.orm.em.fork(), bOrganisation, { publicReading: false });
      await kb.orm.em.fork().execute("update cases set based_on_id = null where id in (?)", [[f.a.published, f.a.draft]]);
    }
  });
});

// ── The commons (issue 16 item 8) ──────────────────────────────────────────────────────────────

describe("the commons: a COMMONS collection never carries A's 庁内限定 cases to B", () => {
  const hub = () => f.b["B:HUB"];
  const entries = `query ($id: ID!) { collection(id: $id) { entryCount entries { caseId caseTitle case { id title } } } }`;

  it("the hub cannot add A's 庁内限定 or draft case (answered as a missing case); a case made 庁内限定 later disappears for B", async () => {
    const made = await gqlOk<{ createCollection: { id: string } }>(
      `mutation ($input: CollectionInput!) { createCollection(input: $input) { id } }`,
      { input: { title: "令和7年度 全国の好事例集", scope: "COMMONS" } },
      hub(),
    );
    const id = made.createCollection.id;
    const add = (caseId: string) =>
      kb.gql(`mutation ($input: CollectionEntryInput!) { addCollectionEntry(input: $input) { id } }`, { input: { collectionId: id, caseId, reason: "全国に紹介" } }, { viewer: hub() });
    const missing = await add(randomUUID());
    expect(codeOf(missing)).toBe("NOT_FOUND");
    for (const caseId of [f.a.published, f.a.draft, f.a.submitted, f.a.archived]) {
      const r = await add(caseId);
      expect(codeOf(r), caseId).toBe("NOT_FOUND");
      expect(leaks(r)).toEqual([]);
    }
    const bulk = await kb.gql(
      `mutation ($input: CollectionEntriesInput!) { addCollectionEntries(input: $input) { addedCaseIds } }`,
      { input: { collectionId: id, caseIds: [f.a.published], reason: "全国に紹介" } },
      { viewer: hub() },
    );
    expect(codeOf(bulk)).toBe("BAD_USER_INPUT");
    expect(leaks(bulk)).toEqual([]);

    // Positive control: A shares the case with every organisation; the hub adds it and B's staff read it.
    const fingerprint = await fingerprintOfA();
    await kb.orm.em.fork().execute("update cases set sharing = 'COMMONS' where id = ?", [f.a.published]);
    try {
      expect(codeOf(await add(f.a.published))).toBeNull();
      const { collection } = await gqlOk<{ collection: { version: number } }>(`query ($id: ID!) { collection(id: $id) { version } }`, { id }, hub());
      await gqlOk(`mutation ($id: ID!, $version: Int!) { publishCollection(id: $id, version: $version) { id } }`, { id, version: collection.version }, hub());
      const seen = await kb.gql(entries, { id }, { viewer: f.b["B:STAFF"] });
      expect(leaks(seen)).toContain(SECRET);
      // A makes it 庁内限定 again: gone for every reader of B, the hub included; the entry stays for when it is shared again.
      await kb.orm.em.fork().execute("update cases set sharing = 'ORGANISATION' where id = ?", [f.a.published]);
      for (const who of ["B:STAFF", "B:SECRETARIAT", "B:HUB"] as const) {
        const r = await kb.gql<{ collection: { entryCount: number } }>(entries, { id }, { viewer: f.b[who] });
        expect(leaks(r), who).toEqual([]);
        expect(r.data?.collection?.entryCount, who).toBe(0);
      }
      const anonymous = await kb.gql(entries, { id }, { viewer: null });
      expect(leaks(anonymous)).toEqual([]);
    } finally {
      await kb.orm.em.fork().execute("update cases set sharing = 'ORGANISATION' where id = ?", [f.a.published]);
      await kb.orm.em.fork().execute("delete from collection_entries where collection_id = ?", [id]);
    }
    expect(await fingerprintOfA()).toBe(fingerprint);
  });
});
