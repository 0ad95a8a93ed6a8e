import { COMMONS_DEMAND_MIN_ORGANISATIONS, demandKeyOf } from "@kb/shared";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";
import { createOrganisation } from "../organisations/index.js";
import { searchQueryRecorder } from "../search-stats/index.js";

/**
 * 募集 and the demand board (issue 16 item 6): searches that found nothing add up per organisation
 * (grouped: 全角/半角, case, punctuation, word order) and across the commons (counts only, from
 * COMMONS_DEMAND_MIN_ORGANISATIONS organisations); a secretariat or the 広域事務局 turns one into a
 * 募集; staff of another organisation answer it with a case; the requester and followers are told.
 */
const CODES = { a: "282146", b: "011002", c: "271004", d: "131016" };

let kb: TestBackend;
const org: Record<keyof typeof CODES, string> = { a: "", b: "", c: "", d: "" };
let staffA: Viewer;
let secretariatA: Viewer;
let hub: Viewer;
let staffB: Viewer;
let followerC: Viewer;

const gql = async <T>(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<T> => {
  const r = await kb.gql<T>(query, variables, { viewer });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};
const codeOf = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;

const BOARD = `query { demandBoard { searches { query zeroResults solicitationId } unansweredQuestions { caseTitle unanswered } commons { query organisations zeroResults solicitationId } minimumOrganisations } }`;
const CREATE = `mutation ($input: SolicitationInput!) { createSolicitation(input: $input) { id title scope byHub deadline organisationName open viewerCanClose } }`;
const nextYear = `${new Date().getFullYear() + 1}-03-31`;

beforeAll(async () => {
  kb = await createTestBackend();
  const make = (name: string, kana: string, prefecture: string, code: string) =>
    createOrganisation(kb.orm.em.fork(), { name, kana, prefecture, kind: "CITY", code }, null).then((o) => o.id);
  org.a = await make("宝塚市", "たからづかし", "兵庫県", CODES.a);
  org.b = await make("札幌市", "さっぽろし", "北海道", CODES.b);
  org.c = await make("大阪市", "おおさかし", "大阪府", CODES.c);
  org.d = await make("千代田区", "ちよだく", "東京都", CODES.d);
  staffA = await kb.createViewer({ organisation: CODES.a, department: "市民課", displayName: "宝塚 職員" });
  secretariatA = await kb.createViewer({ organisation: CODES.a, role: "SECRETARIAT", department: "行革課", displayName: "宝塚 事務局" });
  hub = await kb.createViewer({ organisation: CODES.d, department: "広域連携課", displayName: "広域 事務局", installationRole: "HUB_SECRETARIAT" });
  staffB = await kb.createViewer({ organisation: CODES.b, department: "区政課", displayName: "札幌 職員" });
  followerC = await kb.createViewer({ organisation: CODES.c, department: "窓口課", displayName: "大阪 職員" });

  // Searches that found nothing: A in three spellings of one demand; the same words in B and C (and
  // one spelling in D); something only A and B looked for.
  const recorder = searchQueryRecorder(kb.orm.em);
  const at = new Date();
  for (const q of ["窓口 待ち時間", "待ち時間　窓口", "窓口、待ち時間！", "窓口 待ち時間"]) recorder.record(q, 0, at, org.a);
  recorder.record("ＷＡＩＴ 窓口", 0, at, org.a);
  recorder.record("窓口 待ち時間", 0, at, org.b);
  recorder.record("待ち時間 窓口", 0, at, org.c);
  recorder.record("宝塚だけの言葉", 0, at, org.a);
  recorder.record("宝塚だけの言葉", 0, at, org.b);
  recorder.record("見つかった言葉", 3, at, org.a);
  await recorder.flush();
}, 120_000);

afterAll(() => kb?.close());

describe("demandKeyOf", () => {
  it("groups 全角/半角, case, punctuation and word order", () => {
    expect(demandKeyOf("窓口　待ち時間")).toBe(demandKeyOf("待ち時間 窓口"));
    expect(demandKeyOf("窓口、待ち時間！")).toBe(demandKeyOf("窓口 待ち時間"));
    expect(demandKeyOf("ＡＩ　チャットボット")).toBe(demandKeyOf("チャットボット ai"));
    expect(demandKeyOf("ｶﾅ")).toBe("カナ");
  });
});

describe("the demand board", () => {
  it("shows the organisation's own zero-result searches, grouped, to its secretariat", async () => {
    const { demandBoard } = await gql<{ demandBoard: { searches: { query: string; zeroResults: number }[]; minimumOrganisations: number } }>(BOARD, {}, secretariatA);
    expect(demandBoard.minimumOrganisations).toBe(COMMONS_DEMAND_MIN_ORGANISATIONS);
    const wait = demandBoard.searches.filter((s) => demandKeyOf(s.query) === demandKeyOf("窓口 待ち時間"));
    expect(wait).toHaveLength(1);
    expect(wait[0]!.zeroResults).toBe(4);
    expect(demandBoard.searches.map((s) => s.query)).not.toContain("見つかった言葉");
  });

  it("across the commons shows counts of words at least the minimum of organisations searched, never one town's own words", async () => {
    const { demandBoard } = await gql<{ demandBoard: { commons: { query: string; organisations: number; zeroResults: number }[]; searches: unknown[] } }>(BOARD, {}, hub);
    // The 広域事務局 alone (a member, not a secretariat, of its organisation) sees the commons part only.
    expect(demandBoard.searches).toEqual([]);
    expect(demandBoard.commons).toEqual([{ query: demandKeyOf("窓口 待ち時間"), organisations: 3, zeroResults: 6, solicitationId: null }]);
    // B's secretariat sees the same commons counts, and none of A's own words.
    const secretariatB = await kb.createViewer({ organisation: CODES.b, role: "SECRETARIAT", department: "札幌事務局" });
    const seen = await gql<{ demandBoard: { searches: { query: string }[]; commons: unknown[] } }>(BOARD, {}, secretariatB);
    expect(JSON.stringify(seen)).not.toContain("ＷＡＩＴ");
    expect(JSON.stringify(seen)).not.toContain("wait");
    expect(seen.demandBoard.commons).toHaveLength(1);
  });

  it("is the secretariats' and the hub's: staff are refused", async () => {
    expect(codeOf(await kb.gql(BOARD, {}, { viewer: staffA }))).toBe("FORBIDDEN");
    expect(codeOf(await kb.gql(BOARD, {}, { viewer: null }))).toBe("UNAUTHENTICATED");
  });
});

describe("募集", () => {
  let hubCall: string;
  let ownCall: string;

  it("a secretariat calls within its organisation; the 広域事務局 across the commons; staff cannot call", async () => {
    const own = await gql<{ createSolicitation: { id: string; scope: string; byHub: boolean } }>(
      CREATE,
      { input: { title: "宝塚市内の窓口改善の事例を募集しています", description: "庁内の工夫を教えてください", deadline: nextYear, scope: "ORGANISATION" } },
      secretariatA,
    );
    ownCall = own.createSolicitation.id;
    expect(own.createSolicitation).toMatchObject({ scope: "ORGANISATION", byHub: false });
    const made = await gql<{ createSolicitation: { id: string; byHub: boolean; organisationName: string; viewerCanClose: boolean } }>(
      CREATE,
      { input: { title: "窓口の待ち時間を減らした事例を募集しています", deadline: nextYear, scope: "COMMONS", demandQuery: "窓口 待ち時間" } },
      hub,
    );
    hubCall = made.createSolicitation.id;
    expect(made.createSolicitation).toMatchObject({ byHub: true, organisationName: "千代田区", viewerCanClose: true });
    expect(codeOf(await kb.gql(CREATE, { input: { title: "x", deadline: nextYear, scope: "COMMONS" } }, { viewer: staffA }))).toBe("FORBIDDEN");
    const past = await kb.gql(CREATE, { input: { title: "昔の募集", deadline: "2020-01-01", scope: "ORGANISATION" } }, { viewer: secretariatA });
    expect(codeOf(past)).toBe("BAD_USER_INPUT");
    // The board marks the demand as 募集中.
    const { demandBoard } = await gql<{ demandBoard: { commons: { solicitationId: string | null }[] } }>(BOARD, {}, hub);
    expect(demandBoard.commons[0]!.solicitationId).toBe(hubCall);
  });

  it("an organisation's 募集 is seen by its staff only; the hub's by everyone", async () => {
    const LIST = `query { solicitations(first: 50) { total items { title } } }`;
    const ofB = await gql<{ solicitations: { total: number; items: { title: string }[] } }>(LIST, {}, staffB);
    expect(ofB.solicitations.items.map((s) => s.title)).toEqual(["窓口の待ち時間を減らした事例を募集しています"]);
    const ofA = await gql<{ solicitations: { total: number } }>(LIST, {}, staffA);
    expect(ofA.solicitations.total).toBe(2);
    const one = await kb.gql(`query ($id: ID!) { solicitation(id: $id) { id } }`, { id: ownCall }, { viewer: staffB });
    expect(one.data).toEqual({ solicitation: null });
  });

  it("staff of another 自治体 answer with a commons case; the requester and followers who can read it are told", async () => {
    await gql(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "SOLICITATION", targetId: hubCall } }, followerC);
    await kb.importCases(
      [buildCase({ title: "札幌の窓口予約で待ち時間半減", department: "区政課" }), buildCase({ title: "札幌の庁内だけの事例", department: "区政課" })],
      { organisationId: org.b },
    );
    await kb.orm.em.fork().execute("update cases set sharing = 'COMMONS' where title = '札幌の窓口予約で待ち時間半減'");
    const candidates = await gql<{ solicitationCandidates: { caseId: string; title: string }[] }>(
      `query ($id: ID!) { solicitationCandidates(solicitationId: $id, search: "札幌") { caseId title } }`,
      { id: hubCall },
      staffB,
    );
    expect(candidates.solicitationCandidates.map((c) => c.title)).toEqual(["札幌の窓口予約で待ち時間半減"]);
    const [internal] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where title = '札幌の庁内だけの事例'");
    const ANSWER = `mutation ($input: SolicitationAnswerInput!) { answerSolicitation(input: $input) { caseTitle organisationName departmentName } }`;
    const refused = await kb.gql(ANSWER, { input: { solicitationId: hubCall, caseId: internal!.id } }, { viewer: staffB });
    expect(codeOf(refused)).toBe("BAD_USER_INPUT");
    // A's 庁内限定 case is not B's to offer (answered as a missing case).
    await kb.importCases([buildCase({ title: "宝塚の庁内限定" })], { organisationId: org.a });
    const [aInternal] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where title = '宝塚の庁内限定'");
    expect(codeOf(await kb.gql(ANSWER, { input: { solicitationId: hubCall, caseId: aInternal!.id } }, { viewer: staffB }))).toBe("NOT_FOUND");

    const answered = await gql<{ answerSolicitation: unknown }>(ANSWER, { input: { solicitationId: hubCall, caseId: candidates.solicitationCandidates[0]!.caseId, comment: "予約制が効きました" } }, staffB);
    expect(answered.answerSolicitation).toEqual({ caseTitle: "札幌の窓口予約で待ち時間半減", organisationName: "札幌市", departmentName: "区政課" });
    expect(codeOf(await kb.gql(ANSWER, { input: { solicitationId: hubCall, caseId: candidates.solicitationCandidates[0]!.caseId } }, { viewer: staffB }))).toBe("CONFLICT");

    const NOTICES = `query { notifications(first: 20) { items { type message } } }`;
    const message = "募集「窓口の待ち時間を減らした事例を募集しています」に、札幌市から好事例「札幌の窓口予約で待ち時間半減」が寄せられました。";
    for (const who of [hub, followerC]) {
      const { notifications } = await gql<{ notifications: { items: { type: string; message: string }[] } }>(NOTICES, {}, who);
      expect(notifications.items).toContainEqual({ type: "SOLICITATION_ANSWERED", message });
    }
    const mails = await kb.orm.em.fork().execute<{ n: string }[]>("select count(*) as n from mail_outbox where subject like '%募集「窓口の待ち時間%'");
    expect(Number(mails[0]!.n)).toBe(2);
    const detail = await gql<{ solicitation: { answerCount: number; answers: { caseTitle: string; comment: string }[] } }>(
      `query ($id: ID!) { solicitation(id: $id) { answerCount answers { caseTitle comment } } }`,
      { id: hubCall },
      staffA,
    );
    expect(detail.solicitation).toEqual({ answerCount: 1, answers: [{ caseTitle: "札幌の窓口予約で待ち時間半減", comment: "予約制が効きました" }] });
  });

  it("an answer whose case is withdrawn from the commons is no longer shown outside its organisation", async () => {
    await kb.orm.em.fork().execute("update cases set sharing = 'ORGANISATION' where title = '札幌の窓口予約で待ち時間半減'");
    const q = `query ($id: ID!) { solicitation(id: $id) { answerCount answers { caseTitle } } }`;
    expect((await gql<{ solicitation: unknown }>(q, { id: hubCall }, staffA)).solicitation).toEqual({ answerCount: 0, answers: [] });
    expect((await gql<{ solicitation: { answerCount: number } }>(q, { id: hubCall }, staffB)).solicitation.answerCount).toBe(1);
    await kb.orm.em.fork().execute("update cases set sharing = 'COMMONS' where title = '札幌の窓口予約で待ち時間半減'");
  });

  it("only who called it closes it; a closed 募集 takes no answers", async () => {
    const CLOSE = `mutation ($id: ID!) { closeSolicitation(id: $id) { open closedAt } }`;
    expect(codeOf(await kb.gql(CLOSE, { id: hubCall }, { viewer: secretariatA }))).toBe("FORBIDDEN");
    const closed = await gql<{ closeSolicitation: { open: boolean } }>(CLOSE, { id: hubCall }, hub);
    expect(closed.closeSolicitation.open).toBe(false);
    const [c] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from cases where title = '窓口予約の先行事例' or organisation_id = ? limit 1", [org.a]);
    const r = await kb.gql(`mutation ($input: SolicitationAnswerInput!) { answerSolicitation(input: $input) { id } }`, { input: { solicitationId: hubCall, caseId: c!.id } }, { viewer: staffA });
    expect(codeOf(r)).toBe("CONFLICT");
  });
});
