import type { RelevanceQuery } from "./queries.ts";

/**
 * recall@5: of the relevant cases (at most 5 counted), how many are in the first 5 results;
 * MRR@10: 1 / rank of the first relevant case within the first 10 (0 when none). Both averaged
 * over the queries.
 */
export interface QueryOutcome {
  query: string;
  kind: RelevanceQuery["kind"];
  recallAt5: number;
  reciprocalRankAt10: number;
  top: string[];
}

export interface RelevanceReport {
  recallAt5: number;
  mrrAt10: number;
  queries: number;
  outcomes: QueryOutcome[];
}

export type SearchTopIds = (query: string) => Promise<string[]>;

export async function evaluateRelevance(queries: readonly RelevanceQuery[], search: SearchTopIds): Promise<RelevanceReport> {
  const outcomes: QueryOutcome[] = [];
  for (const q of queries) {
    const top = (await search(q.query)).slice(0, 10);
    const relevant = new Set(q.relevant);
    const found = top.slice(0, 5).filter((id) => relevant.has(id)).length;
    const rank = top.findIndex((id) => relevant.has(id));
    outcomes.push({
      query: q.query,
      kind: q.kind,
      recallAt5: found / Math.min(relevant.size, 5),
      reciprocalRankAt10: rank < 0 ? 0 : 1 / (rank + 1),
      top,
    });
  }
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
 * them (`large`): the large index's figures, and the drop from small to large with its target.
 */
export function scaleLines(small: RelevanceReport, large: RelevanceReport, distractors: number): string[] {
  const round = (n: number) => Math.round(n * 1000) / 1000;
  const lines: string[] = [];
  for (const [name, pick] of [["recall@5", (r: RelevanceReport) => r.recallAt5], ["mrr@10", (r: RelevanceReport) => r.mrrAt10]] as const) {
    lines.push(JSON.stringify({ metric: `relevance.distractors.${name}`, value: round(pick(large)), unit: "ratio", queries: large.queries, distractors }));
    lines.push(JSON.stringify({ metric: `relevance.drop.${name}`, value: round(pick(small) - pick(large)), unit: "ratio", small: round(pick(small)), distractors, target: `≤ ${MAX_DROP_AT_SCALE}` }));
  }
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
  /** The large index's first five, each marked as a distractor or a seed, with its title and tags. */
  top5: ({ id: string; distractor: boolean; relevant: boolean } & CaseLabel)[];
}

/** The queries that did worse with distractors in the index, and what took their places. */
export function lostPlaces(
  small: RelevanceReport,
  large: RelevanceReport,
  queries: readonly RelevanceQuery[],
  isDistractor: (id: string) => boolean,
  labelOf: (id: string) => CaseLabel,
): LostPlaces[] {
  const lost: LostPlaces[] = [];
  large.outcomes.forEach((after, i) => {
    const before = small.outcomes[i]!;
    if (after.recallAt5 >= before.recallAt5 && after.reciprocalRankAt10 >= before.reciprocalRankAt10) return;
    const relevant = new Set(queries[i]!.relevant);
    lost.push({
      query: after.query,
      kind: after.kind,
      recallAt5: [before.recallAt5, after.recallAt5],
      reciprocalRankAt10: [before.reciprocalRankAt10, after.reciprocalRankAt10],
      top5: after.top.slice(0, 5).map((id) => ({ id, distractor: isDistractor(id), relevant: relevant.has(id), ...labelOf(id) })),
    });
  });
  return lost;
}
