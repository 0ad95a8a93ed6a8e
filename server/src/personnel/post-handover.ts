import type { EntityManager } from "@mikro-orm/postgresql";
import type { Role } from "../kernel/index.js";

/** A person leaving a post (課 and role) in a 人事異動 run: moved, re-roled or retired. */
export interface Leaver {
  userId: string;
  /** The 課 and role they held before the run. */
  departmentId: string;
  role: Role;
  /** They are no longer a member of that 課 (moved elsewhere or retired). */
  leftDepartment: boolean;
  /** They were secretariat and no longer are (re-roled or retired). */
  leftSecretariat: boolean;
}

/**
 * Notices addressed to someone because of their 課: sent to a case's owners as members of the 課
 * (notifyCaseOwners) or, for a 差し戻し, the 課's work to redo. The rest (a decision on one's own
 * proposal, an answer to one's own question, a publication) are personal and stay with the person.
 */
const DEPARTMENT_DUTIES = ["TAG_PROPOSED", "ADOPTION_RECORDED", "QUESTION_ASKED", "FRESHNESS_CHECK_DUE", "CASE_CHANGES_REQUESTED"];
/** Notices addressed to the secretariat as such: a case submitted for review (while it still waits). */
const SECRETARIAT_DUTIES = ["CASE_SUBMITTED"];

export interface Handover {
  /** Unread notices taken from leavers and given to the post's holders. */
  moved: number;
  /** Unread notices that stayed with the leaver: the post has no active holder after the run. */
  withoutSuccessor: number;
}

/**
 * Open duties move with the post, not the person (issue 15 item 4). Runs after the run's users are
 * written, inside its transaction, in two statements whatever the number of leavers:
 *
 * - A leaver's unread notices about cases of the 課 they left go to the 課's active members with
 *   the leaver's old role (their successors), or, when nobody there has that role, to all its
 *   active members. The review queue itself needs nothing: it is the role's, not a person's.
 * - A secretariat member who stops being one hands their unread 「提出されました」 notices (of cases
 *   still waiting for review) to the secretariat of their old 課, or else to the whole secretariat.
 *
 * A holder who already has the same unread notice (same type and case) gets no second copy. When
 * nobody holds the post after the run the notice stays with the leaver (a moved person can still
 * read it; a retired one cannot) and is counted in `withoutSuccessor` so the screen can say so.
 */
export async function moveNotificationsWithThePost(tx: EntityManager, organisationId: string, leavers: readonly Leaver[]): Promise<Handover> {
  const byDepartment = leavers.filter((l) => l.leftDepartment);
  const bySecretariat = leavers.filter((l) => l.leftSecretariat);
  const total: Handover = { moved: 0, withoutSuccessor: 0 };
  if (byDepartment.length) {
    add(
      total,
      await handOver(tx, organisationId, byDepartment, {
        types: DEPARTMENT_DUTIES,
        caseCondition: "c.department_id = m.department_id",
        holder: "u.department_id = m.department_id",
        preferred: "u.role = m.role",
      }),
    );
  }
  if (bySecretariat.length) {
    add(
      total,
      await handOver(tx, organisationId, bySecretariat, {
        types: SECRETARIAT_DUTIES,
        caseCondition: "c.status = 'SUBMITTED'",
        holder: "u.role = 'SECRETARIAT'",
        preferred: "u.department_id = m.department_id",
      }),
    );
  }
  return total;
}

function add(total: Handover, part: Handover): void {
  total.moved += part.moved;
  total.withoutSuccessor += part.withoutSuccessor;
}

interface HandoverRule {
  types: readonly string[];
  /** Which of the leaver's notices are the post's (SQL over `c` the case, `m` the notice + leaver). */
  caseCondition: string;
  /** Who holds the post (SQL over `u` a user, `m`). */
  holder: string;
  /** Among the holders, who is the successor when there is one (else every holder). */
  preferred: string;
}

async function handOver(tx: EntityManager, organisationId: string, leavers: readonly Leaver[], rule: HandoverRule): Promise<Handover> {
  const holders = (alias: string) =>
    `${alias}.organisation_id = ? and ${alias}.active and ${alias}.id <> m.recipient_id and ${rule.holder.replaceAll("u.", `${alias}.`)}`;
  const types = rule.types.map((t) => `'${t}'`).join(", ");
  const [row] = await tx.execute<{ moving: string; moved: string }[]>(
    `with leavers as (
       select * from jsonb_to_recordset(?::jsonb) as l(user_id uuid, department_id uuid, role text)
     ),
     moving as (
       select n.id, n.organisation_id, n.recipient_id, n.type, n.case_id, n.message, n.created_at, l.department_id, l.role
         from notifications n
         join leavers l on l.user_id = n.recipient_id
         join cases c on c.id = n.case_id
        where n.organisation_id = ? and n.read_at is null and n.type in (${types}) and ${rule.caseCondition.replaceAll("m.", "l.")}
     ),
     heirs as (
       select m.id as notification_id, u.id as heir_id
         from moving m
         join users u on ${holders("u")}
        where ${rule.preferred}
           or not exists (select 1 from users s where ${holders("s")} and ${rule.preferred.replaceAll("u.", "s.")})
     ),
     copied as (
       insert into notifications (id, organisation_id, recipient_id, type, case_id, message, read_at, created_at)
       select distinct on (h.heir_id, m.case_id, m.type) gen_random_uuid(), m.organisation_id, h.heir_id, m.type, m.case_id, m.message, null, m.created_at
         from heirs h join moving m on m.id = h.notification_id
        where not exists (
          select 1 from notifications e where e.recipient_id = h.heir_id and e.case_id = m.case_id and e.type = m.type and e.read_at is null
        )
       returning 1
     ),
     moved as (
       delete from notifications n where n.id in (select notification_id from heirs) returning 1
     )
     select (select count(*) from moving) as moving, (select count(*) from moved) as moved, (select count(*) from copied) as copied`,
    [
      JSON.stringify(leavers.map((l) => ({ user_id: l.userId, department_id: l.departmentId, role: l.role }))),
      organisationId,
      organisationId,
      organisationId,
    ],
  );
  const moving = Number(row!.moving);
  const moved = Number(row!.moved);
  return { moved, withoutSuccessor: moving - moved };
}
