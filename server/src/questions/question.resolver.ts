import { Arg, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from "type-graphql";
import { departmentView, factsOfView, userSummary, CaseView } from "../cases/index.js";
import { questionPolicy } from "./question.policy.js";
import { withoutNulls, type RequestContext } from "../kernel/index.js";
import { DepartmentView } from "../departments/index.js";
import { UserSummaryView } from "../users/index.js";
import type { AnswerRecord, QuestionRecord } from "./question.service.js";
import { AnswerInput, AnswerView, QuestionAccessView, QuestionInput, QuestionView } from "./question.types.js";

export const presentQuestion = (q: QuestionRecord): QuestionView => ({
  id: q.id,
  body: q.body,
  createdAt: q.createdAt,
  acceptedAnswerId: q.acceptedAnswerId,
  acceptedAt: q.acceptedAt,
  caseId: q.caseId,
  departmentId: q.departmentId,
  authorId: q.authorId,
});

const presentAnswer = (a: AnswerRecord, acceptedId: string | null): AnswerView => ({
  id: a.id,
  body: a.body,
  createdAt: a.createdAt,
  accepted: a.id === acceptedId,
  questionId: a.questionId,
  departmentId: a.departmentId,
  authorId: a.authorId,
});


/** Thin: the service validates, authorises (question.policy), writes, audits and notifies. */
@Resolver(() => QuestionView)
export class QuestionResolver {
  @Mutation(() => QuestionView, { description: "Asks the case's department a question (logged in, another department, published case)." })
  async askQuestion(@Arg("input", () => QuestionInput) input: QuestionInput, @Ctx() ctx: RequestContext): Promise<QuestionView> {
    return presentQuestion(await ctx.services.questions.ask(ctx.viewer, withoutNulls({ ...input })));
  }

  @Mutation(() => AnswerView, { description: "Answers a question: the case's department or the secretariat." })
  async answerQuestion(@Arg("input", () => AnswerInput) input: AnswerInput, @Ctx() ctx: RequestContext): Promise<AnswerView> {
    return presentAnswer(await ctx.services.questions.answer(ctx.viewer, withoutNulls({ ...input })), null);
  }

  @Mutation(() => QuestionView, { description: "Accepts an answer (解決済み): the asker or their department." })
  async acceptAnswer(@Arg("answerId", () => ID) answerId: string, @Ctx() ctx: RequestContext): Promise<QuestionView> {
    return presentQuestion(await ctx.services.questions.accept(ctx.viewer, { answerId }));
  }

  @FieldResolver(() => [AnswerView], { description: "Oldest first." })
  async answers(@Root() q: QuestionView, @Ctx() ctx: RequestContext): Promise<AnswerView[]> {
    return (await ctx.loaders.adoptions.answersByQuestion.load(q.id)).map((a) => presentAnswer(a, q.acceptedAnswerId));
  }

  @FieldResolver(() => DepartmentView, { nullable: true, description: "The asking department." })
  async department(@Root() q: QuestionView, @Ctx() ctx: RequestContext): Promise<DepartmentView | null> {
    return q.departmentId ? departmentView(ctx, q.departmentId) : null;
  }

  @FieldResolver(() => UserSummaryView, { nullable: true })
  author(@Root() q: QuestionView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return userSummary(ctx, q.authorId);
  }

  @FieldResolver(() => CaseView, { nullable: true, description: "The case asked about (null once it is no longer published)." })
  case(@Root() q: QuestionView, @Ctx() ctx: RequestContext): Promise<CaseView | null> {
    return ctx.loaders.adoptions.publishedCase.load(q.caseId);
  }

  @FieldResolver(() => Boolean, { description: "The viewer may accept an answer (the asker or their department)." })
  viewerCanAccept(@Root() q: QuestionView, @Ctx() ctx: RequestContext): boolean {
    return questionPolicy.canAccept(ctx.viewer, { authorId: q.authorId, departmentId: q.departmentId });
  }
}

@Resolver(() => AnswerView)
export class AnswerResolver {
  @FieldResolver(() => DepartmentView, { nullable: true, description: "The answering department." })
  async department(@Root() a: AnswerView, @Ctx() ctx: RequestContext): Promise<DepartmentView | null> {
    return a.departmentId ? departmentView(ctx, a.departmentId) : null;
  }

  @FieldResolver(() => UserSummaryView, { nullable: true })
  author(@Root() a: AnswerView, @Ctx() ctx: RequestContext): Promise<UserSummaryView | null> {
    return userSummary(ctx, a.authorId);
  }
}

/** The case page's part: its Q&A (logged-in readers) and what the viewer may do. */
@Resolver(() => CaseView)
export class CaseQuestionResolver {
  @FieldResolver(() => [QuestionView], { description: "Q&A, oldest question first; empty for anonymous readers." })
  async questions(@Root() c: CaseView, @Ctx() ctx: RequestContext): Promise<QuestionView[]> {
    if (!ctx.viewer) return [];
    return (await ctx.loaders.adoptions.questionsByCase.load(c.id)).map(presentQuestion);
  }

  @FieldResolver(() => QuestionAccessView)
  questionAccess(@Root() c: CaseView, @Ctx() ctx: RequestContext): QuestionAccessView {
    const facts = factsOfView(c);
    return { ask: questionPolicy.canAsk(ctx.viewer, facts), answer: questionPolicy.canAnswer(ctx.viewer, facts) };
  }
}
