import type { EntityManager } from "@mikro-orm/postgresql";
import { nameKey, normalizeName } from "@kb/shared";
import { Department, DepartmentAlias } from "./department.entity.js";

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
    const [all, aliases] = await Promise.all([
      this.em.find(Department, { organisation: this.organisationId }),
      this.em.find(DepartmentAlias, { organisation: this.organisationId }),
    ]);
    // 組織改正: a 課 that was merged or split names its successor; an importer naming it lands there.
    const successorOf = new Map(all.map((d) => [d.id, d.successor?.id ?? null]));
    const current = (id: string): string => {
      let at = id;
      for (let i = 0; i < 20 && successorOf.get(at); i++) at = successorOf.get(at)!;
      return at;
    };
    for (const d of all) this.byKey.set(nameKey(d.name), current(d.id));
    // Live 課 first: their own names win over anything else spelled the same.
    for (const d of all) if (!d.abolishedOn) this.byKey.set(d.nameKey, d.id);
    for (const a of aliases) if (!this.byKey.has(a.nameKey)) this.byKey.set(a.nameKey, current(a.department.id));
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

/**
 * Former names of each department (renamed, or 課 merged into it), oldest first, for many departments
 * in ONE query: search documents carry them so a query or a filter naming the old 課 finds its cases.
 */
export async function departmentAliasNames(em: EntityManager, ids: readonly string[]): Promise<Map<string, string[]>> {
  const unique = [...new Set(ids)];
  const names = new Map<string, string[]>();
  if (!unique.length) return names;
  const rows = await em.execute<{ id: string; names: string[] }[]>(
    "select department_id as id, array_agg(name order by since, name) as names from department_aliases where department_id in (?) group by department_id",
    [unique],
  );
  for (const row of rows) names.set(row.id, row.names);
  return names;
}

/** Where an old link to a 課 leads: the 課 itself, or — for one abolished by a 組織改正 — its latest successor. */
export interface CurrentDepartment {
  id: string;
  /** The abolished 課 the link named, when it is not the 課 shown. */
  movedFrom: { id: string; name: string; abolishedOn: string; abolishedBy: "MERGE" | "SPLIT" } | null;
}

export async function currentDepartment(em: EntityManager, id: string, organisationIds: readonly string[]): Promise<CurrentDepartment | null> {
  const start = await em.findOne(Department, { id, organisation: { $in: [...organisationIds] } });
  if (!start) return null;
  if (!start.abolishedOn || !start.successor) return { id: start.id, movedFrom: null };
  let at: Department = start;
  for (let i = 0; i < 20 && at.successor; i++) {
    const next: Department | null = await em.findOne(Department, { id: at.successor.id });
    if (!next) break;
    at = next;
  }
  return { id: at.id, movedFrom: { id: start.id, name: start.name, abolishedOn: start.abolishedOn, abolishedBy: start.abolishedBy ?? "MERGE" } };
}
