import { checkIndex, driftOf, repairIndex, type IndexCheckReport, SearchOutboxWorker } from "../../search/index.js";
import type { KbCommand } from "../command.js";

export const checkIndexCommand: KbCommand<{ repair?: boolean; json?: boolean }> = {
  name: "check-index",
  usage: `  check-index [--repair] [--json]        データベースと検索インデックスを件ごとに（IDと内容のハッシュで）照合します。
                                         ずれがあれば終了コード 1。--repair でずれを直して再照合します。`,
  define: (command) => command.option("--repair").option("--json"),
  async run(_operands, values, { logger, withBackend }) {
    return withBackend(async (backend) => {
      // Each search node is compared with the database on its own (a second node: README, Search availability).
      const results = [];
      for (const index of backend.searchNodes) {
        let report = await checkIndex(backend.orm, index);
        const found = report;
        let repaired = 0;
        if (values.repair && driftOf(report) > 0) {
          repaired = await repairIndex(backend.orm, index, report);
          const worker = new SearchOutboxWorker(backend.orm, index, backend.services.databaseUrl, logger);
          await worker.drainPatiently(10 * 60_000);
          report = await checkIndex(backend.orm, index);
        }
        results.push({ node: index.node, found, repaired, after: report });
      }
      const several = results.length > 1;
      if (values.json) {
        const [first] = results;
        const line = { found: summary(first!.found), repaired: first!.repaired, after: summary(first!.after) };
        const nodes = Object.fromEntries(results.map((r) => [r.node, { found: summary(r.found), repaired: r.repaired, after: summary(r.after) }]));
        process.stdout.write(`${JSON.stringify(several ? { ...line, nodes } : line)}\n`);
      } else {
        for (const r of results) {
          const node = several ? `［${r.node === "primary" ? "検索ノード1" : "検索ノード2"}］` : "";
          print(r.found, `${node}照合結果`);
          if (r.repaired) print(r.after, `${node}${r.repaired}件を修復した後の照合結果`);
        }
      }
      return results.every((r) => driftOf(r.after) === 0) ? 0 : 1;
    });
  },
};

const summary = (r: IndexCheckReport) => ({
  expected: r.expected,
  indexed: r.indexed,
  missing: r.missing.length,
  extra: r.extra.length,
  stale: r.stale.length,
  pending: r.pending,
  sample: [...r.missing, ...r.extra, ...r.stale].slice(0, 20),
});

function print(r: IndexCheckReport, title: string): void {
  const out = process.stdout;
  out.write(`${title}: 公開中 ${r.expected}件 / インデックス ${r.indexed}件\n`);
  out.write(`  インデックスにない: ${r.missing.length}件  余分: ${r.extra.length}件  内容が古い: ${r.stale.length}件`);
  out.write(r.pending ? `  （反映待ち ${r.pending}件は対象外）\n` : "\n");
  for (const [label, ids] of [["ない", r.missing], ["余分", r.extra], ["古い", r.stale]] as const) {
    for (const id of ids.slice(0, 10)) out.write(`    ${label}: ${id}\n`);
  }
  out.write(driftOf(r) === 0 ? "  一致しています。\n" : "  ずれがあります（--repair で修復できます）。\n");
}
