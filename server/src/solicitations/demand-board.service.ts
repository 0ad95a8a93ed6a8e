import type { EntityManager } from "@mikro-orm/postgresql";
import { COMMONS_DEMAND_MIN_ORGANISATIONS, DEMAND_WINDOW_DAYS, demandKeyOf } from "@kb/shared";
import { VIEWER_READS_CASE_SQL } from "../follows/index.js";
import { forbidden, isCurator, requireViewer, type Viewer } from "../kernel/index.js";
import { ANONYMOUS_SEARCHES } from "../search-stats/index.js";
import { solicitationPolicy } from "./solicitation.policy.js";
import type { SolicitationService } from "./solicitation.service.js";

export interface DemandSearch {
  /** What staff typed (the variant typed most), within the viewer's own organisation. */
  query: string;
  /** The grouping key (demandKeyOf): what a 募集 made from it remembers. */
  key: string;
  zeroResults: number;
  lastSearchedAt: Date;
  solicitationId: string | null;
}

export interface DemandQuestion {
  caseId: string;
  caseTitle: string;
  unanswered: number;
  oldestAskedAt: Date;
}

export interface CommonsDemand {
  /** The normalised words (demandKeyOf), never one organisation's own spelling. */
  query: string;
  organisations: number;
  zeroResults: number;
  solicitationId: string | null;
}

export interface DemandBoard {
  searches: DemandSearch[];
  unansweredQuestions: DemandQuestion[];
  commons: CommonsDemand[];
}

/** Rows read at most (per part): the board is a summary, not an export. */
const ROW_LIMIT = 20_000;
const SHOWN = 50;

/**
 * The demand board (issue 16 item 6): what staff searched for and found nothing, and questions left
 * unanswered, over the last DEMAND_WINDOW_DAYS days.
 * - The viewer's organisation (its secretariat): its own searches, grouped by demandKeyOf (全角/半角,
 *   case, punctuation, word order), and its staff's questions that no one answered, by case.
 * - The commons (every secretariat and the 広域事務局): counts only — how many organisations searched
 *   for the same words and found nothing, and how often — and only words at least
 *   COMMONS_DEMAND_MIN_ORGANISATIONS organisations searched for; the words shown are the normalised key.
 */
export class DemandBoardService {
  constructor(
    private readonly em: EntityManager,
    private readonly solicitations: SolicitationService,
  ) {}

  async board(viewerOrNull: Viewer | null): Promise<DemandBoard> {
    const viewer = requireViewer(viewerOrNull);
    if (!solicitationPolicy.canSeeDemand(viewer)) throw forbidden("募集の掲示板を見られるのは事務局と広域事務局です。");
    const since = new Date(Date.now() - DEMAND_WINDOW_DAYS * 24 * 60 * 60_000);
    const open = await this.solicitations.openByDemandKey(viewer);
    const own = isCurator(viewer);
    const [mine, questions, commons] = await Promise.all([
      own
        ? this.em.execute<{ query: string; zero: string; last: Date | string }[]>(
            `select query, sum(zero_results) as zero, max(last_searched_at) as last from search_query_stats
              where organisation_id = ? and day >= ?::date and zero_results > 0 group by query limit ${ROW_LIMIT}`,
            [viewer.organisationId, since.toISOString().slice(0, 10)],
          )
        : [],
      own
        ? this.em.execute<{ case_id: string; title: string; n: string; oldest: Date | string }[]>(
            `select c.id as case_id, c.title, count(*) as n, min(q.created_at) as oldest
               from questions q join cases c on c.id = q.case_id
              where q.department_id in (select id from departments where organisation_id = ?)
                and not exists (select 1 from answers a where a.question_id = q.id)
                and q.created_at >= ? and ${VIEWER_READS_CASE_SQL}
              group by c.id, c.title order by count(*) desc, min(q.created_at) limit ${SHOWN}`,
            [viewer.organisationId, since, viewer.organisationId],
          )
        : [],
      this.em.execute<{ query: string; organisation_id: string; zero: string }[]>(
        `select query, organisation_id, sum(zero_results) as zero from search_query_stats
          where day >= ?::date and zero_results > 0 and organisation_id <> ? group by query, organisation_id limit ${ROW_LIMIT}`,
        [since.toISOString().slice(0, 10), ANONYMOUS_SEARCHES],
      ),
    ]);

    const searches = new Map<string, DemandSearch & { best: number }>();
    for (const r of mine) {
      const key = demandKeyOf(r.query);
      if (!key) continue;
      const zero = Number(r.zero);
      const last = r.last instanceof Date ? r.last : new Date(r.last);
      const d = searches.get(key);
      if (!d) {
        searches.set(key, { query: r.query, key, zeroResults: zero, lastSearchedAt: last, solicitationId: open.get(key) ?? null, best: zero });
        continue;
      }
      d.zeroResults += zero;
      if (last > d.lastSearchedAt) d.lastSearchedAt = last;
      if (zero > d.best) Object.assign(d, { query: r.query, best: zero });
    }

    const across = new Map<string, { organisations: Set<string>; zeroResults: number }>();
    for (const r of commons) {
      const key = demandKeyOf(r.query);
      if (!key) continue;
      const d = across.get(key) ?? { organisations: new Set<string>(), zeroResults: 0 };
      d.organisations.add(r.organisation_id);
      d.zeroResults += Number(r.zero);
      across.set(key, d);
    }

    return {
      searches: [...searches.values()]
        .sort((a, b) => b.zeroResults - a.zeroResults || b.lastSearchedAt.getTime() - a.lastSearchedAt.getTime())
        .slice(0, SHOWN)
        .map(({ best: _best, ...d }) => d),
      unansweredQuestions: questions.map((q) => ({ caseId: q.case_id, caseTitle: q.title, unanswered: Number(q.n), oldestAskedAt: q.oldest instanceof Date ? q.oldest : new Date(q.oldest) })),
      commons: [...across.entries()]
        .filter(([, d]) => d.organisations.size >= COMMONS_DEMAND_MIN_ORGANISATIONS)
        .map(([key, d]) => ({ query: key, organisations: d.organisations.size, zeroResults: d.zeroResults, solicitationId: open.get(key) ?? null }))
        .sort((a, b) => b.organisations - a.organisations || b.zeroResults - a.zeroResults)
        .slice(0, SHOWN),
    };
  }
}
