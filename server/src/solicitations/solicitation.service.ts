import type { EntityManager } from "@mikro-orm/postgresql";
import DataLoader from "dataloader";
import { demandKeyOf, isUuid, solicitationAnswerSchema, solicitationSchema, type SolicitationScope } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { Case } from "../cases/index.js";
import { Department } from "../departments/index.js";
import { canReadCase, notifySolicitationAnswered, VIEWER_READS_CASE_SQL } from "../follows/index.js";
import { badInputFromZod, forbidden, notFound, requireViewer, type Viewer } from "../kernel/index.js";
import { Organisation } from "../organisations/index.js";
import { User } from "../users/index.js";
import { Solicitation, SolicitationAnswer } from "./solicitation.entity.js";
import { solicitationErrors } from "./solicitation.errors.js";
import { solicitationPolicy, todayInJapan, type SolicitationFacts } from "./solicitation.policy.js";

export interface SolicitationRecord extends SolicitationFacts {
  id: string;
  organisationName: string;
  title: string;
  description: string;
  demandKey: string | null;
  createdAt: Date;
  /** Answers whose case the viewer can read. */
  answerCount: number;
  viewerFollows: boolean;
}

export interface SolicitationAnswerRecord {
  id: string;
  solicitationId: string;
  caseId: string;
  caseTitle: string;
  organisationName: string;
  departmentName: string | null;
  comment: string;
  createdAt: Date;
}

export interface CandidateRecord {
  caseId: string;
  title: string;
  organisationName: string;
}

interface Row {
  id: string;
  organisation_id: string;
  organisation_name: string;
  scope: SolicitationScope;
  by_hub: boolean;
  title: string;
  description: string;
  deadline: string;
  demand_key: string | null;
  created_at: Date | string;
  closed_at: Date | string | null;
  answer_count: string | number;
  viewer_follows: boolean;
}

const date = (v: Date | string) => (v instanceof Date ? v : new Date(v));

/** Parameters: viewer's organisation (answer count), viewer's user id (follows). Then the WHERE's. */
const SELECT = `
  select s.id, s.organisation_id, o.name as organisation_name, s.scope, s.by_hub, s.title, s.description,
         to_char(s.deadline, 'YYYY-MM-DD') as deadline, s.demand_key, s.created_at, s.closed_at,
         (select count(*) from solicitation_answers a join cases c on c.id = a.case_id
           where a.solicitation_id = s.id and ${VIEWER_READS_CASE_SQL}) as answer_count,
         exists (select 1 from follows f where f.user_id = ? and f.target_type = 'SOLICITATION' and f.target_id = s.id) as viewer_follows
    from solicitations s join organisations o on o.id = s.organisation_id`;
/** Parameter: the viewer's organisation. */
const VISIBLE = `(s.scope = 'COMMONS' or s.organisation_id = ?)`;

function toRecord(r: Row): SolicitationRecord {
  return {
    id: r.id,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    scope: r.scope,
    byHub: r.by_hub,
    title: r.title,
    description: r.description,
    deadline: r.deadline,
    demandKey: r.demand_key,
    createdAt: date(r.created_at),
    closedAt: r.closed_at == null ? null : date(r.closed_at),
    answerCount: Number(r.answer_count),
    viewerFollows: r.viewer_follows,
  };
}

/**
 * 募集 (issue 16 item 6): calling, listing, closing and answering. Who may do what is
 * solicitation.policy's; who may read which case is follows/case-readers'. Every write: shared zod
 * validation, authorisation, one transaction with its audit row and its notices.
 */
export class SolicitationService {
  constructor(private readonly em: EntityManager) {}

  async create(viewerOrNull: Viewer | null, raw: unknown): Promise<SolicitationRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = solicitationSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    if (!solicitationPolicy.canCreate(viewer, input.scope)) throw forbidden("募集を出せるのは事務局と広域事務局です。");
    if (input.deadline < todayInJapan()) throw solicitationErrors.pastDeadline();
    const byHub = input.scope === "COMMONS" && viewer.installationRole === "HUB_SECRETARIAT";
    const id = await this.em.transactional(async (tx) => {
      const s = tx.create(Solicitation, {
        organisation: tx.getReference(Organisation, viewer.organisationId),
        scope: input.scope,
        byHub,
        title: input.title,
        description: input.description,
        deadline: input.deadline,
        demandKey: input.demandQuery ? demandKeyOf(input.demandQuery) || null : null,
        createdBy: tx.getReference(User, viewer.userId),
      });
      tx.persist(s);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "solicitation.create",
        subjectType: "Solicitation",
        subjectId: s.id,
        after: { title: s.title, scope: s.scope, byHub, deadline: s.deadline, demandKey: s.demandKey },
      });
      await tx.flush();
      return s.id;
    });
    return (await this.get(viewer, id))!;
  }

  async close(viewerOrNull: Viewer | null, id: string): Promise<SolicitationRecord> {
    const viewer = requireViewer(viewerOrNull);
    const s = await this.get(viewer, id);
    if (!s) throw notFound("募集");
    if (!solicitationPolicy.canClose(viewer, s)) throw forbidden("募集を締め切れるのは、募集を出した事務局です。");
    await this.em.transactional(async (tx) => {
      await tx.execute("update solicitations set closed_at = now() where id = ? and closed_at is null", [id]);
      recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action: "solicitation.close", subjectType: "Solicitation", subjectId: id, before: { closedAt: null } });
    });
    return (await this.get(viewer, id))!;
  }

  /** One 募集, or null when it does not exist or the viewer may not see it (the same answer). */
  async get(viewer: Viewer | null, id: string): Promise<SolicitationRecord | null> {
    if (!viewer || !isUuid(id)) return null;
    const [row] = await this.em.execute<Row[]>(`${SELECT} where s.id = ? and ${VISIBLE}`, [viewer.organisationId, viewer.userId, id, viewer.organisationId]);
    return row ? toRecord(row) : null;
  }

  /** The 募集 the viewer sees: open ones first (nearest 期限 first), then closed ones, newest first. */
  async list(viewerOrNull: Viewer | null, first: number, offset: number, openOnly: boolean): Promise<{ total: number; items: SolicitationRecord[] }> {
    const viewer = requireViewer(viewerOrNull);
    const today = todayInJapan();
    const open = openOnly ? "and s.closed_at is null and s.deadline >= ?::date" : "";
    const params = openOnly ? [viewer.organisationId, today] : [viewer.organisationId];
    const [rows, count] = await Promise.all([
      this.em.execute<Row[]>(
        `${SELECT} where ${VISIBLE} ${open}
          order by (s.closed_at is null and s.deadline >= ?::date) desc, case when s.closed_at is null and s.deadline >= ?::date then s.deadline end asc, s.created_at desc, s.id
          limit ? offset ?`,
        [viewer.organisationId, viewer.userId, ...params, today, today, Math.min(Math.max(first, 1), 100), Math.max(offset, 0)],
      ),
      this.em.execute<{ n: string }[]>(`select count(*) as n from solicitations s where ${VISIBLE} ${open}`, params),
    ]);
    return { total: Number(count[0]?.n ?? 0), items: rows.map(toRecord) };
  }

  /** Open 募集 the viewer sees that came from these demands (the board's 募集中 marks). */
  async openByDemandKey(viewer: Viewer): Promise<Map<string, string>> {
    const rows = await this.em.execute<{ id: string; demand_key: string }[]>(
      `select s.id, s.demand_key from solicitations s where ${VISIBLE} and s.demand_key is not null and s.closed_at is null and s.deadline >= ?::date order by s.created_at`,
      [viewer.organisationId, todayInJapan()],
    );
    return new Map(rows.map((r) => [r.demand_key, r.id]));
  }

  private answerLoader: DataLoader<string, SolicitationAnswerRecord[]> | undefined;

  /** The answers of a 募集 whose case the viewer can read, oldest first (batched per request). */
  answers(viewer: Viewer | null, solicitationId: string): Promise<SolicitationAnswerRecord[]> {
    if (!viewer) return Promise.resolve([]);
    this.answerLoader ??= new DataLoader(async (ids: readonly string[]) => {
      const rows = await this.em.execute<{ id: string; solicitation_id: string; case_id: string; case_title: string; organisation_name: string; department_name: string | null; comment: string; created_at: Date | string }[]>(
        `select a.id, a.solicitation_id, a.case_id, c.title as case_title, o.name as organisation_name, d.name as department_name, a.comment, a.created_at
           from solicitation_answers a
           join cases c on c.id = a.case_id
           join organisations o on o.id = a.organisation_id
           left join departments d on d.id = a.department_id
          where a.solicitation_id in (?) and ${VIEWER_READS_CASE_SQL}
          order by a.created_at, a.id`,
        [ids as string[], viewer.organisationId],
      );
      const by = new Map<string, SolicitationAnswerRecord[]>();
      for (const r of rows) {
        const list = by.get(r.solicitation_id) ?? [];
        list.push({ id: r.id, solicitationId: r.solicitation_id, caseId: r.case_id, caseTitle: r.case_title, organisationName: r.organisation_name, departmentName: r.department_name, comment: r.comment, createdAt: date(r.created_at) });
        by.set(r.solicitation_id, list);
      }
      return ids.map((id) => by.get(id) ?? []);
    });
    return this.answerLoader.load(solicitationId);
  }

  /**
   * Cases the viewer may offer: published, readable by the viewer, and readable by everyone who sees
   * the 募集 (for one across the commons: shared to the commons), not offered yet; by title.
   */
  async candidates(viewerOrNull: Viewer | null, solicitationId: string, search: string): Promise<CandidateRecord[]> {
    const viewer = requireViewer(viewerOrNull);
    const s = await this.get(viewer, solicitationId);
    if (!s) throw notFound("募集");
    const words = search.normalize("NFKC").trim();
    const rows = await this.em.execute<{ id: string; title: string; organisation_name: string }[]>(
      `select c.id, c.title, o.name as organisation_name
         from cases c join organisations o on o.id = c.organisation_id
        where ${VIEWER_READS_CASE_SQL} and (? or c.sharing = 'COMMONS')
          and c.id not in (select case_id from solicitation_answers where solicitation_id = ?)
          and (? = '' or c.title ilike '%' || ? || '%')
        order by (c.organisation_id = ?) desc, c.published_at desc nulls last, c.id
        limit 20`,
      [viewer.organisationId, s.scope === "ORGANISATION", s.id, words, words.replace(/[\\%_]/g, (m) => `\\${m}`), viewer.organisationId],
    );
    return rows.map((r) => ({ caseId: r.id, title: r.title, organisationName: r.organisation_name }));
  }

  async answer(viewerOrNull: Viewer | null, raw: unknown): Promise<SolicitationAnswerRecord> {
    const viewer = requireViewer(viewerOrNull);
    const parsed = solicitationAnswerSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const input = parsed.data;
    const id = await this.em.transactional(async (tx) => {
      await tx.execute("select id from solicitations where id = ? for update", [input.solicitationId]);
      const s = await new SolicitationService(tx).get(viewer, input.solicitationId);
      if (!s) throw notFound("募集");
      if (!solicitationPolicy.isOpen(s)) throw solicitationErrors.closed();
      const [c] = await tx.execute<{ id: string; title: string; organisation_id: string; status: string; sharing: string }[]>(
        "select id, title, organisation_id, status, sharing from cases where id = ?",
        [input.caseId],
      );
      const facts = c && { organisationId: c.organisation_id, status: c.status, sharing: c.sharing };
      if (!c || !facts || !canReadCase(viewer, facts)) throw notFound("好事例");
      if (s.scope === "COMMONS" && facts.sharing !== "COMMONS") throw solicitationErrors.caseNotShared();
      const [dup] = await tx.execute<{ id: string }[]>("select id from solicitation_answers where solicitation_id = ? and case_id = ?", [s.id, c.id]);
      if (dup) throw solicitationErrors.alreadyAnswered();
      const answer = tx.create(SolicitationAnswer, {
        solicitation: tx.getReference(Solicitation, s.id),
        case: tx.getReference(Case, c.id),
        organisation: tx.getReference(Organisation, viewer.organisationId),
        department: tx.getReference(Department, viewer.departmentId),
        author: tx.getReference(User, viewer.userId),
        comment: input.comment,
      });
      tx.persist(answer);
      recordAudit(tx, {
        organisationId: viewer.organisationId,
        actorId: viewer.userId,
        action: "solicitation.answer",
        subjectType: "Solicitation",
        subjectId: s.id,
        after: { answerId: answer.id, caseId: c.id, comment: input.comment },
      });
      const [org] = await tx.execute<{ name: string }[]>("select name from organisations where id = ?", [viewer.organisationId]);
      await notifySolicitationAnswered(tx, {
        solicitationId: s.id,
        solicitationTitle: s.title,
        caseId: c.id,
        caseTitle: c.title,
        answererId: viewer.userId,
        answeringOrganisation: org?.name ?? "",
      });
      await tx.flush();
      return answer.id;
    });
    const all = await this.answers(viewer, input.solicitationId);
    return all.find((a) => a.id === id)!;
  }
}
