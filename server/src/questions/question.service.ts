import type { EntityManager } from "@mikro-orm/postgresql";
import { answerAcceptSchema, answerPostSchema, questionAskSchema, isUuid } from "@kb/shared";
import { questionPolicy } from "./question.policy.js";
import { recordAudit } from "../audit/index.js";
import { Case, lockCase, casePolicy, type CaseFacts } from "../cases/index.js";
import { Department } from "../departments/index.js";
import { badInputFromZod, forbidden, notFound, requireViewer, type Viewer } from "../kernel/index.js";
import { caseReadershipSql, caseReadershipWhere, type Readership } from "../organisations/index.js";
import { questionErrors } from "./question.errors.js";
import { notify, secretariatUserIds } from "../notifications/index.js";
import { User } from "../users/index.js";
import { Answer, Question } from "./question.entity.js";

/**
 * Q&A on a case. Questions come from other 課, answers from the case's 課 or the
 * secretariat, and the asker (or their 課) accepts one. Rules: question.policy.
 * Every write: shared zod validation, authorisation, one transaction with its audit row and the
 * notification (question → the case's 課; answer → the asker; accepted → the answerer). Q&A is not in
 * the search index, so no outbox row.
 */
export interface QuestionRecord {
  id: string;
  caseId: string;
  departmentId: string | null;
  authorId: string | null;
  body: string;
  acceptedAnswerId: string | null;
  acceptedAt: Date | null;
  createdAt: Date;
}

export interface AnswerRecord {
  id: string;
  questionId: string;
  departmentId: string | null;
  authorId: string | null;
  body: string;
  createdAt: Date;
}

export const toQuestionRecord = (q: Question): QuestionRecord => ({
  id: q.id,
  caseId: q.case.id,
  departmentId: q.department?.id ?? null,
  authorId: q.author?.id ?? null,
  body: q.body,
  acceptedAnswerId: q.acceptedAnswer?.id ?? null,
  acceptedAt: q.acceptedAt ?? null,
  createdAt: q.createdAt,
});

export const toAnswerRecord = (a: Answer): AnswerRecord => ({
  id: a.id,
  questionId: a.question.id,
  departmentId: a.department?.id ?? null,
  authorId: a.author?.id ?? null,
  body: a.body,
  createdAt: a.createdAt,
});

/**
 * Who hears of a new question (issue 16): the case's 課 — its active members and the case's author —
 * never the asker. A 課 abolished by a 組織改正 (its 施行日 reached) hands it to its successor, and
 * the successor's to its own; a 課 abolished without one, or one nobody works in any more, to the
 * secretariat of the case's organisation, who answers for it (question.policy).
 */
export async function questionRecipients(
  tx: EntityManager,
  facts: Pick<CaseFacts, "organisationId" | "departmentId" | "authorId">,
  askerId: string,
): Promise<string[]> {
  let departmentId: string | null = facts.departmentId;
  for (let hops = 0; departmentId && hops < 20; hops++) {
    const rows: { abolished: boolean; successor_id: string | null }[] = await tx.execute(
      "select abolished_on is not null and abolished_on <= current_date as abolished, successor_id from departments where id = ? and organisation_id = ?",
      [departmentId, facts.organisationId],
    );
    const d = rows[0];
    if (!d?.abolished) break;
    departmentId = d.successor_id;
  }
  const members = departmentId
    ? await tx.execute<{ id: string }[]>(
        "select id from users where active and organisation_id = ? and (department_id = ? or id = ?) and id <> ?",
        [facts.organisationId, departmentId, facts.authorId ?? askerId, askerId],
      )
    : [];
  if (members.length) return members.map((m) => m.id);
  return (await secretariatUserIds(tx, facts.organisationId)).filter((id) => id !== askerId);
}

async function organisationName(tx: EntityManager, organisationId: string): Promise<string> {
  const [o] = await tx.execute<{ name: string }[]>("select name from organisations where id = ?", [organisationId]);
  return o?.name ?? "他の自治体";
}

const clamp = (first: number) => Math.min(Math.max(first, 0), 100);
const excerpt = (text: string) => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

export class QuestionService {
  constructor(private readonly em: EntityManager) {}

  async ask(viewerOrNull: Viewer | null, raw: unknown): Promise<QuestionRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = questionAskSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    return this.em.transactional(async (tx) => {
      const facts = await lockCase(tx, input.caseId);
      if (!casePolicy.canTakePart(viewer, facts)) throw notFound("好事例");
      if (!questionPolicy.canAsk(viewer, facts)) {
        throw forbidden(
          facts.departmentId === viewer.departmentId
            ? "自分の課の好事例には質問ではなく回答ができます。"
            : "質問できるのは公開中の好事例だけです。",
        );
      }
      const question = tx.create(Question, {
        organisation: facts.organisationId,
        case: tx.getReference(Case, input.caseId),
        department: tx.getReference(Department, viewer.departmentId),
        author: tx.getReference(User, viewer.userId),
        body: input.body,
      });
      tx.persist(question);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "question.ask",
        subjectType: "Case",
        subjectId: input.caseId,
        after: { questionId: question.id, body: input.body },
      });
      const asker = facts.organisationId === viewer.organisationId ? `${viewer.displayName}さん` : `${await organisationName(tx, viewer.organisationId)}の${viewer.displayName}さん`;
      notify(
        tx,
        facts.organisationId,
        await questionRecipients(tx, facts, viewer.userId),
        "QUESTION_ASKED",
        input.caseId,
        `${asker}から「${facts.title}」に質問が届きました：「${excerpt(input.body)}」`,
      );
      await tx.flush();
      return toQuestionRecord(question);
    });
  }

  async answer(viewerOrNull: Viewer | null, raw: unknown): Promise<AnswerRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = answerPostSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    return this.em.transactional(async (tx) => {
      const question = await this.lockQuestion(tx, input.questionId);
      const facts = await lockCase(tx, question.case.id);
      if (!casePolicy.canTakePart(viewer, facts)) throw notFound("質問");
      if (!questionPolicy.canAnswer(viewer, facts)) {
        throw forbidden("回答できるのは、この好事例の所属課と事務局です。");
      }
      const answer = tx.create(Answer, {
        question,
        department: tx.getReference(Department, viewer.departmentId),
        author: tx.getReference(User, viewer.userId),
        body: input.body,
      });
      tx.persist(answer);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "question.answer",
        subjectType: "Case",
        subjectId: facts.id,
        after: { questionId: question.id, answerId: answer.id, body: input.body },
      });
      const asker = question.author?.id;
      if (asker && asker !== viewer.userId) {
        // The notice is the asker's: of their organisation, which is another one on a commons case.
        const [a] = await tx.execute<{ organisation_id: string }[]>("select organisation_id from users where id = ?", [asker]);
        notify(tx, a?.organisation_id ?? facts.organisationId, [asker], "QUESTION_ANSWERED", facts.id, `「${facts.title}」へのあなたの質問に${viewer.displayName}さんが回答しました。`);
      }
      await tx.flush();
      return toAnswerRecord(answer);
    });
  }

  /** Marks an answer as the accepted one (解決済み); accepting another replaces it. */
  async accept(viewerOrNull: Viewer | null, raw: unknown): Promise<QuestionRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = answerAcceptSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { answerId } = parsed.data;
    return this.em.transactional(async (tx) => {
      const [ref] = await tx.execute<{ question_id: string }[]>("select question_id from answers where id = ?", [answerId]);
      if (!ref) throw notFound("回答");
      const question = await this.lockQuestion(tx, ref.question_id);
      const facts = await lockCase(tx, question.case.id);
      if (!casePolicy.canTakePart(viewer, facts)) throw notFound("回答");
      if (!questionPolicy.canAccept(viewer, { authorId: question.author?.id ?? null, departmentId: question.department?.id ?? null })) {
        throw forbidden("回答を採用できるのは、質問した人とその課です。");
      }
      if (question.acceptedAnswer?.id === answerId) throw questionErrors.answerAlreadyAccepted();
      const before = question.acceptedAnswer?.id ?? null;
      const answer = await tx.findOneOrFail(Answer, answerId);
      question.acceptedAnswer = tx.getReference(Answer, answerId, { wrapped: true });
      question.acceptedAt = new Date();
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "question.accept",
        subjectType: "Case",
        subjectId: facts.id,
        before: { questionId: question.id, acceptedAnswerId: before },
        after: { questionId: question.id, acceptedAnswerId: answerId },
      });
      const answerer = answer.author?.id;
      if (answerer && answerer !== viewer.userId) {
        notify(tx, facts.organisationId, [answerer], "ANSWER_ACCEPTED", facts.id, `「${facts.title}」への質問で、あなたの回答が採用されました。`);
      }
      await tx.flush();
      return toQuestionRecord(question);
    });
  }

  /** Questions of many cases (case page), oldest first; one query. */
  async forCases(caseIds: readonly string[]): Promise<Map<string, QuestionRecord[]>> {
    const out = new Map<string, QuestionRecord[]>(caseIds.map((id) => [id, []]));
    if (!caseIds.length) return out;
    const rows = await this.em.find(Question, { case: { $in: [...caseIds] } }, { orderBy: { createdAt: "asc", id: "asc" } });
    for (const q of rows) out.get(q.case.id)?.push(toQuestionRecord(q));
    return out;
  }

  /** Answers of many questions, oldest first; one query. */
  async answersFor(questionIds: readonly string[]): Promise<Map<string, AnswerRecord[]>> {
    const out = new Map<string, AnswerRecord[]>(questionIds.map((id) => [id, []]));
    if (!questionIds.length) return out;
    const rows = await this.em.find(Answer, { question: { $in: [...questionIds] } }, { orderBy: { createdAt: "asc", id: "asc" } });
    for (const a of rows) out.get(a.question.id)?.push(toAnswerRecord(a));
    return out;
  }

  /** What a 課 has asked (department page), on cases that are still published; newest first. */
  async askedBy(departmentId: string, readership: Readership, first: number, offset: number): Promise<{ total: number; items: QuestionRecord[] }> {
    if (!isUuid(departmentId)) return { total: 0, items: [] };
    const [items, total] = await this.em.findAndCount(
      Question,
      // Only questions on cases the reader may read: another organisation's 庁内限定 case stays unseen.
      { department: departmentId, case: { status: "PUBLISHED", ...caseReadershipWhere(readership) } },
      { orderBy: { createdAt: "desc", id: "asc" }, limit: clamp(first), offset: Math.max(offset, 0) },
    );
    return { total, items: items.map(toQuestionRecord) };
  }

  /** Questions on a 課's published cases that nobody has answered yet (department page, 回答待ち). */
  async unansweredFor(departmentId: string, readership: Readership, first: number, offset: number): Promise<{ total: number; items: QuestionRecord[] }> {
    if (!isUuid(departmentId)) return { total: 0, items: [] };
    const readable = caseReadershipSql(readership, "c");
    const [rows, count] = await Promise.all([
      this.em.execute<{ id: string }[]>(
        `select q.id from questions q join cases c on c.id = q.case_id
          where c.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql} and not exists (select 1 from answers a where a.question_id = q.id)
          order by q.created_at asc, q.id limit ? offset ?`,
        [departmentId, ...readable.params, clamp(first), Math.max(offset, 0)],
      ),
      this.em.execute<{ n: string }[]>(
        `select count(*) as n from questions q join cases c on c.id = q.case_id
          where c.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql} and not exists (select 1 from answers a where a.question_id = q.id)`,
        [departmentId, ...readable.params],
      ),
    ]);
    const found = rows.length ? await this.em.find(Question, { id: { $in: rows.map((r) => r.id) } }) : [];
    const byId = new Map(found.map((q) => [q.id, q]));
    return { total: Number(count[0]?.n ?? 0), items: rows.flatMap((r) => (byId.has(r.id) ? [toQuestionRecord(byId.get(r.id)!)] : [])) };
  }

  private async lockQuestion(tx: EntityManager, id: string): Promise<Question> {
    if (!isUuid(id)) throw notFound("質問");
    const [row] = await tx.execute<{ id: string }[]>("select id from questions where id = ? for update", [id]);
    if (!row) throw notFound("質問");
    return tx.findOneOrFail(Question, id, { refresh: true });
  }
}
