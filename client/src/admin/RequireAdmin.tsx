import type { ReactNode } from "react";
import { RequireLogin } from "../auth/RequireLogin";
import type { Me } from "../auth/me";
import { WayOn } from "../components/WayOn";
import { messages as m } from "../messages";

/** Admin screens: anonymous visitors go to the login page; others are told plainly (the server refuses them anyway). */
export function RequireAdmin({ children }: { children: (me: Me) => ReactNode }) {
  return (
    <RequireLogin>
      {(me) =>
        me.role === "ADMIN" ? (
          children(me)
        ) : (
          <div className="space-y-4">
            <h1 className="text-std-28B-150 text-solid-gray-900">{m.errors.forbidden}</h1>
            <p>{m.admin.adminOnly}</p>
            <WayOn stop="forbidden" />
          </div>
        )
      }
    </RequireLogin>
  );
}

/** Departments in tree order (局 → 部 → 課), each with its depth, for <select> options and the tree. */
export function treeOrder<T extends { id: string; name: string; parentId: string | null }>(rows: readonly T[]): { row: T; depth: number }[] {
  const byParent = new Map<string | null, T[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const parent = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), r]);
  }
  const out: { row: T; depth: number }[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const r of (byParent.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, "ja"))) {
      out.push({ row: r, depth });
      if (depth < 12) walk(r.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** An option label indented by depth (a select cannot nest deeper than one optgroup). */
export const indented = (name: string, depth: number) => `${"　".repeat(depth)}${name}`;
