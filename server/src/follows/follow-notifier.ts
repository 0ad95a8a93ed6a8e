import type { EntityManager } from "@mikro-orm/postgresql";
import { Case, type CaseSharingChanged, type CaseTransitioned } from "../cases/index.js";
import type { DomainFact } from "../kernel/index.js";
import { enqueueMail, type OutgoingMail } from "../mail/index.js";
import { notify } from "../notifications/index.js";

type NotificationType = Parameters<typeof notify>[3];
import { canReadCase, USER_READS_CASE_SQL } from "./case-readers.js";

interface Recipient {
  id: string;
  email: string;
  organisation_id: string;
  display_name: string;
  reason: string;
}

const SUBJECT_PREFIX = "【好事例ナレッジベース】";

/** In-app notices (each in the recipient's own organisation) and e-mails, in the caller's transaction. */
function tell(em: EntityManager, recipients: Recipient[], type: NotificationType, caseId: string, message: (r: Recipient) => string, mail: (r: Recipient) => OutgoingMail): void {
  for (const r of recipients) notify(em, r.organisation_id, [r.id], type, caseId, message(r));
  enqueueMail(em, recipients.filter((r) => r.email.includes("@")).map(mail));
}

/**
 * A fact consumer (db/orm.ts): when a case becomes PUBLISHED, the people who follow one of its tags
 * or its organisation are told — only those who may read it (canReadCase: a 庁内限定 case tells nobody
 * outside its organisation), never its author (told by the review itself). When a published case is
 * later shared to the commons, followers in the other organisations are told then (its own were told
 * at publication). Runs before the flush that writes the facts, so the case's new status and sharing
 * are read from the entity, not the table.
 */
export async function notifyFollowersOfPublication(em: EntityManager, facts: readonly DomainFact[]): Promise<void> {
  const published = new Set<string>();
  for (const fact of facts) {
    if (fact.type === "CaseTransitioned" && (fact as CaseTransitioned).payload.to === "PUBLISHED") published.add((fact as CaseTransitioned).payload.caseId);
  }
  for (const caseId of published) await notifyFollowersOf(em, caseId, false);
  for (const fact of facts) {
    if (fact.type !== "CaseSharingChanged") continue;
    const { caseId, status, from, to } = (fact as CaseSharingChanged).payload;
    if (status === "PUBLISHED" && from === "ORGANISATION" && to === "COMMONS" && !published.has(caseId)) await notifyFollowersOf(em, caseId, true);
  }
}

async function notifyFollowersOf(em: EntityManager, caseId: string, outsidersOnly: boolean): Promise<void> {
  const c = em.getUnitOfWork().getById(Case, caseId);
  if (!c) return; // changed by a path that does not go through the workflow entity (none today)
  const facts = { organisationId: c.organisation.id, status: c.status, sharing: c.sharing };
  const rows = await em.execute<Recipient[]>(
    `select distinct on (u.id) u.id, u.email, u.organisation_id, u.display_name,
            case f.target_type when 'TAG' then 'タグ「' || t.name || '」' else '自治体「' || o.name || '」' end as reason
       from follows f
       join users u on u.id = f.user_id and u.active
       left join tags t on f.target_type = 'TAG' and t.id = f.target_id
       left join organisations o on f.target_type = 'ORGANISATION' and o.id = f.target_id
      where ((f.target_type = 'TAG' and f.target_id in (select tag_id from case_tags where case_id = ?))
         or (f.target_type = 'ORGANISATION' and f.target_id = ?))
        and u.id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
        and (u.organisation_id = ? or ?)
      order by u.id, f.target_type desc`,
    [caseId, facts.organisationId, c.author?.id ?? null, facts.organisationId, facts.sharing === "COMMONS"],
  );
  // The SQL says it; this says it again in the one rule's words, so the two cannot drift apart unseen.
  const readers = rows.filter((r) => canReadCase({ organisationId: r.organisation_id }, facts) && !(outsidersOnly && r.organisation_id === facts.organisationId));
  if (!readers.length) return;
  const [org] = await em.execute<{ name: string }[]>("select name from organisations where id = ?", [facts.organisationId]);
  const where = org ? `（${org.name}）` : "";
  const verb = outsidersOnly ? "が自治体間で共有されました" : "が公開されました";
  tell(
    em,
    readers,
    "FOLLOWED_CASE_PUBLISHED",
    caseId,
    (r) => `フォロー中の${r.reason}に、新しい好事例「${c.title}」${where}${verb}。`,
    (r) => ({
      to: r.email,
      subject: `${SUBJECT_PREFIX}新しい好事例「${c.title}」`,
      body: `${r.display_name}さん\n\nフォロー中の${r.reason}に、新しい好事例${verb}。\n\n「${c.title}」${where}\n\nフォローの解除は、アカウントのページから行えます。`,
      linkPath: `/cases/${caseId}`,
    }),
  );
}

/**
 * A case was offered in answer to a 募集: its requester and followers are told — those who may read
 * the case (USER_READS_CASE_SQL) and still see the 募集 — never the one who answered.
 */
export async function notifySolicitationAnswered(
  em: EntityManager,
  input: { solicitationId: string; solicitationTitle: string; caseId: string; caseTitle: string; answererId: string; answeringOrganisation: string },
): Promise<void> {
  const rows = await em.execute<Recipient[]>(
    `select distinct u.id, u.email, u.organisation_id, u.display_name, '' as reason
       from solicitations s
       join users u on u.active and (u.id = s.created_by_id
            or u.id in (select user_id from follows where target_type = 'SOLICITATION' and target_id = s.id))
       join cases c on c.id = ?
      where s.id = ? and u.id <> ?
        and (s.scope = 'COMMONS' or u.organisation_id = s.organisation_id)
        and ${USER_READS_CASE_SQL}`,
    [input.caseId, input.solicitationId, input.answererId],
  );
  const message = `募集「${input.solicitationTitle}」に、${input.answeringOrganisation}から好事例「${input.caseTitle}」が寄せられました。`;
  tell(em, rows, "SOLICITATION_ANSWERED", input.caseId, () => message, (r) => ({
    to: r.email,
    subject: `${SUBJECT_PREFIX}募集「${input.solicitationTitle}」に好事例が寄せられました`,
    body: `${r.display_name}さん\n\n${message}\n\n寄せられた好事例は、募集のページから開けます。`,
    linkPath: `/solicitations/${input.solicitationId}`,
  }));
}
