import type { EntityManager } from "@mikro-orm/postgresql";
import { mergeDepartmentsSchema, nameKey, splitDepartmentSchema } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInputFromZod, recordEvent, requireRole, type Viewer } from "../kernel/index.js";
import { assertCodeFree, assertNameFree, liveDepartment, todayInJapan } from "./department-admin.service.js";
import { Department, DepartmentAlias } from "./department.entity.js";
import { departmentErrors } from "./department.errors.js";
import { departmentOfCasesChanged } from "./department.events.js";

/** What a 組織改正 moves out of one 課: the confirmation step shows it before anything happens. */
export interface ReorganisationCounts {
  departmentId: string;
  name: string;
  cases: number;
  adoptions: number;
  questions: number;
  users: number;
  children: number;
}

export interface ReorganisationResult {
  successor: Department;
  /** Every new 課 (a split), or the new 統合先. */
  created: Department[];
  movedCases: number;
  movedUsers: number;
  /**
   * Adoption records left with the abolished 課 because the successor already has one for the same
   * case (an adoption is one per case and 課); they stay readable in the audit and the database.
   */
  keptAdoptions: number;
}

/**
 * 組織改正 (issue 15 item 3): 課 merged into one, or one 課 split into several, on a 施行日. In one
 * transaction the cases, adoptions, questions, answers, people and child departments of the absorbed
 * 課 move to the successor; the absorbed 課 stays as a row marked 廃止 (abolishedOn, successor) so
 * old links reach the successor; its names become aliases of the successor so search, the department
 * filter and imports naming it find the successor's cases; every moved case gets a search outbox row
 * (DepartmentOfCasesChanged → search projector) and each change an audit row.
 *
 * A 施行日 in the future is refused for now (departmentErrors.futureDate): the admin runs it on the day.
 */
export class DepartmentReorganisationService {
  constructor(private readonly em: EntityManager) {}

  /** The counts the confirmation step shows: one statement whatever the number of 課. */
  async preview(viewer: Viewer | null, ids: readonly string[]): Promise<ReorganisationCounts[]> {
    const admin = requireRole(viewer, "ADMIN");
    const unique = [...new Set(ids.map((id) => id.toLowerCase()))].filter((id) => /^[0-9a-f-]{36}$/.test(id)).slice(0, 20);
    if (!unique.length) return [];
    const rows = await this.em.execute<{ id: string; name: string; cases: string; adoptions: string; questions: string; users: string; children: string }[]>(
      `select d.id, d.name,
              (select count(*) from cases where department_id = d.id) as cases,
              (select count(*) from adoptions where department_id = d.id) as adoptions,
              (select count(*) from questions where department_id = d.id) as questions,
              (select count(*) from users where department_id = d.id) as users,
              (select count(*) from departments where parent_id = d.id) as children
         from departments d where d.organisation_id = ? and d.id in (?) and d.abolished_on is null order by d.name`,
      [admin.organisationId, unique],
    );
    if (rows.length !== unique.length) throw departmentErrors.noSuchDepartment();
    return rows.map((r) => ({ departmentId: r.id, name: r.name, cases: +r.cases, adoptions: +r.adoptions, questions: +r.questions, users: +r.users, children: +r.children }));
  }

  /** The cases of a 課 to assign in a split (every status), by title; at most `first` of them. */
  async casesOf(viewer: Viewer | null, departmentId: string, first: number): Promise<{ total: number; items: { id: string; title: string; status: string }[] }> {
    const admin = requireRole(viewer, "ADMIN");
    const department = await liveDepartment(this.em, admin.organisationId, departmentId);
    const [items, [count]] = await Promise.all([
      this.em.execute<{ id: string; title: string; status: string }[]>("select id, title, status from cases where department_id = ? order by title, id limit ?", [
        department.id,
        Math.min(Math.max(first, 0), 1000),
      ]),
      this.em.execute<{ n: string }[]>("select count(*) as n from cases where department_id = ?", [department.id]),
    ]);
    return { total: Number(count?.n ?? 0), items };
  }

  async merge(viewer: Viewer | null, raw: unknown): Promise<ReorganisationResult> {
    const admin = requireRole(viewer, "ADMIN");
    const parsed = mergeDepartmentsSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const data = parsed.data;
    if (data.effectiveDate > todayInJapan()) throw departmentErrors.futureDate();
    return this.em.transactional(async (tx) => {
      const sources = await lockLive(tx, admin.organisationId, data.sourceIds);
      const created: Department[] = [];
      let target: Department;
      if (data.targetId) {
        target = await liveDepartment(tx, admin.organisationId, data.targetId);
      } else {
        const newName = data.newName!;
        // The new 課 may take the name of one it absorbs (課A + 課B → 課A): that name is then not an alias.
        const reused = sources.find((s) => s.nameKey === nameKey(newName));
        if (!reused) await assertNameFree(tx, admin.organisationId, newName, null);
        if (data.newCode) await takeCode(tx, admin, sources, data.newCode);
        const parent = data.newParentId ? await liveDepartment(tx, admin.organisationId, data.newParentId) : sources[0]!.parent ? await tx.findOneOrFail(Department, sources[0]!.parent.id) : null;
        if (reused) {
          // Free the key first: the absorbed row keeps a marked key so the unique name stays with the live 課.
          reused.nameKey = `${reused.nameKey}#${reused.id}`;
          await tx.flush();
        }
        target = tx.create(Department, { organisation: admin.organisationId, name: newName, nameKey: nameKey(newName), code: data.newCode ?? null, parent: parent ?? null });
        created.push(target);
        recordAudit(tx, { organisationId: admin.organisationId, actorId: admin.userId, action: "department.create", subjectType: "Department", subjectId: target.id, after: { name: newName, reason: "merge", effectiveDate: data.effectiveDate } });
      }
      await tx.flush();
      if (sources.some((s) => s.id === target.id)) throw badInputFromZod({ issues: [{ path: ["targetId"], message: "統合先に統合元の課は選べません" }] });
      const moved = await absorb(tx, admin, sources, target, data.effectiveDate, "MERGE", null);
      return { successor: target, created, ...moved };
    });
  }

  async split(viewer: Viewer | null, raw: unknown): Promise<ReorganisationResult> {
    const admin = requireRole(viewer, "ADMIN");
    const parsed = splitDepartmentSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const data = parsed.data;
    if (data.effectiveDate > todayInJapan()) throw departmentErrors.futureDate();
    return this.em.transactional(async (tx) => {
      const [source] = await lockLive(tx, admin.organisationId, [data.sourceId]);
      const keys = new Set<string>();
      for (const [i, d] of data.newDepartments.entries()) {
        const key = nameKey(d.name);
        if (keys.has(key)) throw badInputFromZod({ issues: [{ path: ["newDepartments", i, "name"], message: "同じ名称が2回入力されています" }] });
        keys.add(key);
        if (key !== source!.nameKey) await assertNameFree(tx, admin.organisationId, d.name, null);
        if (d.code && data.newDepartments.findIndex((other) => other.code === d.code) !== i) {
          throw badInputFromZod({ issues: [{ path: ["newDepartments", i, "code"], message: "同じ所属コードが2回入力されています" }] });
        }
        if (d.code) await takeCode(tx, admin, [source!], d.code);
      }
      if (keys.has(source!.nameKey)) {
        source!.nameKey = `${source!.nameKey}#${source!.id}`;
        await tx.flush();
      }
      const parent = source!.parent ? tx.getReference(Department, source!.parent.id) : null;
      const created = data.newDepartments.map((d) => tx.create(Department, { organisation: admin.organisationId, name: d.name, nameKey: nameKey(d.name), code: d.code ?? null, parent }));
      for (const d of created) {
        recordAudit(tx, { organisationId: admin.organisationId, actorId: admin.userId, action: "department.create", subjectType: "Department", subjectId: d.id, after: { name: d.name, reason: "split", from: source!.id, effectiveDate: data.effectiveDate } });
      }
      await tx.flush();
      // Cases named in the assignments go to their new 課 first; absorb() moves the rest to the first.
      const assigned = data.assignments.filter((a) => a.index > 0);
      const movedElsewhere: string[] = [];
      if (assigned.length) {
        const own = await tx.execute<{ id: string }[]>("select id from cases where department_id = ? and id in (?)", [source!.id, assigned.map((a) => a.caseId)]);
        if (own.length !== new Set(assigned.map((a) => a.caseId)).size) throw departmentErrors.notYourCase();
        for (const [index, department] of created.entries()) {
          const ids = assigned.filter((a) => a.index === index).map((a) => a.caseId);
          if (!ids.length) continue;
          await tx.execute("update cases set department_id = ? where department_id = ? and id in (?)", [department.id, source!.id, ids]);
          movedElsewhere.push(...ids);
        }
      }
      const moved = await absorb(tx, admin, [source!], created[0]!, data.effectiveDate, "SPLIT", { newDepartments: created.map((d) => ({ id: d.id, name: d.name })), assignedElsewhere: movedElsewhere.length });
      if (movedElsewhere.length) recordEvent(tx, departmentOfCasesChanged({ caseIds: movedElsewhere, reason: "split" }));
      return { successor: created[0]!, created, ...moved, movedCases: moved.movedCases + movedElsewhere.length };
    });
  }
}

/**
 * A new 課 of a 組織改正 may keep the 所属コード of a 課 it replaces (the code moves; the abolished row
 * keeps none); any other 課's code is refused as taken.
 */
async function takeCode(tx: EntityManager, admin: Viewer, sources: Department[], code: string): Promise<void> {
  const owner = sources.find((s) => s.code === code);
  if (owner) {
    owner.code = null;
    recordAudit(tx, { organisationId: admin.organisationId, actorId: admin.userId, action: "department.code", subjectType: "Department", subjectId: owner.id, before: { code }, after: { code: null, reason: "moved to the new 課 of a 組織改正" } });
    await tx.flush();
    return;
  }
  await assertCodeFree(tx, admin.organisationId, code, null);
}

/** The 課 of the organisation, locked for the change; a missing, foreign or abolished one is NOT_FOUND / CONFLICT. */
async function lockLive(tx: EntityManager, organisationId: string, ids: readonly string[]): Promise<Department[]> {
  await tx.execute("select id from departments where organisation_id = ? and id in (?) for update", [organisationId, [...ids]]);
  const found = await tx.find(Department, { organisation: organisationId, id: { $in: [...ids] } });
  if (found.length !== ids.length) throw departmentErrors.noSuchDepartment();
  const gone = found.find((d) => d.abolishedOn);
  if (gone) throw departmentErrors.abolished(gone.name);
  return ids.map((id) => found.find((d) => d.id === id)!);
}

/** Moves everything of `sources` to `target` and marks them 廃止 (one source at a time, so adoption conflicts are seen). */
async function absorb(
  tx: EntityManager,
  admin: Viewer,
  sources: Department[],
  target: Department,
  effectiveDate: string,
  kind: "MERGE" | "SPLIT",
  extra: object | null,
): Promise<Omit<ReorganisationResult, "successor" | "created">> {
  // A 局 or 部 merged into one of its own children would make the child its own ancestor.
  const [cycle] = await tx.execute<{ found: boolean }[]>(
    `with recursive up(id, parent_id, depth) as (
       select id, parent_id, 0 from departments where id = ?
       union all select d.id, d.parent_id, up.depth + 1 from departments d join up on d.id = up.parent_id where up.depth < 50
     ) select exists (select 1 from up where id in (?)) as found`,
    [target.id, sources.map((s) => s.id)],
  );
  if (cycle?.found) throw departmentErrors.cycle();
  let movedCases = 0;
  let movedUsers = 0;
  let keptAdoptions = 0;
  const caseIds: string[] = [];
  for (const source of sources) {
    const cases = await tx.execute<{ id: string }[]>("update cases set department_id = ? where department_id = ? returning id", [target.id, source.id]);
    caseIds.push(...cases.map((c) => c.id));
    const adoptions = await tx.execute<{ id: string }[]>(
      `update adoptions a set department_id = ? where a.department_id = ?
          and not exists (select 1 from adoptions b where b.case_id = a.case_id and b.department_id = ?) returning a.id`,
      [target.id, source.id, target.id],
    );
    const [kept] = await tx.execute<{ n: string }[]>("select count(*) as n from adoptions where department_id = ?", [source.id]);
    const questions = await tx.execute<{ id: string }[]>("update questions set department_id = ? where department_id = ? returning id", [target.id, source.id]);
    await tx.execute("update answers set department_id = ? where department_id = ?", [target.id, source.id]);
    const users = await tx.execute<{ id: string }[]>("update users set department_id = ? where department_id = ? returning id", [target.id, source.id]);
    const children = await tx.execute<{ id: string }[]>("update departments set parent_id = ? where parent_id = ? returning id", [target.id, source.id]);
    // Former names of the source, and 課 that were merged into it earlier, now lead to the target.
    await tx.execute("update department_aliases set department_id = ? where department_id = ?", [target.id, source.id]);
    await tx.execute("update departments set successor_id = ? where successor_id = ?", [target.id, source.id]);
    if (nameKey(source.name) !== target.nameKey) {
      tx.persist(tx.create(DepartmentAlias, { organisation: admin.organisationId, department: target, name: source.name, nameKey: nameKey(source.name), since: effectiveDate }));
    }
    source.abolishedOn = effectiveDate;
    source.abolishedBy = kind;
    source.successor = tx.getReference(Department, target.id, { wrapped: true });
    movedCases += cases.length;
    movedUsers += users.length;
    keptAdoptions += Number(kept?.n ?? 0);
    recordAudit(tx, {
      organisationId: admin.organisationId,
      actorId: admin.userId,
      action: kind === "MERGE" ? "department.merge" : "department.split",
      subjectType: "Department",
      subjectId: source.id,
      before: { name: source.name },
      after: {
        successorId: target.id,
        successor: target.name,
        effectiveDate,
        cases: cases.length,
        adoptions: adoptions.length,
        keptAdoptions: Number(kept?.n ?? 0),
        questions: questions.length,
        users: users.length,
        children: children.length,
        ...(extra ?? {}),
      },
    });
  }
  if (caseIds.length) recordEvent(tx, departmentOfCasesChanged({ caseIds, reason: kind === "MERGE" ? "merge" : "split" }));
  await tx.flush();
  return { movedCases, movedUsers, keptAdoptions };
}
