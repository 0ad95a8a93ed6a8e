import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startSmtpSink, type SmtpSink } from "../../../test/support/smtp.js";
import { buildCase, createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import type { Viewer } from "../kernel/index.js";
import { enqueueMail, MailOutboxWorker, mailRetryDelayMs, MAIL_MAX_ATTEMPTS } from "../mail/index.js";
import { createOrganisation } from "../organisations/index.js";

/**
 * Follow (issue 16 item 7): staff follow a tag or a 自治体 and are told when a matching case is
 * published — in the app, and by e-mail through a REAL SMTP server (test/support/smtp-sink.ts, its
 * own process) — only when they may read the case: a 庁内限定 case tells nobody outside.
 */
const A = "282146"; // 宝塚市
const B = "011002"; // 札幌市
const TAG = "窓口予約";

let kb: TestBackend;
let sink: SmtpSink;
let orgA: string;
let author: Viewer;
let secretariatA: Viewer;
let colleague: Viewer & { email: string };
let outsider: Viewer & { email: string };

const gql = async <T>(query: string, variables: Record<string, unknown>, viewer: Viewer | null): Promise<T> => {
  const r = await kb.gql<T>(query, variables, { viewer });
  expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
  return r.data!;
};

/** A case written, submitted and published in the app by A, its 公開範囲 chosen at publication. */
async function publishInA(title: string, sharing: "ORGANISATION" | "COMMONS"): Promise<string> {
  const created = await gql<{ createCase: { id: string; version: number } }>(
    `mutation ($input: CaseDraftInput!) { createCase(input: $input) { id version } }`,
    { input: { kind: "PRACTICE", title, summary: "窓口の予約制で待ち時間が減りました。", actions: "予約システムを入れた", results: "待ち時間が半分に", fiscalYear: 2025, tags: [TAG] } },
    author,
  );
  await gql(`mutation ($id: ID!, $version: Int!) { submitCase(id: $id, version: $version, confirmPersonalInfo: true) { id } }`, { id: created.createCase.id, version: created.createCase.version }, author);
  await gql(`mutation ($id: ID!, $sharing: CaseSharing!) { reviewCase(id: $id, input: { decision: PUBLISH, sharing: $sharing }) { status } }`, { id: created.createCase.id, sharing }, secretariatA);
  return created.createCase.id;
}

const noticesOf = async (viewer: Viewer) =>
  (await gql<{ notifications: { items: { type: string; message: string; caseId: string | null }[] } }>(`query { notifications(first: 50) { items { type message caseId } } }`, {}, viewer)).notifications.items;

beforeAll(async () => {
  kb = await createTestBackend();
  sink = await startSmtpSink();
  orgA = (await createOrganisation(kb.orm.em.fork(), { name: "宝塚市", kana: "たからづかし", prefecture: "兵庫県", kind: "CITY", code: A }, null)).id;
  await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: B }, null);
  author = await kb.createViewer({ organisation: A, department: "市民課", displayName: "宝塚 著者" });
  secretariatA = await kb.createViewer({ organisation: A, role: "SECRETARIAT", department: "行革課", displayName: "宝塚 事務局" });
  colleague = await kb.createViewer({ organisation: A, department: "税務課", displayName: "宝塚 同僚", email: `colleague-${process.pid}@example.lg.jp` });
  outsider = await kb.createViewer({ organisation: B, department: "区政課", displayName: "札幌 職員", email: `outsider-${process.pid}@example.lg.jp` });
  // A commons case already carries the tag, so staff of B can see (and follow) it.
  await kb.importCases([buildCase({ title: "窓口予約の先行事例", tags: [TAG] })], { organisationId: orgA });
  await kb.orm.em.fork().execute("update cases set sharing = 'COMMONS' where organisation_id = ?", [orgA]);
}, 120_000);

afterAll(async () => {
  await sink?.stop();
  await kb?.close();
});

describe("follow", () => {
  let tagId: string;

  it("follows a tag and a 自治体; lists them; following twice is one follow", async () => {
    const [tag] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from tags where name = ?", [TAG]);
    tagId = tag!.id;
    for (const who of [colleague, outsider]) {
      await gql(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "TAG", targetId: tagId } }, who);
      await gql(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "TAG", targetId: tagId } }, who);
    }
    await gql(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "ORGANISATION", targetId: orgA } }, outsider);
    const mine = await gql<{ myFollows: { targetType: string; label: string }[] }>(`query { myFollows { targetType label } }`, {}, outsider);
    expect(mine.myFollows).toEqual([
      { targetType: "ORGANISATION", label: "宝塚市" },
      { targetType: "TAG", label: TAG },
    ]);
  });

  it("a tag used only on another organisation's 庁内限定 cases cannot be followed (answered as a missing one)", async () => {
    await kb.importCases([buildCase({ title: "庁内だけの事例", tags: ["宝塚の内部タグ"] })], { organisationId: orgA });
    const [tag] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from tags where name = ?", ["宝塚の内部タグ"]);
    const r = await kb.gql(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "TAG", targetId: tag!.id } }, { viewer: outsider });
    expect(r.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
  });

  it("a 庁内限定 case notifies followers in its organisation only — nobody outside, in the app or by e-mail", async () => {
    const caseId = await publishInA("庁内限定の窓口予約", "ORGANISATION");
    const mine = await noticesOf(colleague);
    expect(mine).toContainEqual({ type: "FOLLOWED_CASE_PUBLISHED", caseId, message: `フォロー中のタグ「${TAG}」に、新しい好事例「庁内限定の窓口予約」（宝塚市）が公開されました。` });
    expect((await noticesOf(outsider)).filter((n) => n.caseId === caseId)).toEqual([]);
    // The author is told by the review, not as a follower.
    expect((await noticesOf(author)).filter((n) => n.type === "FOLLOWED_CASE_PUBLISHED")).toEqual([]);
    const queued = await kb.orm.em.fork().execute<{ to_address: string }[]>("select to_address from mail_outbox where subject like '%庁内限定の窓口予約%'");
    expect(queued.map((m) => m.to_address)).toEqual([colleague.email]);

    const worker = new MailOutboxWorker(kb.orm, { host: "127.0.0.1", port: sink.port, secure: false, from: "kb@example.lg.jp" }, kb.logger, { publicUrl: "https://kb.example.lg.jp/" });
    await worker.drainUntilEmpty();
    await worker.stop();
    const mail = await sink.waitFor((m) => m.subject.includes("庁内限定の窓口予約"));
    expect(mail.to).toEqual([colleague.email]);
    expect(mail.text).toContain(`https://kb.example.lg.jp/cases/${caseId}`);
    expect(mail.text).toContain("宝塚 同僚さん");
    expect(sink.received().filter((m) => m.to.includes(outsider.email))).toEqual([]);
  });

  it("a commons case notifies followers of every organisation, once each", async () => {
    const caseId = await publishInA("自治体間で共有する窓口予約", "COMMONS");
    const outside = (await noticesOf(outsider)).filter((n) => n.caseId === caseId);
    // Follows both the tag and 宝塚市: one notice.
    expect(outside).toHaveLength(1);
    expect(outside[0]!.message).toContain("自治体間で共有する窓口予約");
    const worker = new MailOutboxWorker(kb.orm, { host: "127.0.0.1", port: sink.port, secure: false, from: "kb@example.lg.jp" }, kb.logger);
    await worker.drainUntilEmpty();
    await worker.stop();
    await sink.waitFor((m) => m.to.includes(outsider.email) && m.subject.includes("自治体間で共有する窓口予約"));
  });

  it("a 庁内限定 case shared to the commons later tells the followers outside then, and only them", async () => {
    const caseId = await publishInA("あとから共有する窓口予約", "ORGANISATION");
    expect((await noticesOf(outsider)).filter((n) => n.caseId === caseId)).toEqual([]);
    const before = (await noticesOf(colleague)).filter((n) => n.caseId === caseId);
    expect(before).toHaveLength(1);
    await gql(`mutation ($id: ID!) { setCaseSharing(id: $id, sharing: COMMONS) { id } }`, { id: caseId }, secretariatA);
    const outside = (await noticesOf(outsider)).filter((n) => n.caseId === caseId);
    expect(outside.map((n) => n.message)).toEqual([`フォロー中のタグ「${TAG}」に、新しい好事例「あとから共有する窓口予約」（宝塚市）が自治体間で共有されました。`]);
    expect((await noticesOf(colleague)).filter((n) => n.caseId === caseId)).toHaveLength(1);
  });

  it("after unfollowing, nothing more arrives", async () => {
    expect(await gql<{ unfollow: boolean }>(`mutation ($input: FollowInput!) { unfollow(input: $input) }`, { input: { targetType: "TAG", targetId: tagId } }, colleague)).toEqual({ unfollow: true });
    const caseId = await publishInA("フォロー解除後の事例", "ORGANISATION");
    expect((await noticesOf(colleague)).filter((n) => n.caseId === caseId)).toEqual([]);
  });

  it("a failing SMTP server never fails the publish: the e-mail waits and is retried with backoff", async () => {
    await gql(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "TAG", targetId: tagId } }, colleague);
    const caseId = await publishInA("SMTPが落ちている日の事例", "ORGANISATION");
    const [status] = await kb.orm.em.fork().execute<{ status: string }[]>("select status from cases where id = ?", [caseId]);
    expect(status!.status).toBe("PUBLISHED");
    // A port nobody listens on.
    const closed = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    const failing = new MailOutboxWorker(kb.orm, { host: "127.0.0.1", port: closed, secure: false, from: "kb@example.lg.jp" }, kb.logger);
    expect(await failing.drainOnce()).toBe(0);
    await failing.stop();
    const [row] = await kb.orm.em.fork().execute<{ attempts: number; last_error: string; next_attempt_at: Date; sent_at: Date | null }[]>(
      "select attempts, last_error, next_attempt_at, sent_at from mail_outbox where subject like '%SMTPが落ちている日%'",
    );
    expect(row!.attempts).toBe(1);
    expect(row!.sent_at).toBeNull();
    expect(row!.last_error).toBeTruthy();
    expect(new Date(row!.next_attempt_at).getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect([1, 2, 3, 20].map(mailRetryDelayMs)).toEqual([30_000, 60_000, 120_000, 3_600_000]);
    expect(MAIL_MAX_ATTEMPTS).toBeGreaterThan(3);
    // When the server is back and the retry is due (by the database's clock, as the worker reads it), it goes.
    await kb.orm.em.fork().execute("update mail_outbox set next_attempt_at = now() where sent_at is null");
    const worker = new MailOutboxWorker(kb.orm, { host: "127.0.0.1", port: sink.port, secure: false, from: "kb@example.lg.jp" }, kb.logger);
    await worker.drainUntilEmpty();
    await worker.stop();
    await sink.waitFor((m) => m.subject.includes("SMTPが落ちている日の事例"));
  });

  it("an e-mail made due by PostgreSQL's now() goes in the next drain, even when the app's clock reads a millisecond earlier", async () => {
    const caseId = await publishInA("データベースの時計で期限が来た事例", "ORGANISATION");
    const [row] = await kb.orm.em.fork().execute<{ due: Date }[]>(
      "update mail_outbox set next_attempt_at = now() where subject like '%データベースの時計で期限が来た事例%' and sent_at is null returning next_attempt_at as due",
    );
    // The app's clock one millisecond behind the database's: what a drain within the same
    // millisecond sees (JavaScript has milliseconds, now() microseconds), or a host clock a little late.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(new Date(row!.due).getTime() - 1));
    const worker = new MailOutboxWorker(kb.orm, { host: "127.0.0.1", port: sink.port, secure: false, from: "kb@example.lg.jp" }, kb.logger);
    let sent: number;
    try {
      sent = await worker.drainOnce();
    } finally {
      vi.useRealTimers();
      await worker.stop();
    }
    expect(sent).toBe(1);
    const mail = await sink.waitFor((m) => m.subject.includes("データベースの時計で期限が来た事例"));
    expect(mail.to).toEqual([colleague.email]);
    expect(mail.text).toContain(`/cases/${caseId}`);
  });
  it("an e-mail queued while the app's clock runs an hour ahead is due at once by PostgreSQL's clock", async () => {
    const subject = `時計が進んだホストから送る知らせ ${process.pid}`;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(Date.now() + 3_600_000));
    try {
      await kb.orm.em.fork().transactional(async (em) => enqueueMail(em, [{ to: colleague.email, subject, body: "本文" }]));
    } finally {
      vi.useRealTimers();
    }
    const [row] = await kb.orm.em.fork().execute<{ due: boolean; fresh: boolean }[]>(
      "select next_attempt_at <= now() as due, created_at > now() - interval '1 minute' and created_at <= now() as fresh from mail_outbox where subject = ?",
      [subject],
    );
    expect(row).toEqual({ due: true, fresh: true });
    const worker = new MailOutboxWorker(kb.orm, { host: "127.0.0.1", port: sink.port, secure: false, from: "kb@example.lg.jp" }, kb.logger);
    try {
      await worker.drainUntilEmpty();
    } finally {
      await worker.stop();
    }
    await sink.waitFor((m) => m.subject === subject);
  });
});

describe("an import that publishes cases", () => {
  it("tells each follower once for the whole import, of the cases they may read; a re-import tells nobody again", async () => {
    const [tag] = await kb.orm.em.fork().execute<{ id: string }[]>("select id from tags where name = ?", [TAG]);
    const outside = await kb.createViewer({ organisation: B, department: "区政課", displayName: "札幌 取込", email: `import-outside-${process.pid}@example.lg.jp` });
    const inside = await kb.createViewer({ organisation: A, department: "税務課", displayName: "宝塚 取込", email: `import-inside-${process.pid}@example.lg.jp` });
    for (const who of [outside, inside]) await gql(`mutation ($input: FollowInput!) { follow(input: $input) { id } }`, { input: { targetType: "TAG", targetId: tag!.id } }, who);
    const records = (internalSharing: "ORGANISATION" | "COMMONS") => [
      buildCase({ externalId: "import-1", title: "取込の窓口予約その1", tags: [TAG], sharing: "COMMONS" }),
      buildCase({ externalId: "import-2", title: "取込の窓口予約その2", tags: [TAG], sharing: "COMMONS" }),
      buildCase({ externalId: "import-3", title: "取込の庁内限定の窓口予約", tags: [TAG], sharing: internalSharing }),
      buildCase({ externalId: "import-4", title: "取込の下書き", tags: [TAG], status: "DRAFT", sharing: "COMMONS" }),
      buildCase({ externalId: "import-5", title: "取込の別の話題", tags: ["別の話題"], sharing: "COMMONS" }),
    ];
    const imported = async (viewer: Viewer) => (await noticesOf(viewer)).filter((n) => n.type === "FOLLOWED_CASE_PUBLISHED").map((n) => n.message);
    const mailsTo = async (address: string) =>
      (await kb.orm.em.fork().execute<{ subject: string }[]>("select subject from mail_outbox where to_address = ?", [address])).map((m) => m.subject).sort();

    await kb.importCases(records("ORGANISATION"), { organisationId: orgA });
    // Outside 宝塚市: the two commons cases, in one notice and one e-mail. Inside: the 庁内限定 one too.
    expect(await imported(outside)).toEqual([expect.stringMatching(/^フォロー中のタグ「窓口予約」に、宝塚市の好事例2件が取り込みで加わりました（最新は「取込の窓口予約その[12]」）。$/)]);
    expect(await imported(inside)).toEqual([expect.stringMatching(/^フォロー中のタグ「窓口予約」に、宝塚市の好事例3件が取り込みで加わりました/)]);
    expect(await mailsTo(outside.email!)).toEqual(["【好事例ナレッジベース】宝塚市の新しい好事例2件"]);
    expect(await mailsTo(inside.email!)).toEqual(["【好事例ナレッジベース】宝塚市の新しい好事例3件"]);

    // The same file again changes nothing, and tells nobody.
    await kb.importCases(records("ORGANISATION"), { organisationId: orgA });
    expect(await imported(outside)).toHaveLength(1);
    expect(await imported(inside)).toHaveLength(1);

    // The 庁内限定 case shared to the commons by the file: told outside only, by its own name.
    await kb.importCases(records("COMMONS"), { organisationId: orgA });
    expect((await imported(outside))[0]).toBe("フォロー中のタグ「窓口予約」に、宝塚市の好事例「取込の庁内限定の窓口予約」が取り込みで加わりました。");
    expect(await imported(inside)).toHaveLength(1);
    expect(await mailsTo(outside.email!)).toEqual(["【好事例ナレッジベース】宝塚市の新しい好事例2件", "【好事例ナレッジベース】宝塚市の新しい好事例「取込の庁内限定の窓口予約」"].sort());
  });
});
