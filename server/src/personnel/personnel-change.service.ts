import { randomUUID } from "node:crypto";
import { UniqueConstraintViolationException } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";
import { personnelApplyInputSchema, type PersonnelApplyResult, type PersonnelDryRun } from "@kb/shared";
import { badInputFromZod, requireRole, type Role, type Viewer } from "../kernel/index.js";
import { readPersonnelList, type PersonnelList } from "./personnel-list.js";
import { judgeList, planDigest, type Plan, type PlanState } from "./personnel-plan.js";
import { personnelErrors } from "./personnel.errors.js";
import { moveNotificationsWithThePost, type Leaver } from "./post-handover.js";

export interface PersonnelFile {
  name: string;
  bytes: Buffer;
}

/**
 * A password hash no password verifies against (argon2 refuses to parse it, verifyPassword answers
 * false): accounts made by a 人事異動 list sign in through the organisation's directory, or once an
 * ADMIN has set or sent them a password.
 */
export const NO_PASSWORD = "!";

/**
 * The 人事異動 list of one organisation (issue 15 item 4). ADMIN of that organisation only; everything
 * read and written is within the viewer's organisation. `dryRun` stores nothing; `apply` recomputes
 * the same verdicts in ONE transaction, refuses when the digest differs from the dry run's (the
 * people or 課 changed in between) or any row is 誤り, and writes everything in a handful of
 * set-based statements whatever the size of the list.
 */
export class PersonnelChangeService {
  constructor(private readonly em: EntityManager) {}

  async dryRun(viewerOrNull: Viewer | null, file: PersonnelFile): Promise<PersonnelDryRun> {
    const viewer = requireRole(viewerOrNull, "ADMIN");
    const list = await readPersonnelList(file.name, file.bytes);
    const state = await loadState(this.em, viewer, list, false);
    const plan = judgeList(list.lines, state);
    return {
      fileName: file.name,
      format: list.format,
      encoding: list.encoding,
      rows: plan.rows,
      counts: plan.counts,
      digest: planDigest(file.bytes, state),
    };
  }

  async apply(viewerOrNull: Viewer | null, file: PersonnelFile, input: unknown): Promise<PersonnelApplyResult> {
    const viewer = requireRole(viewerOrNull, "ADMIN");
    const parsed = personnelApplyInputSchema.safeParse(input);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const list = await readPersonnelList(file.name, file.bytes);
    try {
      return await this.applyInOneTransaction(viewer, file, list, parsed.data.digest);
    } catch (error) {
      // Someone made an account with one of the list's addresses or numbers after our read.
      if (error instanceof UniqueConstraintViolationException) throw personnelErrors.changedSinceDryRun();
      throw error;
    }
  }

  private applyInOneTransaction(viewer: Viewer, file: PersonnelFile, list: PersonnelList, digest: string): Promise<PersonnelApplyResult> {
    return this.em.fork().transactional(async (tx) => {
      // One list at a time per organisation; the people's rows stay as read until the commit.
      await tx.execute("select id from organisations where id = ? for update", [viewer.organisationId]);
      const state = await loadState(tx, viewer, list, true);
      if (planDigest(file.bytes, state) !== digest) throw personnelErrors.changedSinceDryRun();
      const plan = judgeList(list.lines, state);
      if (plan.counts.ERROR) throw personnelErrors.rowsInError(plan.counts.ERROR);
      return writePlan(tx, viewer, file, plan);
    });
  }
}

/** The organisation's people and 課, and which addresses of the list other organisations use. */
async function loadState(em: EntityManager, viewer: Viewer, list: PersonnelList, lock: boolean): Promise<PlanState> {
  const people = await em.execute<{ id: string; email: string; display_name: string; employee_number: string | null; role: Role; department_id: string; active: boolean }[]>(
    `select id, email, display_name, employee_number, role, department_id, active from users where organisation_id = ?${lock ? " for update" : ""}`,
    [viewer.organisationId],
  );
  // 課 abolished by a 組織改正 take nobody; their names (and earlier names) are aliases of the successor.
  const departments = await em.execute<{ id: string; name: string; name_key: string; code: string | null; alias_keys: string[] }[]>(
    `select d.id, d.name, d.name_key, d.code,
            coalesce((select array_agg(a.name_key) from department_aliases a where a.department_id = d.id), '{}') as alias_keys
       from departments d where d.organisation_id = ? and d.abolished_on is null`,
    [viewer.organisationId],
  );
  const emails = [...new Set(list.lines.map((l) => l.email.normalize("NFKC").trim().toLowerCase()).filter(Boolean))];
  const foreign = emails.length
    ? await em.execute<{ email: string }[]>("select email from users where organisation_id <> ? and email = any(?::text[])", [viewer.organisationId, pgTextArray(emails)])
    : [];
  return {
    people: people.map((p) => ({
      id: p.id,
      email: p.email,
      displayName: p.display_name,
      employeeNumber: p.employee_number,
      role: p.role,
      departmentId: p.department_id,
      active: p.active,
    })),
    departments: departments.map((d) => ({ id: d.id, name: d.name, nameKey: d.name_key, code: d.code, aliasKeys: d.alias_keys })),
    foreignEmails: new Set(foreign.map((f) => f.email)),
    viewerId: viewer.userId,
    today: new Date().toISOString().slice(0, 10),
  };
}

/** Everything the plan says, in set-based statements (one per kind of change), inside the caller's transaction. */
async function writePlan(tx: EntityManager, viewer: Viewer, file: PersonnelFile, plan: Plan): Promise<PersonnelApplyResult> {
  const org = viewer.organisationId;
  const created = plan.creations.map((c) => ({ ...c, id: randomUUID() }));
  if (created.length) {
    await tx.execute(
      `insert into users (id, organisation_id, email, display_name, employee_number, password_hash, role, department_id, active, created_at)
       select x.id, ?, x.email, x.display_name, x.employee_number, ?, x.role, x.department_id, true, now()
         from jsonb_to_recordset(?::jsonb) as x(id uuid, email text, display_name text, employee_number text, role text, department_id uuid)`,
      [
        org,
        NO_PASSWORD,
        JSON.stringify(created.map((c) => ({ id: c.id, email: c.email, display_name: c.displayName, employee_number: c.employeeNumber, role: c.role, department_id: c.departmentId }))),
      ],
    );
  }
  if (plan.updates.length) {
    await tx.execute(
      `update users u set email = x.email, display_name = x.display_name, employee_number = x.employee_number, role = x.role,
              department_id = x.department_id, active = x.active
         from jsonb_to_recordset(?::jsonb) as x(id uuid, email text, display_name text, employee_number text, role text, department_id uuid, active boolean)
        where u.id = x.id and u.organisation_id = ?`,
      [
        JSON.stringify(
          plan.updates.map((u) => ({
            id: u.userId,
            email: u.after.email,
            display_name: u.after.displayName,
            employee_number: u.after.employeeNumber,
            role: u.after.role,
            department_id: u.after.departmentId,
            active: u.after.active,
          })),
        ),
        org,
      ],
    );
  }
  // 退職: the account stops and every session of it ends now (as `kb deactivate-user` does).
  const retired = plan.updates.filter((u) => u.before.active && !u.after.active).map((u) => u.userId);
  const endedSessions = retired.length
    ? Number((await tx.execute<{ n: string }[]>("with gone as (delete from sessions where user_id = any(?::uuid[]) returning 1) select count(*) as n from gone", [pgTextArray(retired)]))[0]!.n)
    : 0;

  const leavers: Leaver[] = plan.updates
    .filter((u) => u.before.active && (!u.after.active || u.after.departmentId !== u.before.departmentId || u.after.role !== u.before.role))
    .map((u) => ({
      userId: u.userId,
      departmentId: u.before.departmentId,
      role: u.before.role,
      leftDepartment: !u.after.active || u.after.departmentId !== u.before.departmentId,
      leftSecretariat: u.before.role === "SECRETARIAT" && (!u.after.active || u.after.role !== "SECRETARIAT"),
    }));
  const handover = await moveNotificationsWithThePost(tx, org, leavers);

  const runId = randomUUID();
  const audits = [
    ...created.map((c) => ({
      action: "user.create",
      subject_id: c.id,
      before: null,
      after: { email: c.email, displayName: c.displayName, employeeNumber: c.employeeNumber, role: c.role, departmentId: c.departmentId, effectiveDate: c.effectiveDate, run: runId, row: c.row },
    })),
    ...plan.updates.map((u) => ({
      action: u.before.active && !u.after.active ? "user.deactivate" : "user.transfer",
      subject_id: u.userId,
      before: u.before,
      after: { ...u.after, effectiveDate: u.effectiveDate, run: runId, row: u.row },
    })),
  ];
  audits.push({
    action: "personnel.apply",
    subject_id: runId,
    before: null,
    after: { fileName: file.name, counts: plan.counts, notificationsMoved: handover.moved, notificationsWithoutSuccessor: handover.withoutSuccessor, endedSessions } as never,
  });
  await tx.execute(
    `insert into audit_log (organisation_id, actor_id, action, subject_type, subject_id, before, after, at)
     select ?, ?, x.action, case when x.action = 'personnel.apply' then 'PersonnelChange' else 'User' end, x.subject_id, x.before, x.after, now()
       from jsonb_to_recordset(?::jsonb) as x(action text, subject_id text, before jsonb, after jsonb)`,
    [org, viewer.userId, JSON.stringify(audits)],
  );
  return {
    counts: plan.counts,
    notificationsMoved: handover.moved,
    notificationsWithoutSuccessor: handover.withoutSuccessor,
    endedSessions,
    runId,
  };
}

/** A PostgreSQL array literal of text (cast on the SQL side): one parameter however long the list. */
export function pgTextArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}
