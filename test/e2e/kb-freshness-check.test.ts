import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fiscalYearOf, formatWarekiFiscalYear } from "@kb/shared";
import { runNode } from "../support/processes.js";
import { buildCase, createTestBackend, type TestBackend } from "../support/test-backend.js";

/** `npm run kb -- freshness-check` as a user runs it: the built CLI in its own process. */
let kb: TestBackend;
beforeAll(async () => {
  kb = await createTestBackend();
  await kb.createViewer({ department: "子育て支援課" });
  // Cases of this 年度: an import dates them today, so none is due yet.
  const fiscalYear = fiscalYearOf(new Date());
  await kb.importCases([buildCase({ fiscalYear, department: "子育て支援課" }), buildCase({ fiscalYear, department: "子育て支援課" })]);
});
afterAll(() => kb?.close());

describe("kb freshness-check (CLI)", () => {
  it("lists with --dry-run, notifies once per fiscal year, and judges --as-of a given date", async () => {
    const year = formatWarekiFiscalYear(fiscalYearOf(new Date()));
    const now = await runNode("server/dist/cli/kb.js", ["freshness-check"], kb.env);
    expect(now.code, now.output).toBe(0);
    expect(now.output).toContain(`${year}の鮮度確認: 確認時期を過ぎた公開中の好事例 0件 / 所属課へ通知 0件`);

    const later = fiscalYearOf(new Date()) + 2;
    const asOf = `${later}-04-01`;
    const dry = await runNode("server/dist/cli/kb.js", ["freshness-check", "--dry-run", "--as-of", asOf], kb.env);
    expect(dry.output).toContain(`${formatWarekiFiscalYear(later)}の鮮度確認: 確認時期を過ぎた公開中の好事例 2件 / 所属課へ通知する予定 2件`);
    const notices = () => kb.orm.em.fork().execute("select id from notifications where type = 'FRESHNESS_CHECK_DUE'");
    expect(await notices()).toHaveLength(0);

    const run = await runNode("server/dist/cli/kb.js", ["freshness-check", "--as-of", asOf], kb.env);
    expect(run.output).toContain("所属課へ通知 2件");
    expect(await notices()).toHaveLength(2);
    const again = await runNode("server/dist/cli/kb.js", ["freshness-check", "--as-of", asOf], kb.env);
    expect(again.output).toContain("所属課へ通知 0件");

    const bad = await runNode("server/dist/cli/kb.js", ["freshness-check", "--as-of", "R8"], kb.env);
    expect(bad.code).toBe(2);
    expect(bad.output).toContain("--as-of は YYYY-MM-DD で指定してください");
  });
});
