import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { COUNTED_ADOPTION_STATUSES, isUuid } from "@kb/shared";
import { presentAdoption, AdoptionListView } from "../adoptions/index.js";
import { CaseListView, factsOfView, loadPublishedCaseViews } from "../cases/index.js";
import { freshnessPolicy, dueCasesOf, presentFreshness, FreshnessDueListView } from "../freshness/index.js";
import type { RequestContext } from "../kernel/index.js";
import { presentQuestion, QuestionListView } from "../questions/index.js";
import { currentDepartment, Department } from "../departments/index.js";
import { caseReadershipSql, openOrganisationIds } from "../organisations/index.js";
import { DepartmentPageView, DepartmentStatsView } from "./department-page.types.js";

const clamp = (first: number) => Math.min(Math.max(first, 0), 100);
const COUNTED = COUNTED_ADOPTION_STATUSES.map((s) => `'${s}'`).join(", ");


/**
 * 部署ページ (/departments/:id): what a 課 has shared, adopted and asked, and — for its own members
 * and the secretariat — the cases due for a freshness check. Open to everyone like published cases;
 * lists are paginated and batched (each list: ids, then one batch per kind of thing).
 */
@Resolver(() => DepartmentPageView)
export class DepartmentPageResolver {
  @Query(() => DepartmentPageView, { nullable: true, description: "A department's page; null when there is none." })
  async department(@Arg("id", () => ID) id: string, @Ctx() ctx: RequestContext): Promise<DepartmentPageView | null> {
    if (!isUuid(id)) return null;
    // Another organisation's 課 is not found (as an unknown id) unless that organisation reads publicly
    // (its page then lists only what the reader may read). An old link to a 課 a 組織改正 abolished
    // shows its successor's page, saying what became of it.
    const current = await currentDepartment(ctx.em, id.toLowerCase(), openOrganisationIds(await ctx.services.organisations.readership()));
    if (!current) return null;
    const d = await ctx.em.findOneOrFail(Department, { id: current.id });
    id = current.id;
    const children = await ctx.em.find(Department, { parent: id, abolishedOn: null }, { orderBy: { name: "asc" } });
    const path = await ctx.loaders.cases.departmentPath.load(id);
    const parentId = d.parent?.id ?? null;
    const parentPath = parentId ? await ctx.loaders.cases.departmentPath.load(parentId) : [];
    return {
      id,
      name: d.name,
      path,
      parent: parentId ? { id: parentId, name: parentPath.at(-1) ?? "", path: parentPath } : null,
      children: children.map((c) => ({ id: c.id, name: c.name, path: [...path, c.name] })),
      isViewerDepartment: ctx.viewer?.departmentId === id,
      reorganisedFrom: current.movedFrom,
    };
  }

  @FieldResolver(() => DepartmentStatsView)
  async stats(@Root() d: DepartmentPageView, @Ctx() ctx: RequestContext): Promise<DepartmentStatsView> {
    // Over the cases the reader may read: another organisation's reader counts only the commons.
    // Counts and lists tolerate a little lag: ctx.reads (a read replica when allowed, db/replicas.ts).
    const readable = caseReadershipSql(await ctx.services.organisations.readership(), "c");
    const p = [d.id, ...readable.params];
    const [row] = await ctx.reads.execute<Record<string, string>[]>(
      `select
         (select count(*) from cases c where c.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql}) as shared,
         (select count(*) from adoptions a join cases c on c.id = a.case_id
           where c.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql} and a.status in (${COUNTED})) as adopted_by_others,
         (select count(*) from adoptions a join cases c on c.id = a.case_id
           where a.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql} and a.status in (${COUNTED})) as adopted,
         (select count(*) from adoptions a join cases c on c.id = a.case_id where a.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql}) as records,
         (select count(*) from questions q join cases c on c.id = q.case_id where q.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql}) as asked,
         (select count(*) from questions q join cases c on c.id = q.case_id
           where c.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql} and not exists (select 1 from answers a where a.question_id = q.id)) as unanswered`,
      [...p, ...p, ...p, ...p, ...p, ...p],
    );
    return {
      sharedCount: Number(row?.shared ?? 0),
      adoptedByOthersCount: Number(row?.adopted_by_others ?? 0),
      adoptedCount: Number(row?.adopted ?? 0),
      adoptionRecordCount: Number(row?.records ?? 0),
      askedCount: Number(row?.asked ?? 0),
      unansweredCount: Number(row?.unanswered ?? 0),
    };
  }

  @FieldResolver(() => CaseListView, { description: "共有した好事例: its published cases, newest publication first." })
  async sharedCases(
    @Root() d: DepartmentPageView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<CaseListView> {
    const readership = await ctx.services.organisations.readership();
    // Counted and listed alike: another organisation's reader counts only its commons cases.
    const readable = caseReadershipSql(readership, "c");
    const [rows, count] = await Promise.all([
      ctx.reads.execute<{ id: string }[]>(
        `select c.id from cases c where c.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql} order by c.published_at desc nulls last, c.id limit ? offset ?`,
        [d.id, ...readable.params, clamp(first), Math.max(offset, 0)],
      ),
      ctx.reads.execute<{ n: string }[]>(`select count(*) as n from cases c where c.department_id = ? and c.status = 'PUBLISHED' and ${readable.sql}`, [d.id, ...readable.params]),
    ]);
    const views = await loadPublishedCaseViews(ctx.reads, rows.map((r) => r.id), readership);
    return { total: Number(count[0]?.n ?? 0), items: rows.flatMap((r) => (views.has(r.id) ? [views.get(r.id)!] : [])) };
  }

  @FieldResolver(() => AdoptionListView, { description: "取り入れた好事例: its adoption records (every status), newest change first." })
  async adoptions(
    @Root() d: DepartmentPageView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<AdoptionListView> {
    const { total, items } = await ctx.services.adoptions.byDepartment(d.id, await ctx.services.organisations.readership(), first, offset);
    return { total, items: items.map(presentAdoption) };
  }

  @FieldResolver(() => QuestionListView, { description: "質問した: questions it asked, newest first (logged-in viewers)." })
  async questions(
    @Root() d: DepartmentPageView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<QuestionListView> {
    if (!ctx.viewer) return { total: 0, items: [] };
    const { total, items } = await ctx.services.questions.askedBy(d.id, await ctx.services.organisations.readership(), first, offset);
    return { total, items: items.map(presentQuestion) };
  }

  @FieldResolver(() => QuestionListView, { description: "回答待ち: questions on its cases nobody answered yet, oldest first (logged-in viewers)." })
  async unansweredQuestions(
    @Root() d: DepartmentPageView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<QuestionListView> {
    if (!ctx.viewer) return { total: 0, items: [] };
    const { total, items } = await ctx.services.questions.unansweredFor(d.id, await ctx.services.organisations.readership(), first, offset);
    return { total, items: items.map(presentQuestion) };
  }

  @FieldResolver(() => FreshnessDueListView, {
    nullable: true,
    description: "鮮度確認が必要な好事例, longest unreviewed first: the department's members and the secretariat only (null for others).",
  })
  async freshnessDue(
    @Root() d: DepartmentPageView,
    @Ctx() ctx: RequestContext,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Arg("offset", () => Int, { defaultValue: 0 }) offset: number,
  ): Promise<FreshnessDueListView | null> {
    if (!freshnessPolicy.canSeeDueList(ctx.viewer, d.id)) return null;
    const { total, items } = await dueCasesOf(ctx.em, d.id, { first, offset });
    const views = await loadPublishedCaseViews(ctx.em, items.map((f) => f.caseId), await ctx.services.organisations.readership());
    return {
      total,
      items: items.flatMap((f) => {
        const view = views.get(f.caseId);
        return view ? [{ case: view, freshness: presentFreshness(f, factsOfView(view), ctx) }] : [];
      }),
    };
  }
}

