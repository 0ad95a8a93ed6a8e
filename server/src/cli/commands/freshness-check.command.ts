import { parseArgs } from "node:util";
import { formatWarekiFiscalYear } from "@kb/shared";
import { runFreshnessCheck } from "../../departments/freshness.service.js";
import type { KbCommand } from "../command.js";

export const freshnessCheckCommand: KbCommand = {
  name: "freshness-check",
  usage: `  freshness-check [--dry-run] [--as-of YYYY-MM-DD]
                                         2年度以上内容が確認されていない公開中の好事例を探し、所属課に鮮度確認の
                                         通知を送ります（同じ年度には1回だけ。サーバーも6時間ごとに実行します）。
                                         --dry-run は対象を表示するだけ、--as-of はその日付として判定します。`,
  async run(args, { withBackend }) {
    const { values } = parseArgs({
      args,
      options: { "dry-run": { type: "boolean", default: false }, "as-of": { type: "string" } },
    });
    let now = new Date();
    if (values["as-of"]) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(values["as-of"]);
      now = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]), 12) : new Date(NaN);
      if (Number.isNaN(now.getTime())) {
        process.stderr.write(`--as-of は YYYY-MM-DD で指定してください: ${values["as-of"]}\n`);
        return 2;
      }
    }
    return withBackend(async (backend) => {
      const report = await runFreshnessCheck(backend.orm, { now, dryRun: values["dry-run"] });
      if (report.skipped) {
        process.stdout.write("ほかのプロセスが鮮度確認を実行中のため、何もしませんでした。\n");
        return 0;
      }
      const verb = values["dry-run"] ? "通知する予定" : "通知";
      process.stdout.write(
        `${formatWarekiFiscalYear(report.fiscalYear)}の鮮度確認: 確認時期を過ぎた公開中の好事例 ${report.due}件 / 所属課へ${verb} ${report.notified.length}件\n`,
      );
      return 0;
    });
  },
};
