import path from "node:path";
import { parseArgs } from "node:util";
import { loadTagVocabulary, readTagSeedFile } from "../../tags/tag-seed.js";
import type { KbCommand } from "../command.js";

export const loadTagsCommand: KbCommand = {
  name: "load-tags",
  usage: `  load-tags [file] [--overwrite]         タグの語彙（分類と説明、既定は seeds/tags.json）を読み込みます。
                                         ない語は追加し、説明が空のタグだけを埋めます（--overwrite で上書き）。`,
  async run(args, { config, withBackend }) {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { overwrite: { type: "boolean", default: false } } });
    const file = path.resolve(positionals[0] ?? path.join(config.repoRoot, "seeds", "tags.json"));
    const entries = await readTagSeedFile(file);
    return withBackend(async (backend) => {
      const report = await loadTagVocabulary(backend.orm.em.fork(), entries, { overwrite: values.overwrite });
      process.stdout.write(`タグの語彙: 追加 ${report.created}件 / 更新 ${report.updated}件 / 変更なし ${report.unchanged}件\n`);
      return 0;
    });
  },
};
