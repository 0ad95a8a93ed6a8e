import { formatWarekiFiscalYear } from "@kb/shared";
import { runFreshnessCheck } from "../../freshness/index.js";
import type { KbCommand } from "../command.js";

export const freshnessCheckCommand: KbCommand<{ dryRun?: boolean; asOf?: string }> = {
  name: "freshness-check",
  usage: `  freshness-check [--dry-run] [--as-of YYYY-MM-DD]
                                         2年度以上内容が確認されていない公開中の好事例を探し、所属課に鮮度確認の
                                         通知を送ります（同じ年度には1回だけ。サーバーも6時間ごとに実行します）。
                                         --dry-run は対象を表示するだけ、--as-of はその日付として判定します。`,
  define: (command) => command.option("--dry-run").option("--as-of <YYYY-MM-DD>"),
  async run(_operands, values, { withBackend }) {
    const dryRun = values.dryRun ?? false;
    let now = new Date();
    if (values.asOf) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values.asOf);
      now = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12) : new Date(NaN);
      if (Number.isNaN(now.getTime())) {
        process.stderr.write(`--as-of は YYYY-MM-DD で指定してください: ${values.asOf}\n`);
        return 2;
      }
    }
    return withBackend(async (backend) => {
      const report = await runFreshnessCheck(backend.orm, { now, dryRun });
      if (report.skipped) {
        process.stdout.write("ほかのプロセスが鮮度確認を実行中のため、何もしませんでした。\n");
        return 0;
      }
      const verb = dryRun ? "通知する予定" : "通知";
      process.stdout.write(
        `${formatWarekiFiscalYear(report.fiscalYear)}の鮮度確認: 確認時期を過ぎた公開中の好事例 ${report.due}件 / 所属課へ${verb} ${report.notified.length}件\n`,
      );
      return 0;
    });
  },
};
