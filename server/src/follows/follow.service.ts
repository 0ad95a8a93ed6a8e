import type { EntityManager } from "@mikro-orm/postgresql";
import { followSchema, type FollowTarget } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInputFromZod, notFound, requireViewer, type Viewer } from "../kernel/index.js";
import { VIEWER_READS_CASE_SQL } from "./case-readers.js";
import { Follow } from "./follow.entity.js";

export interface FollowRecord {
  id: string;
  targetType: FollowTarget;
  targetId: string;
  label: string;
  createdAt: Date;
}

const TARGET_NAMES: Record<FollowTarget, string> = { TAG: "タグ", ORGANISATION: "自治体", SOLICITATION: "募集" };

/**
 * The label of each target the viewer may see, or nothing: a tag on a case the viewer can read, any
 * 自治体 (public knowledge), a 募集 of the viewer's organisation or shared to the commons. A target
 * the viewer may not see is answered exactly as a missing one.
 */
const LABELS = `
  select 'TAG' as target_type, t.id as target_id, t.name as label from tags t
   where t.id = any(string_to_array(?, ',')::uuid[]) and exists (select 1 from case_tags ct join cases c on c.id = ct.case_id where ct.tag_id = t.id and ${VIEWER_READS_CASE_SQL})
  union all
  select 'ORGANISATION', o.id, o.name from organisations o where o.id = any(string_to_array(?, ',')::uuid[])
  union all
  select 'SOLICITATION', s.id, s.title from solicitations s where s.id = any(string_to_array(?, ',')::uuid[]) and (s.scope = 'COMMONS' or s.organisation_id = ?)`;

/** Follow and unfollow (issue 16 item 7); the notices themselves are follow-notifier.ts's. */
export class FollowService {
  constructor(private readonly em: EntityManager) {}

  async follow(viewerOrNull: Viewer | null, raw: unknown): Promise<FollowRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = followSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { targetType, targetId } = parsed.data;
    const label = (await this.labels(viewer, [{ targetType, targetId }])).get(`${targetType}:${targetId}`);
    if (label === undefined) throw notFound(TARGET_NAMES[targetType]);
    await this.em.transactional(async (tx) => {
      const inserted = await tx.execute<{ id: string }[]>(
        `insert into follows (id, organisation_id, user_id, target_type, target_id, created_at)
         values (gen_random_uuid(), ?, ?, ?, ?, now()) on conflict (user_id, target_type, target_id) do nothing returning id`,
        [viewer.organisationId, viewer.userId, targetType, targetId],
      );
      if (inserted.length) {
        recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action: "follow.add", subjectType: "Follow", subjectId: inserted[0]!.id, after: { targetType, targetId } });
      }
    });
    const row = await this.em.findOneOrFail(Follow, { user: viewer.userId, targetType, targetId });
    return { id: row.id, targetType, targetId, label, createdAt: row.createdAt };
  }

  async unfollow(viewerOrNull: Viewer | null, raw: unknown): Promise<boolean> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = followSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { targetType, targetId } = parsed.data;
    return this.em.transactional(async (tx) => {
      const gone = await tx.execute<{ id: string }[]>("delete from follows where user_id = ? and target_type = ? and target_id = ? returning id", [viewer.userId, targetType, targetId]);
      if (gone.length) {
        recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action: "follow.remove", subjectType: "Follow", subjectId: gone[0]!.id, before: { targetType, targetId } });
      }
      return gone.length > 0;
    });
  }

  /** What the viewer follows, newest first (at most 200). */
  async mine(viewerOrNull: Viewer | null): Promise<FollowRecord[]> {
    const viewer = requireViewer(viewerOrNull);
    const rows = await this.em.find(Follow, { user: viewer.userId }, { orderBy: { createdAt: "desc", id: "asc" }, limit: 200 });
    const labels = await this.labels(viewer, rows);
    return rows.map((f) => ({ id: f.id, targetType: f.targetType, targetId: f.targetId, label: labels.get(`${f.targetType}:${f.targetId}`) ?? "", createdAt: f.createdAt }));
  }

  /** Every organisation of the installation, by prefecture and kana (the account page's 自治体 picker). */
  async organisations(viewerOrNull: Viewer | null): Promise<{ id: string; name: string; prefecture: string }[]> {
    requireViewer(viewerOrNull);
    return this.em.execute<{ id: string; name: string; prefecture: string }[]>("select id, name, prefecture from organisations order by prefecture, kana, id limit 2000");
  }

  /** Whether the viewer follows one target (the 募集 page's button). */
  async follows(viewer: Viewer | null, targetType: FollowTarget, targetId: string): Promise<boolean> {
    if (!viewer) return false;
    return (await this.em.count(Follow, { user: viewer.userId, targetType, targetId })) > 0;
  }

  private async labels(viewer: Viewer, targets: { targetType: FollowTarget; targetId: string }[]): Promise<Map<string, string>> {
    const of = (type: FollowTarget) => targets.filter((t) => t.targetType === type).map((t) => t.targetId);
    if (!targets.length) return new Map();
    const rows = await this.em.execute<{ target_type: string; target_id: string; label: string }[]>(LABELS, [
      of("TAG").join(","),
      viewer.organisationId,
      of("ORGANISATION").join(","),
      of("SOLICITATION").join(","),
      viewer.organisationId,
    ]);
    return new Map(rows.map((r) => [`${r.target_type}:${r.target_id}`, r.label]));
  }
}
