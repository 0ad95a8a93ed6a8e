import type { EntityManager } from "@mikro-orm/postgresql";
import { caseBasedOnSchema, type CaseSharing, type CaseStatus, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { casePolicy, lockCaseForChange } from "../cases/index.js";
import { badInput, badInputFromZod, requireViewer, type Viewer } from "../kernel/index.js";
import { caseReadershipSql, readershipOf } from "../organisations/index.js";

/**
 * Lineage (issue 16): 参考にした好事例 — a case names the case it is based on (`cases.based_on_id`),
 * often another organisation's commons case — and the 横展開 flows between organisations that the
 * adoption ledger adds up to.
 *
 * What a reader sees of a lineage is what they may read, nothing more: the original's page lists the
 * derived cases the reader can read (a derived case that is its organisation's 庁内限定, or a draft,
 * is left out without a trace — no count either, since even the number of another organisation's
 * 庁内限定 cases is that organisation's; isolation.test.ts probes it). Adoption rows, which the
 * adopting organisation records on a commons case, are visible to every reader of that case.
 */

/** The shortest chain that could still be a cycle is walked in full; a longer one is refused as one. */
const MAX_LINEAGE_DEPTH = 100;

export interface OrganisationFlow {
  fromOrganisationId: string;
  toOrganisationId: string;
  considering: number;
  trial: number;
  adopted: number;
  declined: number;
  /** When the latest adoption in the flow changed. */
  latestAt: Date;
}

export class LineageService {
  constructor(private readonly em: EntityManager) {}

  /**
   * Sets (or clears, with null) the case's 参考にした好事例. Whoever may edit the case may set it (its
   * owners while it is theirs to work on, its secretariat until archived); the original must be a case
   * they can read, not the case itself, and not one based (through any chain) on this case. Writes
   * of lineage are serialised installation-wide, so two concurrent links cannot close a cycle.
   * Not in the search document, so no outbox row; it does not bump the case's version (an editor
   * saving the text alongside keeps its version).
   */
  async setBasedOn(viewerOrNull: Viewer | null, raw: unknown): Promise<string> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = caseBasedOnSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { caseId, basedOnId } = parsed.data;
    return this.em.transactional(async (tx) => {
      await tx.execute("select pg_advisory_xact_lock(hashtext('kb.case-lineage'))");
      const c = await lockCaseForChange(tx, viewer, caseId, null, (facts) => casePolicy.canEdit(viewer, facts), {
        wrongState: "この好事例は現在の状態では参考にした好事例を変更できません。",
      });
      const [current] = await tx.execute<{ based_on_id: string | null }[]>("select based_on_id from cases where id = ?", [c.id]);
      const before = current?.based_on_id ?? null;
      if (basedOnId) await checkOriginal(tx, viewer, c.id, basedOnId);
      const after = basedOnId ? basedOnId.toLowerCase() : null;
      if (before === after) return c.id;
      await tx.execute("update cases set based_on_id = ? where id = ?", [after, c.id]);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "case.basedOn",
        subjectType: "Case",
        subjectId: c.id,
        before: { basedOnId: before },
        after: { basedOnId: after },
      });
      await tx.flush();
      return c.id;
    });
  }

  /** The case each of `caseIds` is based on (null when none), in one query. */
  async basedOnOf(caseIds: readonly string[]): Promise<Map<string, string | null>> {
    const out = new Map<string, string | null>(caseIds.map((id) => [id, null]));
    const ids = caseIds.filter(isUuid);
    if (!ids.length) return out;
    const rows = await this.em.execute<{ id: string; based_on_id: string | null }[]>("select id, based_on_id from cases where id in (?)", [ids]);
    for (const r of rows) out.set(r.id, r.based_on_id);
    return out;
  }

  /**
   * Candidates for each original's 「この事例を参考にした事例」, in one query: cases naming it as
   * 参考にした好事例, and cases an adoption of it names as derived; published ones only, newest first.
   * The caller keeps those the reader may read (the published-case loader).
   */
  async derivedCaseIds(caseIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>(caseIds.map((id) => [id, []]));
    const ids = caseIds.filter(isUuid);
    if (!ids.length) return out;
    // `union` (not `union all`): a case both naming the original and named by an adoption is one.
    const rows = await this.em.execute<{ original_id: string; id: string }[]>(
      `select l.original_id, d.id
         from (select based_on_id as original_id, id as derived_id from cases where based_on_id in (?)
               union select case_id, derived_case_id from adoptions where case_id in (?) and derived_case_id is not null) l
         join cases d on d.id = l.derived_id
        where d.status = 'PUBLISHED' and d.id <> l.original_id
        order by l.original_id, d.published_at desc nulls last, d.id`,
      [ids, ids],
    );
    for (const r of rows) out.get(r.original_id)?.push(r.id);
    return out;
  }

  /**
   * 横展開 flows between organisations: from the organisation whose commons case was adopted to the
   * adopting organisation, counts by status, the most recently changed flow first. One statement for
   * the page and one for the total. `involving`: only flows from or to that organisation (the
   * dashboard's view of its own).
   */
  async flows(viewer: Viewer | null, first: number, offset: number, involving?: string): Promise<{ total: number; items: OrganisationFlow[] }> {
    // Adoptions by another organisation are recorded on commons cases only (adoption.policy); a case
    // withdrawn to 庁内限定 or archived stops counting for those who can no longer read it.
    const readable = caseReadershipSql(await readershipOf(this.em, viewer), "c");
    const where = `a.organisation_id <> c.organisation_id and c.status = 'PUBLISHED' and ${readable.sql}${involving ? " and ? in (a.organisation_id, c.organisation_id)" : ""}`;
    const params = [...readable.params, ...(involving ? [involving] : [])];
    const limit = Math.min(Math.max(first, 0), 100);
    const [rows, count] = await Promise.all([
      this.em.execute<{ from_id: string; to_id: string; considering: string; trial: string; adopted: string; declined: string; latest: Date }[]>(
        `select c.organisation_id as from_id, a.organisation_id as to_id,
                count(*) filter (where a.status = 'CONSIDERING') as considering,
                count(*) filter (where a.status = 'TRIAL') as trial,
                count(*) filter (where a.status = 'ADOPTED') as adopted,
                count(*) filter (where a.status = 'DECLINED') as declined,
                max(a.updated_at) as latest
           from adoptions a join cases c on c.id = a.case_id
          where ${where}
          group by c.organisation_id, a.organisation_id
          order by latest desc, from_id, to_id
          limit ? offset ?`,
        [...params, limit, Math.max(offset, 0)],
      ),
      this.em.execute<{ n: string }[]>(
        `select count(*) as n from (select 1 from adoptions a join cases c on c.id = a.case_id where ${where} group by c.organisation_id, a.organisation_id) f`,
        params,
      ),
    ]);
    return {
      total: Number(count[0]?.n ?? 0),
      items: rows.map((r) => ({
        fromOrganisationId: r.from_id,
        toOrganisationId: r.to_id,
        considering: Number(r.considering),
        trial: Number(r.trial),
        adopted: Number(r.adopted),
        declined: Number(r.declined),
        latestAt: new Date(r.latest),
      })),
    };
  }
}

/** The original must be readable by the one who names it, not the case itself, and not derived from it. */
async function checkOriginal(tx: EntityManager, viewer: Viewer, caseId: string, basedOnId: string): Promise<void> {
  const refuse = (message: string) => badInput([{ path: "basedOnId", message }]);
  if (basedOnId.toLowerCase() === caseId.toLowerCase()) throw refuse("この好事例そのものは参考にした好事例にできません");
  const [original] = await tx.execute<
    { organisation_id: string; status: CaseStatus; sharing: CaseSharing; department_id: string; author_id: string | null; public_reading: boolean }[]
  >(
    `select c.organisation_id, c.status, c.sharing, c.department_id, c.author_id, o.public_reading
       from cases c join organisations o on o.id = c.organisation_id where c.id = ?`,
    [basedOnId],
  );
  const readable =
    !!original &&
    casePolicy.canRead(viewer, {
      organisationId: original.organisation_id,
      status: original.status,
      sharing: original.sharing,
      departmentId: original.department_id,
      authorId: original.author_id,
      publicReading: original.public_reading,
    });
  // One message for a case that does not exist and one the viewer may not read (no existence oracle).
  if (!readable) throw refuse("参考にした好事例が見つかりません。読める好事例から選んでください");
  const [cycle] = await tx.execute<{ found: number }[]>(
    `with recursive up(id, depth) as (
       select based_on_id, 1 from cases where id = ? and based_on_id is not null
       union all
       select c.based_on_id, up.depth + 1 from up join cases c on c.id = up.id where c.based_on_id is not null and up.depth < ?
     ) select 1 as found from up where id = ? or depth >= ? limit 1`,
    [basedOnId, MAX_LINEAGE_DEPTH, caseId, MAX_LINEAGE_DEPTH],
  );
  if (cycle) throw refuse("選んだ好事例はこの好事例を参考にしています。参考の関係が循環するため選べません");
}
