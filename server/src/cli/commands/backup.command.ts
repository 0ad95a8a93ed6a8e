import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";
import { createBackup, PgToolsMissingError } from "../../backup/index.js";
import type { KbCommand } from "../command.js";

/** 20261121-153045 in local time: sorts by name, reads at a glance. */
function stamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

export const backupCommand: KbCommand<{ out?: string }> = {
  name: "backup",
  usage: `  backup [--out FILE]                    データベース全体（添付ファイルを含む）を pg_dump 形式でバックアップします。
                                         サーバーは動かしたままで構いません。既定の保存先は <KB_DATA_DIR>/backups/。`,
  define: (command) => command.option("--out <file>"),
  async run(_operands, values, { config, withBackend }) {
    const outFile = values.out
      ? path.resolve(config.invocationDir, values.out)
      : path.join(config.dataDir, "backups", `kb-backup-${stamp(new Date())}.tar`);
    await fs.mkdir(path.dirname(outFile), { recursive: true });
    try {
      await fs.access(outFile);
      process.stderr.write(`${outFile} はすでにあります。上書きはしません。別の --out を指定してください。\n`);
      return 2;
    } catch {
      // Not there yet: good.
    }
    // Through the backend, so the database is migrated (a backup is always of a complete schema).
    return withBackend(async ({ services }) => {
      try {
        const manifest = await createBackup({
          databaseUrl: services.databaseUrl,
          outFile,
          appVersion: (JSON.parse(readFileSync(path.join(config.repoRoot, "package.json"), "utf8")) as { version: string }).version,
          pgBinDir: config.pgBinDir,
          onStep: (message) => process.stderr.write(`${message}\n`),
        });
        const size = (await fs.stat(outFile)).size;
        process.stdout.write(
          `バックアップしました: ${outFile}（${(size / 1024 / 1024).toFixed(1)} MB）\n` +
            `  事例 ${manifest.tables.cases ?? 0}件 / 利用者 ${manifest.tables.users ?? 0}人 / 添付ファイル ${manifest.attachments.count}件\n` +
            `  復元: npm run kb -- restore ${outFile}\n`,
        );
        return 0;
      } catch (error) {
        if (error instanceof PgToolsMissingError) {
          process.stderr.write(`${error.message}\n`);
          return 1;
        }
        throw error;
      }
    });
  },
};
