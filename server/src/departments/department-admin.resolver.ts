import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from "type-graphql";
import { withoutNulls, type RequestContext } from "../kernel/index.js";
import type { DepartmentTreeRow } from "./department-admin.service.js";
import type { Department } from "./department.entity.js";
import {
  AdminDepartmentView,
  DepartmentInputType,
  DepartmentUpdateInputType,
  MergeDepartmentsInputType,
  ReorganisationCaseListView,
  ReorganisationCountsView,
  ReorganisationResultView,
  SplitDepartmentInputType,
} from "./department-admin.types.js";

const presentRow = (r: DepartmentTreeRow): AdminDepartmentView => ({ ...r });

/** After a write: the one row, read back with its counts and aliases like the tree shows it. */
async function rowOf(ctx: RequestContext, d: Department): Promise<AdminDepartmentView> {
  await ctx.em.flush();
  const rows = await ctx.services.departmentAdmin.tree(ctx.viewer);
  return presentRow(rows.find((r) => r.id === d.id)!);
}

/** Thin: the services authorise (ADMIN of the organisation), validate (shared zod schemas) and audit. */
@Resolver(() => AdminDepartmentView)
export class DepartmentAdminResolver {
  @Query(() => [AdminDepartmentView], { description: "組織（局・部・課）の一覧と件数（管理者のみ）。search: 名称・以前の名称・所属コードで絞る" })
  async adminDepartments(@Arg("search", () => String, { nullable: true }) search: string | null, @Ctx() ctx: RequestContext): Promise<AdminDepartmentView[]> {
    return (await ctx.services.departmentAdmin.tree(ctx.viewer, search)).map(presentRow);
  }

  @Query(() => [ReorganisationCountsView], { description: "組織改正で移る件数（確認画面用、管理者のみ）" })
  async reorganisationPreview(@Arg("ids", () => [ID]) ids: string[], @Ctx() ctx: RequestContext): Promise<ReorganisationCountsView[]> {
    return ctx.services.departmentReorganisation.preview(ctx.viewer, ids);
  }

  @Query(() => ReorganisationCaseListView, { description: "分割で振り分ける課の好事例（全状態、題名順、管理者のみ）" })
  async reorganisationCases(
    @Arg("departmentId", () => ID) departmentId: string,
    @Arg("first", () => Int, { defaultValue: 200 }) first: number,
    @Ctx() ctx: RequestContext,
  ): Promise<ReorganisationCaseListView> {
    return ctx.services.departmentReorganisation.casesOf(ctx.viewer, departmentId, first);
  }

  @Mutation(() => AdminDepartmentView, { description: "局・部・課を作る（管理者のみ）" })
  async createDepartment(@Arg("input", () => DepartmentInputType) input: DepartmentInputType, @Ctx() ctx: RequestContext): Promise<AdminDepartmentView> {
    return rowOf(ctx, await ctx.services.departmentAdmin.create(ctx.viewer, { name: input.name, parentId: input.parentId ?? null, code: input.code ?? null }));
  }

  @Mutation(() => AdminDepartmentView, { description: "改称（旧名称は別名として残る）・移動・所属コード（管理者のみ）" })
  async updateDepartment(
    @Arg("id", () => ID) id: string,
    @Arg("input", () => DepartmentUpdateInputType) input: DepartmentUpdateInputType,
    @Ctx() ctx: RequestContext,
  ): Promise<AdminDepartmentView> {
    return rowOf(ctx, await ctx.services.departmentAdmin.update(ctx.viewer, id, {
      // Explicit null means "to the top" / "clear the code"; an omitted field stays as it is.
      ...(input.name != null ? { name: input.name } : {}),
      ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
      ...(input.code !== undefined ? { code: input.code } : {}),
    }));
  }

  @Mutation(() => ReorganisationResultView, { description: "組織改正（統合）: 課を既存または新しい課へ統合する（管理者のみ）" })
  async mergeDepartments(@Arg("input", () => MergeDepartmentsInputType) input: MergeDepartmentsInputType, @Ctx() ctx: RequestContext): Promise<ReorganisationResultView> {
    const result = await ctx.services.departmentReorganisation.merge(ctx.viewer, withoutNulls({ ...input }));
    return { ...result, successor: await rowOf(ctx, result.successor), createdIds: result.created.map((d) => d.id) };
  }

  @Mutation(() => ReorganisationResultView, { description: "組織改正（分割）: 課を新しい課に分ける（管理者のみ）" })
  async splitDepartment(@Arg("input", () => SplitDepartmentInputType) input: SplitDepartmentInputType, @Ctx() ctx: RequestContext): Promise<ReorganisationResultView> {
    const result = await ctx.services.departmentReorganisation.split(ctx.viewer, withoutNulls({ ...input, assignments: input.assignments ?? [] }));
    return { ...result, successor: await rowOf(ctx, result.successor), createdIds: result.created.map((d) => d.id) };
  }
}
