import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";

/**
 * Q&A: questions from other 課, answers by the case's 課 or the secretariat, an accepted answer,
 * notifications both ways. Permissions as a matrix: allowed succeed; the others are refused and
 * change nothing.
 */
let kb: TestBackend;
let owner: Viewer; // 子育て支援課
let ownerColleague: Viewer;
let asker: Viewer; // 市民課
let askerColleague: Viewer; // 市民課
let bystander: Viewer; // 税務課
let secretariat: Viewer;
let admin: Viewer;
let caseId: string;
let draftId: string;

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);

const ask = (viewer: Viewer | null, body: string, id = caseId) =>
  kb.gql<{ askQuestion: { id: string; body: string; department: { name: string } } }>(
    `mutation ($input: QuestionInput!) { askQuestion(input: $input) { id body department { name } } }`,
    { input: { caseId: id, body } },
    { viewer },
  );
const answer = (viewer: Viewer | null, questionId: string, body: string) =>
  kb.gql<{ answerQuestion: { id: string; body: string; accepted: boolean; department: { name: string } } }>(
    `mutation ($input: AnswerInput!) { answerQuestion(input: $input) { id body accepted department { name } } }`,
    { input: { questionId, body } },
    { viewer },
  );
const accept = (viewer: Viewer | null, answerId: string) =>
  kb.gql<{ acceptAnswer: { id: string; acceptedAnswerId: string } }>(
    `mutation ($id: ID!) { acceptAnswer(answerId: $id) { id acceptedAnswerId } }`,
    { id: answerId },
    { viewer },
  );

async function footprint() {
  const [row] = await sql<Record<string, string>>(
    `select (select count(*) from questions) as questions, (select count(*) from answers) as answers,
            (select count(*) from questions where accepted_answer_id is not null) as accepted,
            (select count(*) from audit_log where action like 'question.%') as audits,
            (select count(*) from notifications) as notices`,
  );
  return row;
}

beforeAll(async () => {
  kb = await createTestBackend();
  owner = await kb.createViewer({ department: "子育て支援課", displayName: "持主 一郎" });
  ownerColleague = await kb.createViewer({ department: "子育て支援課", displayName: "同僚 二郎" });
  asker = await kb.createViewer({ department: "市民課", displayName: "質問 花子" });
  askerColleague = await kb.createViewer({ department: "市民課" });
  bystander = await kb.createViewer({ department: "税務課" });
  secretariat = await kb.createViewer({ role: "SECRETARIAT", department: "業務改革推進課", displayName: "事務局 三郎" });
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  await kb.importCases([
    buildCase({ externalId: "q-case", title: "来庁予約アプリ", department: "子育て支援課" }),
    buildCase({ externalId: "q-draft", title: "下書き", department: "子育て支援課", status: "DRAFT" }),
  ]);
  [{ id: caseId }] = (await sql<{ id: string }>("select id from cases where external_id = 'q-case'")) as [{ id: string }];
  [{ id: draftId }] = (await sql<{ id: string }>("select id from cases where external_id = 'q-draft'")) as [{ id: string }];
});
afterAll(() => kb?.close());

describe("asking", () => {
  it("refuses anonymous users, the owning 課, unpublished cases and empty questions, changing nothing", async () => {
    const before = await footprint();
    expect(codeOf(await ask(null, "質問です"))).toBe("UNAUTHENTICATED");
    expect(codeOf(await ask(owner, "質問です"))).toBe("FORBIDDEN");
    expect(codeOf(await ask(asker, "質問です", draftId))).toBe("NOT_FOUND");
    expect(codeOf(await ask(secretariat, "質問です", draftId))).toBe("FORBIDDEN");
    const empty = await ask(asker, "   ");
    expect(empty.errors?.[0]?.extensions?.fields).toEqual([{ path: "body", message: "質問を入力してください" }]);
    expect(await footprint()).toEqual(before);
  });

  it("lets another 課 (and the secretariat, and an admin) ask; the case's 課 is told", async () => {
    const q = (await ok(ask(asker, "予約枠は何分単位で設定しましたか？"))).askQuestion;
    expect(q).toMatchObject({ body: "予約枠は何分単位で設定しましたか？", department: { name: "市民課" } });
    const notices = await sql<{ recipient_id: string; message: string }>("select recipient_id, message from notifications where type = 'QUESTION_ASKED'");
    expect(notices.map((n) => n.recipient_id).sort()).toEqual([owner.userId, ownerColleague.userId].sort());
    expect(notices[0]!.message).toBe("質問 花子さんから「来庁予約アプリ」に質問が届きました：「予約枠は何分単位で設定しましたか？」");
    await ok(ask(secretariat, "他の課にも紹介してよいですか？"));
    await ok(ask(admin, "LGWANで動きますか？"));
    expect(await sql("select id from audit_log where action = 'question.ask'")).toHaveLength(3);
  });
});

describe("answering and accepting", () => {
  it("lets only the case's 課 and the secretariat answer; the asker is told", async () => {
    const [q] = await sql<{ id: string }>("select id from questions where author_id = ?", [asker.userId]);
    const before = await footprint();
    for (const [who, viewer, code] of [
      ["anonymous", null, "UNAUTHENTICATED"],
      ["the asker", asker, "FORBIDDEN"],
      ["another 課", bystander, "FORBIDDEN"],
      ["an admin", admin, "FORBIDDEN"],
    ] as const) {
      expect(codeOf(await answer(viewer, q!.id, "回答です")), who).toBe(code);
    }
    expect(codeOf(await answer(owner, "00000000-0000-4000-8000-000000000000", "回答です"))).toBe("NOT_FOUND");
    expect(await footprint()).toEqual(before);

    const a = (await ok(answer(ownerColleague, q!.id, "15分単位です。"))).answerQuestion;
    expect(a).toMatchObject({ body: "15分単位です。", accepted: false, department: { name: "子育て支援課" } });
    await ok(answer(secretariat, q!.id, "市民課でも同じ設定で始められます。"));
    const told = await sql<{ recipient_id: string; message: string }>("select recipient_id, message from notifications where type = 'QUESTION_ANSWERED'");
    expect(told.map((n) => n.recipient_id)).toEqual([asker.userId, asker.userId]);
    expect(told[0]!.message).toBe("「来庁予約アプリ」へのあなたの質問に同僚 二郎さんが回答しました。");
  });

  it("lets the asker or their 課 accept one answer; the answerer is told", async () => {
    const [q] = await sql<{ id: string }>("select id from questions where author_id = ?", [asker.userId]);
    const answers = await sql<{ id: string; author_id: string }>("select id, author_id from answers where question_id = ? order by created_at", [q!.id]);
    const before = await footprint();
    for (const viewer of [owner, bystander, secretariat]) expect(codeOf(await accept(viewer, answers[0]!.id))).toBe("FORBIDDEN");
    expect(codeOf(await accept(null, answers[0]!.id))).toBe("UNAUTHENTICATED");
    expect(await footprint()).toEqual(before);

    expect((await ok(accept(asker, answers[0]!.id))).acceptAnswer.acceptedAnswerId).toBe(answers[0]!.id);
    expect(codeOf(await accept(asker, answers[0]!.id))).toBe("CONFLICT");
    // The asker's colleague may change it (the asker may have moved on).
    expect((await ok(accept(askerColleague, answers[1]!.id))).acceptAnswer.acceptedAnswerId).toBe(answers[1]!.id);
    const told = await sql<{ recipient_id: string }>("select recipient_id from notifications where type = 'ANSWER_ACCEPTED' order by created_at");
    expect(told.map((n) => n.recipient_id)).toEqual([ownerColleague.userId, secretariat.userId]);
    expect(await sql("select id from audit_log where action = 'question.accept'")).toHaveLength(2);
  });

  it("shows Q&A on the case page to logged-in readers, with what each may do", async () => {
    const query = `query ($id: ID!) { case(id: $id) { questionAccess { ask answer }
      questions { body viewerCanAccept author { displayName } department { name } answers { body accepted department { name } } } } }`;
    type Page = {
      case: {
        questionAccess: { ask: boolean; answer: boolean };
        questions: { body: string; viewerCanAccept: boolean; author: { displayName: string } | null; answers: { body: string; accepted: boolean }[] }[];
      };
    };
    const mine = await ok(kb.gql<Page>(query, { id: caseId }, { viewer: asker }));
    expect(mine.case.questionAccess).toEqual({ ask: true, answer: false });
    expect(mine.case.questions).toHaveLength(3);
    expect(mine.case.questions[0]).toMatchObject({
      body: "予約枠は何分単位で設定しましたか？",
      viewerCanAccept: true,
      author: { displayName: "質問 花子" },
      answers: [
        { body: "15分単位です。", accepted: false },
        { body: "市民課でも同じ設定で始められます。", accepted: true },
      ],
    });
    const owners = await ok(kb.gql<Page>(query, { id: caseId }, { viewer: owner }));
    expect(owners.case.questionAccess).toEqual({ ask: false, answer: true });
    expect(owners.case.questions[0]!.viewerCanAccept).toBe(false);
    const anonymous = await ok(kb.gql<Page>(query, { id: caseId }));
    expect(anonymous.case).toEqual({ questionAccess: { ask: false, answer: false }, questions: [] });
  });
});
