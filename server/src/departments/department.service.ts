import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, normalizeName } from "@kb/shared";
import { Department } from "./department.entity.js";

/**
 * The one query behind department paths: `seed` selects (id, department_id) pairs — a department and
 * itself, or a case and its 課 — and each id gets `path`, the names of the department's ancestors and
 * itself from the top (局 → 部 → 課), in ONE statement (a recursive CTE) whatever the number of ids.
 * Answers rows `{ id, path }`; ids whose department is gone are absent.
 */
export function departmentPathsSql(seed: string): string {
  return `with recursive chain(start_id, parent_id, name, depth) as (
       select s.start_id, d.parent_id, d.name, 0 from (${seed}) s(start_id, department_id) join departments d on d.id = s.department_id
       union all
       select c.start_id, p.parent_id, p.name, c.depth + 1
         from chain c join departments p on p.id = c.parent_id
        where c.depth < 10
     )
     select start_id as id, array_agg(name order by depth desc) as path from chain group by start_id`;
}

/**
 * Names of each department's ancestors and itself, from the top (局 → 部 → 課), for many
 * departments in ONE query, so a page of cases costs the same whatever its size.
 */
export async function departmentPaths(em: EntityManager, ids: readonly string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(ids)];
  const paths = new Map<string, string[]>();
  if (!unique.length) return paths;
  const rows = await em.execute<{ id: string; path: string[] }[]>(
    departmentPathsSql("select d.id, d.id from departments d where d.id in (?)"),
    [unique],
  );
  for (const row of rows) paths.set(row.id, row.path);
  return paths;
}

/**
 * Finds or creates a department by name (normalised), creating its ancestors too. Within one unit
 * of work, `cache` keeps what was found so a 100k-line import does not look a name up twice.
 */
export class DepartmentNameLookup {
  private readonly byKey = new Map<string, string>();

  /** `organisationId`: the organisation whose 課 are looked up and created; names are per organisation. */
  constructor(
    private readonly em: EntityManager,
    private readonly organisationId: string,
  ) {}

  async preload(): Promise<void> {
    // Whole rows, not a partial load: a partial entity in the identity map would be seen by later reads.
    const all = await this.em.find(Department, { organisation: this.organisationId });
    for (const d of all) this.byKey.set(d.nameKey, d.id);
  }

  /** Returns the id of the department `name`, creating it (and `ancestors`) when missing. */
  async resolve(name: string, ancestors: readonly string[] = []): Promise<string> {
    const existing = this.byKey.get(nameKey(name));
    if (existing) return existing;
    let parentId: string | null = null;
    for (const ancestor of ancestors) parentId = await this.findOrCreate(ancestor, parentId);
    return this.findOrCreate(name, parentId);
  }

  private async findOrCreate(rawName: string, parentId: string | null): Promise<string> {
    const key = nameKey(rawName);
    const known = this.byKey.get(key);
    if (known) return known;
    const department = this.em.create(Department, {
      organisation: this.organisationId,
      name: normalizeName(rawName),
      nameKey: key,
      parent: parentId ? this.em.getReference(Department, parentId) : null,
    });
    this.em.persist(department);
    this.byKey.set(key, department.id);
    return department.id;
  }
}
