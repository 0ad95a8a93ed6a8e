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

/** Active followers `u` of a tag or a 自治体 (`f`), with the followed thing's name for the notice. */
const FOLLOWERS_FROM = `follows f
       join users u on u.id = f.user_id and u.active
       left join tags t on f.target_type = 'TAG' and t.id = f.target_id
       left join organisations o on f.target_type = 'ORGANISATION' and o.id = f.target_id`;
const FOLLOW_REASON = `case f.target_type when 'TAG' then 'タグ「' || t.name || '」' else '自治体「' || o.name || '」' end`;

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
    `select distinct on (u.id) u.id, u.email, u.organisation_id, u.display_name, ${FOLLOW_REASON} as reason
       from ${FOLLOWERS_FROM}
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

/** What an import made newly readable: cases it published, and published cases it shared to the commons. */
export interface ImportedPublication {
  organisationId: string;
  publishedIds: readonly string[];
  sharedIds: readonly string[];
  /** Who ran the import (not told), when a person did. */
  actorId: string | null;
}

/**
 * An import is one act, however many cases it publishes: each follower who may read some of them is
 * told once — how many, and the newest — not once per case (a file of 3,000 cases must not send
 * 3,000 e-mails). The same rule as a publication through the app: who may read the case
 * (USER_READS_CASE_SQL), and a case shared to the commons later tells only followers outside its
 * organisation. In the import's transaction: the notices exist exactly when the cases do.
 */
export async function notifyFollowersOfImport(em: EntityManager, input: ImportedPublication): Promise<void> {
  if (!input.publishedIds.length && !input.sharedIds.length) return;
  const pgArray = (ids: readonly string[]) => `{${ids.join(",")}}`;
  const rows = await em.execute<(Recipient & { n: string; reasons: string; latest_id: string; latest_title: string })[]>(
    `with told as (
       select distinct on (u.id, c.id) u.id as user_id, c.id as case_id, c.title, c.published_at, ${FOLLOW_REASON} as reason
         from ${FOLLOWERS_FROM}
         join cases c on c.id = any(?::uuid[]) or (c.id = any(?::uuid[]) and u.organisation_id <> c.organisation_id)
        where ((f.target_type = 'TAG' and exists (select 1 from case_tags ct where ct.case_id = c.id and ct.tag_id = f.target_id))
            or (f.target_type = 'ORGANISATION' and f.target_id = c.organisation_id))
          and u.id <> coalesce(?::uuid, '00000000-0000-0000-0000-000000000000'::uuid)
          and ${USER_READS_CASE_SQL}
        order by u.id, c.id, f.target_type desc)
     select u.id, u.email, u.organisation_id, u.display_name, min(told.reason) as reason,
            count(distinct told.reason) as reasons, count(*) as n,
            (array_agg(told.case_id order by told.published_at desc nulls last, told.case_id))[1] as latest_id,
            (array_agg(told.title order by told.published_at desc nulls last, told.case_id))[1] as latest_title
       from told join users u on u.id = told.user_id
      group by u.id, u.email, u.organisation_id, u.display_name`,
    [pgArray(input.publishedIds), pgArray(input.sharedIds), input.actorId],
  );
  if (!rows.length) return;
  const [org] = await em.execute<{ name: string }[]>("select name from organisations where id = ?", [input.organisationId]);
  const from = org?.name ?? "";
  const what = (r: (typeof rows)[number]) => {
    const n = Number(r.n);
    const reason = `${r.reason}${Number(r.reasons) > 1 ? "など" : ""}`;
    return n === 1
      ? `フォロー中の${reason}に、${from}の好事例「${r.latest_title}」が取り込みで加わりました。`
      : `フォロー中の${reason}に、${from}の好事例${n.toLocaleString("ja-JP")}件が取り込みで加わりました（最新は「${r.latest_title}」）。`;
  };
  // One notice per recipient: each names its own newest case.
  for (const r of rows) {
    tell(
      em,
      [r],
      "FOLLOWED_CASE_PUBLISHED",
      r.latest_id,
      () => what(r),
      () => ({
        to: r.email,
        subject: `${SUBJECT_PREFIX}${from}の新しい好事例${Number(r.n) > 1 ? `${Number(r.n).toLocaleString("ja-JP")}件` : `「${r.latest_title}」`}`,
        body: [`${r.display_name}さん`, what(r), Number(r.n) > 1 ? `下のリンクから、${from}の好事例を新しい順に開けます。` : null, "フォローの解除は、アカウントのページから行えます。"]
          .filter(Boolean)
          .join("\n\n"),
        linkPath: Number(r.n) > 1 ? `/search?org=${input.organisationId}&sort=NEWEST` : `/cases/${r.latest_id}`,
      }),
    );
  }
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
