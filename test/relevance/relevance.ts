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
