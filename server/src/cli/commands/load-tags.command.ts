import path from "node:path";
import { loadTagVocabulary, readTagSeedFile } from "../../tags/index.js";
import type { KbCommand } from "../command.js";

export const loadTagsCommand: KbCommand<{ overwrite?: boolean }> = {
  name: "load-tags",
  usage: `  load-tags [file] [--overwrite]         タグの語彙（分類と説明、既定は seeds/tags.json）を読み込みます。
                                         ない語は追加し、説明が空のタグだけを埋めます（--overwrite で上書き）。`,
  define: (command) => command.argument("[file]").allowExcessArguments().option("--overwrite"),
  async run([given], values, { config, withBackend }) {
    const file = path.resolve(given ?? path.join(config.repoRoot, "seeds", "tags.json"));
    const entries = await readTagSeedFile(file);
    return withBackend(async (backend) => {
      const report = await loadTagVocabulary(backend.orm.em.fork(), entries, { overwrite: values.overwrite ?? false });
      process.stdout.write(`タグの語彙: 追加 ${report.created}件 / 更新 ${report.updated}件 / 変更なし ${report.unchanged}件\n`);
      return 0;
    });
  },
};
