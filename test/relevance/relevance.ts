import { generatedCaseFacts, generatedCaseIndex } from "../support/case-generator.js";
import { generatedTopics, matchesGenerated, type GeneratedTopics, type RelevanceQuery } from "./queries.js";

/**
 * recall@5: the relevant cases found in the first 5 results, over min(5, the relevant cases in the
 * index) — a query with more than 5 relevant cases scores 1 when its first 5 are all relevant;
 * MRR@10: 1 / rank of the first relevant case within the first 10 (0 when none). Both averaged
 * over the queries. The same definitions over the seeds alone and with distractors: only the index
 * (and so what is relevant in it) differs.
 */
export interface QueryOutcome {
  query: string;
  kind: RelevanceQuery["kind"];
  recallAt5: number;
  reciprocalRankAt10: number;
  top: string[];
  /** Relevant cases in the index (the seeds judged, and the generated cases judged by their topics). */
  relevantInIndex: number;
}

export interface RelevanceReport {
  recallAt5: number;
  mrrAt10: number;
  queries: number;
  outcomes: QueryOutcome[];
}

export type SearchTopIds = (query: string) => Promise<string[]>;

/** Which cases in the index are relevant to a query. */
export interface Judge {
  isRelevant(query: RelevanceQuery, id: string): boolean;
  relevantInIndex(query: RelevanceQuery): number;
}

/** The seeds' judgements: for an index holding the seeds (and cases no query names). */
export const SEEDS_JUDGE: Judge = {
  isRelevant: (query, id) => query.relevant.includes(id),
  relevantInIndex: (query) => query.relevant.length,
};

/**
 * The seeds' judgements and, for the generated cases 0..count-1 of `seed` in the index, each query's
 * `generated` judgement over the topics the generator drew for the case.
 */
export function judgeWithGenerated(seed: number, count: number): Judge {
  const topics: GeneratedTopics[] = [];
  for (let i = 0; i < count; i++) topics.push(generatedTopics(generatedCaseFacts(i, seed)));
  const counts = new Map<RelevanceQuery, number>();
  const generatedTopicsOf = (id: string) => {
    const at = generatedCaseIndex(id);
    return at && at.seed === seed && at.index < count ? topics[at.index]! : null;
  };
  return {
    isRelevant(query, id) {
      if (query.relevant.includes(id)) return true;
      const t = generatedTopicsOf(id);
      return t !== null && matchesGenerated(query, t);
    },
    relevantInIndex(query) {
      let n = counts.get(query);
      if (n === undefined) counts.set(query, (n = query.relevant.length + topics.filter((t) => matchesGenerated(query, t)).length));
      return n;
    },
  };
}

export async function evaluateRelevance(queries: readonly RelevanceQuery[], search: SearchTopIds, judge: Judge = SEEDS_JUDGE): Promise<RelevanceReport> {
  const tops: string[][] = [];
  for (const q of queries) tops.push((await search(q.query)).slice(0, 10));
  return scoreRelevance(queries, tops, judge);
}

/** The figures of the same results (`tops[i]` answers `queries[i]`) under a judge. */
export function scoreRelevance(queries: readonly RelevanceQuery[], tops: readonly string[][], judge: Judge): RelevanceReport {
  const outcomes = queries.map((q, i): QueryOutcome => {
    const top = tops[i]!;
    const relevantInIndex = judge.relevantInIndex(q);
    const found = top.slice(0, 5).filter((id) => judge.isRelevant(q, id)).length;
    const rank = top.findIndex((id) => judge.isRelevant(q, id));
    return {
      query: q.query,
      kind: q.kind,
      recallAt5: found / Math.min(relevantInIndex, 5),
      reciprocalRankAt10: rank < 0 ? 0 : 1 / (rank + 1),
      top,
      relevantInIndex,
    };
  });
  const mean = (pick: (o: QueryOutcome) => number) => outcomes.reduce((sum, o) => sum + pick(o), 0) / outcomes.length;
  return { recallAt5: mean((o) => o.recallAt5), mrrAt10: mean((o) => o.reciprocalRankAt10), queries: outcomes.length, outcomes };
}

export function metricLines(report: RelevanceReport): string[] {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return [
    JSON.stringify({ metric: "relevance.recall@5", value: round(report.recallAt5), unit: "ratio", queries: report.queries }),
    JSON.stringify({ metric: "relevance.mrr@10", value: round(report.mrrAt10), unit: "ratio", queries: report.queries }),
  ];
}

/** What the issue allows recall@5 and MRR@10 to lose when distractors join the index (issue 17 item 6). */
export const MAX_DROP_AT_SCALE = 0.03;

/**
 * The same queries over the seeds alone (`small`) and with `distractors` generated cases beside
 * them (`large`, judged with the generated cases' topics): the large index's figures, and the drop
 * from small to large with its target. `largeSeedsJudgedOnly`: the same large results judged by the
 * seeds' judgements alone (every distractor irrelevant, the measure before the generated cases were
 * judged), printed beside for comparison, without a target.
 */
export function scaleLines(small: RelevanceReport, large: RelevanceReport, distractors: number, largeSeedsJudgedOnly?: RelevanceReport): string[] {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const lines: string[] = [];
  const judgedRelevant = large.outcomes.reduce((sum, o, i) => sum + o.relevantInIndex - small.outcomes[i]!.relevantInIndex, 0);
  for (const [name, pick] of [["recall@5", (r: RelevanceReport) => r.recallAt5], ["mrr@10", (r: RelevanceReport) => r.mrrAt10]] as const) {
    lines.push(JSON.stringify({ metric: `relevance.distractors.${name}`, value: round(pick(large)), unit: "ratio", queries: large.queries, distractors }));
    lines.push(
      JSON.stringify({ metric: `relevance.drop.${name}`, value: round(pick(small) - pick(large)), unit: "ratio", small: round(pick(small)), distractors, target: `≤ ${MAX_DROP_AT_SCALE}` }),
    );
    if (largeSeedsJudgedOnly) {
      lines.push(JSON.stringify({ metric: `relevance.drop.${name}.seedsJudgedOnly`, value: round(pick(small) - pick(largeSeedsJudgedOnly)), unit: "ratio", distractors }));
    }
  }
  // How many (query, generated case) pairs the generated judgements made relevant, over all queries.
  lines.push(JSON.stringify({ metric: "relevance.distractors.judgedRelevant", value: judgedRelevant, unit: "query-case pairs", distractors }));
  return lines;
}

/** What a reader needs to judge a hit: its title and tags. */
export interface CaseLabel {
  title: string;
  tags: string[];
}

export interface LostPlaces {
  query: string;
  kind: RelevanceQuery["kind"];
  recallAt5: [small: number, large: number];
  reciprocalRankAt10: [small: number, large: number];
  relevantInIndex: [small: number, large: number];
  /** The large index's first five, each marked as a distractor or a seed, with its title and tags. */
  top5: ({ id: string; distractor: boolean; relevant: boolean } & CaseLabel)[];
}

/** The queries that did worse with distractors in the index, and what took their places. */
export function lostPlaces(
  small: RelevanceReport,
  large: RelevanceReport,
  queries: readonly RelevanceQuery[],
  judge: Judge,
  isDistractor: (id: string) => boolean,
  labelOf: (id: string) => CaseLabel,
): LostPlaces[] {
  const lost: LostPlaces[] = [];
  large.outcomes.forEach((after, i) => {
    const before = small.outcomes[i]!;
    if (after.recallAt5 >= before.recallAt5 && after.reciprocalRankAt10 >= before.reciprocalRankAt10) return;
    const query = queries[i]!;
    lost.push({
      query: after.query,
      kind: after.kind,
      recallAt5: [before.recallAt5, after.recallAt5],
      reciprocalRankAt10: [before.reciprocalRankAt10, after.reciprocalRankAt10],
      relevantInIndex: [before.relevantInIndex, after.relevantInIndex],
      top5: after.top.slice(0, 5).map((id) => ({ id, distractor: isDistractor(id), relevant: judge.isRelevant(query, id), ...labelOf(id) })),
    });
  });
  return lost;
}
