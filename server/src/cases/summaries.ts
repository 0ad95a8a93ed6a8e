import type { RequestContext } from "../kernel/index.js";
import type { DepartmentView } from "../departments/index.js";
import type { UserSummaryView } from "../users/index.js";

/** A department as the GraphQL `Department` type shows it, its path read through the request's loader. */
export async function departmentView(ctx: RequestContext, id: string): Promise<DepartmentView> {
  const path = await ctx.loaders.cases.departmentPath.load(id);
  return { id, name: path[path.length - 1] ?? "", path };
}

/** Who did something, for logged-in readers only. */
export async function userSummary(ctx: RequestContext, id: string | null): Promise<UserSummaryView | null> {
  // Names of staff are for logged-in readers only (published cases may be read without a session).
  if (!id || !ctx.viewer) return null;
  const user = await ctx.loaders.cases.usersById.load(id);
  return user ? { id: user.id, displayName: user.displayName, departmentId: user.department.id } : null;
}
