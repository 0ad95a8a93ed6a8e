import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Tag proposals: any logged-in reader proposes on a published case; the owning department (or the
 * author) or the secretariat accepts or declines; nobody else. Accepted tags reach the index.
 */
let kb: TestBackend;
let owner: Viewer; // 子育て支援課: the case's department
let ownerColleague: Viewer; // same department
let proposer: Viewer; // another department
let bystander: Viewer; // a third department
let secretariat: Viewer;
let admin: Viewer;
let caseId: string;

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

interface Proposal {
  id: string;
  tagName: string;
  category: string;
  isNewTag: boolean;
  status: string;
  viewerCanDecide: boolean;
}
const FIELDS = "id tagName category isNewTag status viewerCanDecide proposer { displayName } decidedBy { displayName }";
const PROPOSE = `mutation ($input: TagProposalInput!) { proposeTag(input: $input) { ${FIELDS} } }`;
const DECIDE = `mutation ($id: ID!, $input: TagProposalDecisionInput!) { decideTagProposal(id: $id, input: $input) { ${FIELDS} } }`;

const propose = (viewer: Viewer | null, tag: string, extra: Record<string, unknown> = {}, id = caseId) =>
  kb.gql<{ proposeTag: Proposal }>(PROPOSE, { input: { caseId: id, tag, ...extra } }, { viewer });
const decide = (viewer: Viewer | null, id: string, decision: "ACCEPT" | "DECLINE", comment?: string) =>
  kb.gql<{ decideTagProposal: Proposal }>(DECIDE, { id, input: { decision, comment } }, { viewer });

beforeAll(async () => {
  kb = await createTestBackend();
  owner = await kb.createViewer({ department: "子育て支援課" });
  ownerColleague = await kb.createViewer({ department: "子育て支援課" });
  proposer = await kb.createViewer({ department: "市民課", displayName: "提案 する子" });
  bystander = await kb.createViewer({ department: "税務課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  await kb.importCases([
    buildCase({ externalId: "proposal-case", title: "児童手当の来庁予約", department: "子育て支援課", tags: ["kintone"] }),
    buildCase({ externalId: "proposal-draft", title: "下書きの好事例", department: "子育て支援課", status: "DRAFT" }),
  ]);
  [{ id: caseId }] = (await sql<{ id: string }>("select id from cases where external_id = 'proposal-case'")) as [{ id: string }];
});
afterAll(() => kb?.close());

describe("who may propose", () => {
  it("lets any logged-in reader propose on a published case, and tells the owners", async () => {
    const proposal = (await ok(propose(proposer, "窓口ＤＸ", { comment: "窓口の事例として探したい" }))).proposeTag;
    expect(proposal).toMatchObject({ tagName: "窓口DX", status: "PENDING", isNewTag: true, category: "THEME", viewerCanDecide: false });
    const notices = await sql<{ recipient_id: string; type: string }>("select recipient_id, type from notifications where type = 'TAG_PROPOSED'");
    expect(notices.map((n) => n.recipient_id).sort()).toEqual([owner.userId, ownerColleague.userId].sort());
    expect((await sql<{ action: string }>("select action from audit_log where action = 'tag.propose'")).length).toBe(1);
  });

  it("refuses anonymous users, unpublished cases, duplicates and tags the case has", async () => {
    expect(codeOf(await propose(null, "子育て"))).toBe("UNAUTHENTICATED");
    const [draft] = await sql<{ id: string }>("select id from cases where external_id = 'proposal-draft'");
    expect(codeOf(await propose(proposer, "子育て", {}, draft!.id))).toBe("NOT_FOUND"); // not readable by others
    expect(codeOf(await propose(owner, "子育て", {}, draft!.id))).toBe("CONFLICT"); // readable, but not published
    const duplicate = await propose(bystander, "窓口dx");
    expect(duplicate.errors?.[0]?.extensions?.fields).toEqual([{ path: "tag", message: "「窓口DX」はすでに提案されていて、判断を待っています" }]);
    const present = await propose(bystander, "ＫＩＮＴＯＮＥ");
    expect(present.errors?.[0]?.extensions?.fields).toEqual([{ path: "tag", message: "「kintone」はこの好事例にすでに付いています" }]);
  });
});

describe("who may decide", () => {
  it("lets the owning department accept: the tag goes on the case, into a revision and into the index", async () => {
    const [pending] = await sql<{ id: string }>("select id from tag_proposals where tag_name = '窓口DX'");
    // Nobody else: not the proposer, not another department.
    expect(codeOf(await decide(proposer, pending!.id, "ACCEPT"))).toBe("FORBIDDEN");
    expect(codeOf(await decide(bystander, pending!.id, "ACCEPT"))).toBe("FORBIDDEN");
    expect(codeOf(await decide(null, pending!.id, "ACCEPT"))).toBe("UNAUTHENTICATED");

    const onPage = await ok(
      kb.gql<{ case: { tagProposals: Proposal[]; tagProposalAccess: { propose: boolean; decide: boolean } } }>(
        `query ($id: ID!) { case(id: $id) { tagProposals { ${FIELDS} } tagProposalAccess { propose decide } } }`,
        { id: caseId },
        { viewer: ownerColleague },
      ),
    );
    expect(onPage.case.tagProposalAccess).toEqual({ propose: true, decide: true });
    expect(onPage.case.tagProposals).toEqual([expect.objectContaining({ tagName: "窓口DX", viewerCanDecide: true })]);

    const [before] = await sql<{ version: number }>("select version from cases where id = ?", [caseId]);
    const accepted = (await ok(decide(ownerColleague, pending!.id, "ACCEPT"))).decideTagProposal;
    expect(accepted).toMatchObject({ status: "ACCEPTED", tagName: "窓口DX" });
    const [after] = await sql<{ version: number }>("select version from cases where id = ?", [caseId]);
    expect(after!.version).toBe(before!.version + 1);
    const [revision] = await sql<{ snapshot: { tags: string[] } }>("select snapshot from case_revisions where case_id = ? order by version desc limit 1", [caseId]);
    expect(revision!.snapshot.tags).toEqual(["kintone", "窓口DX"]);

    await kb.syncSearch();
    const found = await ok(
      kb.gql<{ searchCases: { hits: { case: { id: string; tags: string[] } }[] } }>(`{ searchCases(query: "", filter: { tags: ["窓口DX"] }) { hits { case { id tags } } } }`),
    );
    expect(found.searchCases.hits).toEqual([{ case: { id: caseId, tags: ["kintone", "窓口DX"] } }]);
    const told = await sql<{ recipient_id: string }>("select recipient_id from notifications where type = 'TAG_PROPOSAL_ACCEPTED'");
    expect(told.map((n) => n.recipient_id)).toEqual([proposer.userId]);
    // A decided proposal cannot be decided again.
    expect(codeOf(await decide(secretariat, pending!.id, "DECLINE"))).toBe("CONFLICT");
  });

  it("lets the secretariat (and admins) decide on any case; a new tag gets the proposed category", async () => {
    const skill = (await ok(propose(bystander, "デジタルリテラシー", { category: "SKILL" }))).proposeTag;
    expect(skill).toMatchObject({ isNewTag: true, category: "SKILL" });
    const declined = (await ok(propose(proposer, "テスト用タグ"))).proposeTag;

    expect((await ok(decide(secretariat, skill.id, "ACCEPT"))).decideTagProposal.status).toBe("ACCEPTED");
    const [tag] = await sql<{ category: string }>("select category from tags where name = 'デジタルリテラシー'");
    expect(tag!.category).toBe("SKILL");

    const no = (await ok(decide(admin, declined.id, "DECLINE", "既存のタグで足ります"))).decideTagProposal;
    expect(no.status).toBe("DECLINED");
    expect(await sql("select 1 from tags where name = 'テスト用タグ'")).toEqual([]);
    const told = await sql<{ message: string }>("select message from notifications where type = 'TAG_PROPOSAL_DECLINED'");
    expect(told[0]!.message).toContain("既存のタグで足ります");

    // The proposer sees their decided proposal; an unrelated reader sees only pending ones.
    const asBystander = await ok(kb.gql<{ case: { tagProposals: Proposal[] } }>(`query ($id: ID!) { case(id: $id) { tagProposals { ${FIELDS} } } }`, { id: caseId }, { viewer: bystander }));
    expect(asBystander.case.tagProposals.map((p) => p.tagName)).toEqual(["デジタルリテラシー"]);
    const anonymous = await ok(kb.gql<{ case: { tagProposals: Proposal[]; tagProposalAccess: { propose: boolean } } }>(`query ($id: ID!) { case(id: $id) { tagProposals { id } tagProposalAccess { propose } } }`, { id: caseId }));
    expect(anonymous.case).toEqual({ tagProposals: [], tagProposalAccess: { propose: false } });
  });

  it("lists pending proposals: all for the secretariat, their own cases' for owners", async () => {
    await ok(propose(bystander, "子育て"));
    const all = await ok(kb.gql<{ pendingTagProposals: { total: number; items: Proposal[] } }>(`{ pendingTagProposals { total items { tagName viewerCanDecide } } }`, {}, { viewer: secretariat }));
    expect(all.pendingTagProposals).toEqual({ total: 1, items: [{ tagName: "子育て", viewerCanDecide: true }] });
    const mine = await ok(kb.gql<{ pendingTagProposals: { total: number } }>(`{ pendingTagProposals { total } }`, {}, { viewer: owner }));
    expect(mine.pendingTagProposals.total).toBe(1);
    const others = await ok(kb.gql<{ pendingTagProposals: { total: number } }>(`{ pendingTagProposals { total } }`, {}, { viewer: proposer }));
    expect(others.pendingTagProposals.total).toBe(0);
  });
});
