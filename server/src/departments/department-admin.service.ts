import type { EntityManager } from "@mikro-orm/postgresql";
import { departmentInputSchema, departmentUpdateSchema, isUuid, nameKey } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInputFromZod, recordEvent, requireRole, type Viewer } from "../kernel/index.js";
import { Department, DepartmentAlias } from "./department.entity.js";
import { departmentErrors } from "./department.errors.js";
import { departmentOfCasesChanged } from "./department.events.js";

/** A row of the department tree screen: one statement answers every 課 of the organisation with its counts. */
export interface DepartmentTreeRow {
  id: string;
  name: string;
  code: string | null;
  parentId: string | null;
  abolishedOn: string | null;
  abolishedBy: "MERGE" | "SPLIT" | null;
  successorId: string | null;
  aliases: string[];
  caseCount: number;
  userCount: number;
}

/** The deepest a tree may be: departmentPaths walks at most this many levels. */
const MAX_DEPTH = 10;

/** Today in Japan (YYYY-MM-DD): a 施行日 is a Japanese calendar day. */
export function todayInJapan(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * The department tree on the admin screens (issue 15 item 3): the ADMIN of an organisation lists,
 * creates, renames (the old name stays as an alias), moves (no cycles) and codes its 局・部・課. Every
 * lookup is scoped to the viewer's organisation: another organisation's id is NOT_FOUND, as a missing
 * one. 組織改正 (merge, split) lives in department-reorganisation.service.ts.
 */
export class DepartmentAdminService {
  constructor(private readonly em: EntityManager) {}

  async tree(viewer: Viewer | null, search?: string | null): Promise<DepartmentTreeRow[]> {
    const admin = requireRole(viewer, "ADMIN");
    const term = search?.normalize("NFKC").trim().toLowerCase() ?? "";
    const rows = await this.em.execute<
      { id: string; name: string; code: string | null; parent_id: string | null; abolished_on: string | null; abolished_by: "MERGE" | "SPLIT" | null; successor_id: string | null; aliases: string[]; case_count: string; user_count: string }[]
    >(
      `select d.id, d.name, d.code, d.parent_id, d.abolished_on::text as abolished_on, d.abolished_by, d.successor_id,
              coalesce(a.names, '{}') as aliases, coalesce(c.n, 0) as case_count, coalesce(u.n, 0) as user_count
         from departments d
         left join (select department_id, array_agg(name order by since, name) as names from department_aliases where organisation_id = ? group by department_id) a on a.department_id = d.id
         left join (select department_id, count(*) as n from cases where organisation_id = ? group by department_id) c on c.department_id = d.id
         left join (select department_id, count(*) as n from users where organisation_id = ? and active group by department_id) u on u.department_id = d.id
        where d.organisation_id = ?
          and (? = '' or lower(d.name) like ? or lower(coalesce(d.code, '')) like ? or exists (select 1 from unnest(a.names) n where lower(n) like ?))
        order by d.name, d.id`,
      [admin.organisationId, admin.organisationId, admin.organisationId, admin.organisationId, term, ...Array(3).fill(`%${escapeLike(term)}%`)],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      code: r.code,
      parentId: r.parent_id,
      abolishedOn: r.abolished_on,
      abolishedBy: r.abolished_by,
      successorId: r.successor_id,
      aliases: r.aliases,
      caseCount: Number(r.case_count),
      userCount: Number(r.user_count),
    }));
  }

  async create(viewer: Viewer | null, raw: unknown): Promise<Department> {
    const admin = requireRole(viewer, "ADMIN");
    const parsed = departmentInputSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const data = parsed.data;
    return this.em.transactional(async (tx) => {
      const parent = data.parentId ? await liveDepartment(tx, admin.organisationId, data.parentId) : null;
      if (parent && (await depthOf(tx, parent.id)) + 1 >= MAX_DEPTH) throw departmentErrors.tooDeep();
      await assertNameFree(tx, admin.organisationId, data.name, null);
      if (data.code) await assertCodeFree(tx, admin.organisationId, data.code, null);
      const department = tx.create(Department, { organisation: admin.organisationId, name: data.name, nameKey: nameKey(data.name), code: data.code ?? null, parent: parent ?? null });
      recordAudit(tx, {
        organisationId: admin.organisationId,
        actorId: admin.userId,
        action: "department.create",
        subjectType: "Department",
        subjectId: department.id,
        after: { name: data.name, parentId: parent?.id ?? null, code: data.code ?? null },
      });
      return department;
    });
  }

  /** Rename (the old name becomes an alias), move (not under itself), set or clear the 所属コード. */
  async update(viewer: Viewer | null, id: string, raw: unknown): Promise<Department> {
    const admin = requireRole(viewer, "ADMIN");
    const parsed = departmentUpdateSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const data = parsed.data;
    return this.em.transactional(async (tx) => {
      const department = await liveDepartment(tx, admin.organisationId, id);
      const audit = (action: string, before: object, after: object) =>
        recordAudit(tx, { organisationId: admin.organisationId, actorId: admin.userId, action, subjectType: "Department", subjectId: department.id, before, after });
      let indexedTextChanged: "rename" | "move" | null = null;
      if (data.name !== undefined && nameKey(data.name) !== department.nameKey) {
        await assertNameFree(tx, admin.organisationId, data.name, department.id);
        const oldName = department.name;
        // Renaming back to a former name: it is the 課's own name again, no longer an alias.
        await tx.nativeDelete(DepartmentAlias, { organisation: admin.organisationId, nameKey: nameKey(data.name), department: department.id });
        tx.persist(tx.create(DepartmentAlias, { organisation: admin.organisationId, department, name: oldName, nameKey: department.nameKey, since: todayInJapan() }));
        department.name = data.name;
        department.nameKey = nameKey(data.name);
        audit("department.rename", { name: oldName }, { name: data.name });
        indexedTextChanged = "rename";
      } else if (data.name !== undefined && data.name !== department.name) {
        // Only the spelling (width, case) changed: the same key, no alias.
        audit("department.rename", { name: department.name }, { name: data.name });
        department.name = data.name;
        indexedTextChanged = "rename";
      }
      if (data.parentId !== undefined && (data.parentId ?? null) !== (department.parent?.id ?? null)) {
        const before = department.parent?.id ?? null;
        if (data.parentId) {
          const parent = await liveDepartment(tx, admin.organisationId, data.parentId);
          if (await isSelfOrDescendant(tx, department.id, parent.id)) throw departmentErrors.cycle();
          if ((await depthOf(tx, parent.id)) + 1 + (await heightOf(tx, department.id)) >= MAX_DEPTH) throw departmentErrors.tooDeep();
          department.parent = tx.getReference(Department, parent.id, { wrapped: true });
        } else {
          department.parent = null;
        }
        audit("department.move", { parentId: before }, { parentId: data.parentId ?? null });
        indexedTextChanged ??= "move";
      }
      if (data.code !== undefined && (data.code ?? null) !== (department.code ?? null)) {
        if (data.code) await assertCodeFree(tx, admin.organisationId, data.code, department.id);
        audit("department.code", { code: department.code ?? null }, { code: data.code ?? null });
        department.code = data.code ?? null;
      }
      if (indexedTextChanged) {
        // Documents carry the 課's name and path (局 → 部 → 課): every case under it follows.
        const caseIds = await casesUnder(tx, department.id);
        if (caseIds.length) recordEvent(tx, departmentOfCasesChanged({ caseIds, reason: indexedTextChanged }));
      }
      return department;
    });
  }
}

/** A 課 of the organisation that still exists; another organisation's id or an abolished 課 is refused. */
export async function liveDepartment(em: EntityManager, organisationId: string, id: string): Promise<Department> {
  const department = isUuid(id) ? await em.findOne(Department, { id: id.toLowerCase(), organisation: organisationId }) : null;
  if (!department) throw departmentErrors.noSuchDepartment();
  if (department.abolishedOn) throw departmentErrors.abolished(department.name);
  return department;
}

/** A name is free when no department and no former name of the organisation has its key (except `self`'s own). */
export async function assertNameFree(em: EntityManager, organisationId: string, name: string, self: string | null): Promise<void> {
  const key = nameKey(name);
  const [row] = await em.execute<{ n: string }[]>(
    `select (select count(*) from departments where organisation_id = ? and name_key = ? and id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000'))
          + (select count(*) from department_aliases where organisation_id = ? and name_key = ? and department_id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000')) as n`,
    [organisationId, key, self, organisationId, key, self],
  );
  if (Number(row?.n ?? 0) > 0) throw departmentErrors.nameTaken(name);
}

export async function assertCodeFree(em: EntityManager, organisationId: string, code: string, self: string | null): Promise<void> {
  const taken = await em.count(Department, { organisation: organisationId, code, ...(self ? { id: { $ne: self } } : {}) });
  if (taken) throw departmentErrors.codeTaken(code);
}

/** True when `candidate` is `id` or below it (moving `id` under it would make a cycle). */
async function isSelfOrDescendant(em: EntityManager, id: string, candidate: string): Promise<boolean> {
  const [row] = await em.execute<{ found: boolean }[]>(
    `with recursive up(id, parent_id, depth) as (
       select id, parent_id, 0 from departments where id = ?
       union all select d.id, d.parent_id, up.depth + 1 from departments d join up on d.id = up.parent_id where up.depth < 50
     ) select exists (select 1 from up where id = ?) as found`,
    [candidate, id],
  );
  return !!row?.found;
}

/** Levels above a department (0 for a top-level 局). */
async function depthOf(em: EntityManager, id: string): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(
    `with recursive up(id, parent_id, depth) as (
       select id, parent_id, 0 from departments where id = ?
       union all select d.id, d.parent_id, up.depth + 1 from departments d join up on d.id = up.parent_id where up.depth < 50
     ) select max(depth) as n from up`,
    [id],
  );
  return Number(row?.n ?? 0);
}

/** Levels below a department (0 for a 課 with nothing under it). */
async function heightOf(em: EntityManager, id: string): Promise<number> {
  const [row] = await em.execute<{ n: number }[]>(
    `with recursive down(id, depth) as (
       select id, 0 from departments where id = ?
       union all select d.id, down.depth + 1 from departments d join down on d.parent_id = down.id where down.depth < 50
     ) select max(depth) as n from down`,
    [id],
  );
  return Number(row?.n ?? 0);
}

/** Every case of the department and of the departments below it (their paths contain its name). */
async function casesUnder(em: EntityManager, id: string): Promise<string[]> {
  const rows = await em.execute<{ id: string }[]>(
    `with recursive down(id, depth) as (
       select id, 0 from departments where id = ?
       union all select d.id, down.depth + 1 from departments d join down on d.parent_id = down.id where down.depth < 50
     ) select c.id from cases c join down on c.department_id = down.id`,
    [id],
  );
  return rows.map((r) => r.id);
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
