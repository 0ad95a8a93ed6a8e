import type { EntityManager } from "@mikro-orm/postgresql";
import { DEFAULT_TAG_CATEGORY, nameKey, tagProposalDecisionSchema, tagProposalSchema, type CaseSharing, type CaseStatus, type TagCategory, type TagProposalStatus, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { casePolicy, type CaseFacts, Case, lockCase } from "../cases/index.js";
import { badInput, badInputFromZod, forbidden, notFound, requireViewer, type Viewer } from "../kernel/index.js";
import { tagProposalErrors } from "./tag-proposal.errors.js";
import { notify, notifyCaseOwners } from "../notifications/index.js";
import { addTagToCases, recordCaseTagChanges, TagNameLookup, Tag } from "../tags/index.js";
import { User } from "../users/index.js";
import { TagProposal } from "./tag-proposal.entity.js";
import { tagProposalPolicy } from "./tag-proposal.policy.js";

/**
 * Tag proposals on published cases ("suggest tags on any published case"). Who may do
 * what is tag-proposal.policy's. Every write: shared zod validation,
 * authorisation, one transaction with its audit row, notifications and — when a tag goes on the
 * case — the case's new version, revision and search outbox row.
 */
export interface TagProposalRecord {
  id: string;
  tagName: string;
  category: TagCategory;
  comment: string;
  status: TagProposalStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decisionComment: string;
  proposerId: string | null;
  decidedById: string | null;
  caseId: string;
  caseTitle: string;
  caseFacts: CaseFacts;
  /** The live tag the name means today, or null when accepting it would create a new tag. */
  existingTag: { id: string; name: string; category: TagCategory } | null;
}

interface Row {
  id: string;
  organisation_id: string;
  tag_name: string;
  category: TagCategory;
  comment: string;
  status: TagProposalStatus;
  created_at: Date | string;
  decided_at: Date | string | null;
  decision_comment: string;
  proposer_id: string | null;
  decided_by_id: string | null;
  case_id: string;
  case_title: string;
  case_status: CaseStatus;
  case_sharing: CaseSharing;
  department_id: string;
  author_id: string | null;
  tag_id: string | null;
  live_name: string | null;
  live_category: TagCategory | null;
}

const SELECT = `
  select p.id, p.tag_name, p.category, p.comment, p.status, p.created_at, p.decided_at, p.decision_comment,
         p.proposer_id, p.decided_by_id, p.case_id, c.title as case_title, c.status as case_status, c.sharing as case_sharing,
         c.organisation_id, c.department_id, c.author_id, t.id as tag_id, t.name as live_name, t.category as live_category
    from tag_proposals p
    join cases c on c.id = p.case_id
    left join tags x on x.name_key = p.tag_name_key
    left join tags t on t.id = coalesce(x.merged_into_id, x.id)`;

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function toRecord(r: Row): TagProposalRecord {
  return {
    id: r.id,
    tagName: r.status === "PENDING" && r.live_name ? r.live_name : r.tag_name,
    category: r.live_category ?? r.category,
    comment: r.comment,
    status: r.status,
    createdAt: date(r.created_at),
    decidedAt: r.decided_at == null ? null : date(r.decided_at),
    decisionComment: r.decision_comment,
    proposerId: r.proposer_id,
    decidedById: r.decided_by_id,
    caseId: r.case_id,
    caseTitle: r.case_title,
    caseFacts: { organisationId: r.organisation_id, status: r.case_status, sharing: r.case_sharing, departmentId: r.department_id, authorId: r.author_id },
    existingTag: r.tag_id && r.live_name && r.live_category ? { id: r.tag_id, name: r.live_name, category: r.live_category } : null,
  };
}


export class TagProposalService {
  constructor(private readonly em: EntityManager) {}

  async propose(viewerOrNull: Viewer | null, raw: unknown): Promise<TagProposalRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = tagProposalSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    const id = await this.em.transactional(async (tx) => {
      // The case row lock serialises proposals for one case (no duplicate pending proposals).
      const facts = await lockCase(tx, input.caseId);
      if (!casePolicy.canTakePart(viewer, facts)) throw notFound("好事例");
      // A commons case of another organisation: adoption and questions only (issue 16).
      if (viewer.organisationId !== facts.organisationId) throw forbidden("タグの提案は、この好事例の自治体の職員ができます。");
      if (!tagProposalPolicy.canPropose(viewer, facts)) throw tagProposalErrors.caseNotPublished();

      const known = await tx.findOne(Tag, { nameKey: nameKey(input.tag) }, { populate: ["mergedInto"] });
      const live = known ? (known.mergedInto?.getEntity() ?? known) : null;
      if (live?.retiredAt) throw badInput([{ path: "tag", message: `「${live.name}」は廃止されたタグです。別のタグを提案してください` }]);
      const name = live?.name ?? input.tag;
      const key = nameKey(name);
      if (live) {
        const [has] = await tx.execute<{ n: string }[]>("select count(*) as n from case_tags where case_id = ? and tag_id = ?", [input.caseId, live.id]);
        if (Number(has?.n ?? 0) > 0) throw badInput([{ path: "tag", message: `「${name}」はこの好事例にすでに付いています` }]);
      }
      const [pending] = await tx.execute<{ tag_name: string }[]>(
        "select tag_name from tag_proposals where case_id = ? and tag_name_key = ? and status = 'PENDING' limit 1",
        [input.caseId, key],
      );
      if (pending) throw badInput([{ path: "tag", message: `「${pending.tag_name}」はすでに提案されていて、判断を待っています` }]);

      const proposal = tx.create(TagProposal, {
        case: tx.getReference(Case, input.caseId),
        tagName: name,
        tagNameKey: key,
        category: live?.category ?? input.category ?? DEFAULT_TAG_CATEGORY,
        comment: input.comment,
        proposer: tx.getReference(User, viewer.userId),
      });
      tx.persist(proposal);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "tag.propose",
        subjectType: "Case",
        subjectId: input.caseId,
        after: { proposalId: proposal.id, tag: name, newTag: !live, category: proposal.category, comment: input.comment },
      });
      await notifyCaseOwners(
        tx,
        facts,
        viewer.userId,
        "TAG_PROPOSED",
        input.caseId,
        `${viewer.displayName}さんが「${facts.title}」にタグ「${name}」を提案しました。採用するか判断してください。`,
      );
      await tx.flush();
      return proposal.id;
    });
    return (await this.byIds([id]))[0]!;
  }

  async decide(viewerOrNull: Viewer | null, id: string, raw: unknown): Promise<TagProposalRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = tagProposalDecisionSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { decision, comment } = parsed.data;
    if (!isUuid(id)) throw notFound("タグの提案");
    await this.em.transactional(async (tx) => {
      const [ref] = await tx.execute<{ case_id: string }[]>("select case_id from tag_proposals where id = ?", [id]);
      if (!ref) throw notFound("タグの提案");
      const facts = await lockCase(tx, ref.case_id);
      if (!casePolicy.canTakePart(viewer, facts)) throw notFound("タグの提案");
      if (!tagProposalPolicy.canDecide(viewer, facts)) throw forbidden("タグの提案を判断できるのは、この好事例の所属課と事務局です。");
      await tx.execute("select id from tag_proposals where id = ? for update", [id]);
      const proposal = await tx.findOneOrFail(TagProposal, id, { refresh: true });
      if (proposal.status !== "PENDING") throw tagProposalErrors.alreadyDecided();

      let changed: string[] = [];
      if (decision === "ACCEPT") {
        if (facts.status !== "PUBLISHED") throw tagProposalErrors.acceptOnUnpublished();
        const tags = new TagNameLookup(tx, { refuseRetiredExcept: [], newCategory: proposal.category });
        await tags.preload([proposal.tagName]);
        const tagId = tags.resolve(proposal.tagName);
        await tx.flush();
        changed = await addTagToCases(tx, tagId, [facts.id]);
        await recordCaseTagChanges(tx, changed, viewer.userId);
        proposal.tag = tx.getReference(Tag, tagId, { wrapped: true });
      }
      proposal.status = decision === "ACCEPT" ? "ACCEPTED" : "DECLINED";
      proposal.decidedBy = tx.getReference(User, viewer.userId, { wrapped: true });
      proposal.decidedAt = new Date();
      proposal.decisionComment = comment;
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: decision === "ACCEPT" ? "tag.proposal.accept" : "tag.proposal.decline",
        subjectType: "Case",
        subjectId: facts.id,
        before: { proposalId: id, status: "PENDING" },
        after: { status: proposal.status, tag: proposal.tagName, comment, caseChanged: changed.length > 0 },
      });
      const proposer = proposal.proposer?.id;
      if (proposer && proposer !== viewer.userId) {
        const message =
          decision === "ACCEPT"
            ? `提案したタグ「${proposal.tagName}」が「${facts.title}」に採用されました。`
            : `提案したタグ「${proposal.tagName}」は「${facts.title}」では見送られました。${comment ? `コメント：${comment}` : ""}`;
        notify(tx, facts.organisationId, [proposer], decision === "ACCEPT" ? "TAG_PROPOSAL_ACCEPTED" : "TAG_PROPOSAL_DECLINED", facts.id, message);
      }
      await tx.flush();
    });
    return (await this.byIds([id]))[0]!;
  }

  /**
   * The proposals shown on a case page: pending ones to every logged-in reader (so nobody proposes
   * twice), decided ones to the case's owners, the secretariat and the proposer.
   */
  async forCase(viewer: Viewer | null, caseId: string, facts: CaseFacts): Promise<TagProposalRecord[]> {
    if (!viewer || !casePolicy.canTakePart(viewer, facts) || viewer.organisationId !== facts.organisationId) return [];
    const rows = await this.em.execute<Row[]>(`${SELECT} where p.case_id = ? order by p.created_at desc, p.id limit 50`, [caseId]);
    const decider = tagProposalPolicy.canDecide(viewer, facts);
    return rows.map(toRecord).filter((p) => p.status === "PENDING" || decider || p.proposerId === viewer.userId);
  }

  /** 判断待ちの提案: every pending one for the secretariat; for others, those on cases they own. */
  async pending(viewerOrNull: Viewer | null, first: number, offset: number): Promise<{ total: number; items: TagProposalRecord[] }> {
    const viewer = requireViewer(viewerOrNull);
    const curator = viewer.role === "SECRETARIAT" || viewer.role === "ADMIN";
    // Only the viewer's organisation's cases, whoever asks.
    const scope = curator ? "and c.organisation_id = ?" : "and c.organisation_id = ? and (c.department_id = ? or c.author_id = ?)";
    const params = curator ? [viewer.organisationId] : [viewer.organisationId, viewer.departmentId, viewer.userId];
    const [rows, count] = await Promise.all([
      this.em.execute<Row[]>(`${SELECT} where p.status = 'PENDING' ${scope} order by p.created_at, p.id limit ? offset ?`, [
        ...params,
        Math.min(Math.max(first, 1), 100),
        Math.max(offset, 0),
      ]),
      this.em.execute<{ n: string }[]>(`select count(*) as n from tag_proposals p join cases c on c.id = p.case_id where p.status = 'PENDING' ${scope}`, params),
    ]);
    return { total: Number(count[0]?.n ?? 0), items: rows.map(toRecord) };
  }

  private async byIds(ids: string[]): Promise<TagProposalRecord[]> {
    const rows = await this.em.execute<Row[]>(`${SELECT} where p.id in (?)`, [ids]);
    return rows.map(toRecord);
  }
}
