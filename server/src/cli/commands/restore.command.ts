import path from "node:path";
import { connectBackend } from "../../app.js";
import { PgToolsMissingError, RestoreRefusedError, restoreBackup } from "../../backup/index.js";
import { MIGRATIONS } from "../../db/index.js";
import { checkIndex, driftOf, reindex } from "../../search/index.js";
import type { KbCommand } from "../command.js";
import { confirm } from "../prompt.js";

export const restoreCommand: KbCommand<{ yes?: boolean }> = {
  name: "restore",
  usage: `  restore FILE [--yes]                   kb backup のファイルから復元し、検索インデックスを作り直します。
                                         サーバーを止めてから実行します。今のデータベースは <名前>_previous として残します。`,
  define: (command) => command.argument("[file]").allowExcessArguments().option("--yes"),
  async run([file], values, { config, logger, withServices }) {
    if (!file) {
      process.stderr.write("復元するバックアップファイルを指定してください（例: npm run kb -- restore .data/backups/kb-backup-20261121-090000.tar）。\n");
      return 2;
    }
    const archive = path.resolve(config.invocationDir, file);
    if (!values.yes) {
      if (!process.stdin.isTTY) {
        process.stderr.write("復元は今のデータを置き換えます。確認のため --yes を付けて実行してください。\n");
        return 2;
      }
      if (!(await confirm(`${archive} から復元し、今のデータを置き換えます。よろしいですか？`))) {
        process.stderr.write("中止しました。何も変更していません。\n");
        return 1;
      }
    }
    return withServices(async (services) => {
      let report;
      try {
        report = await restoreBackup({
          archive,
          databaseUrl: services.databaseUrl,
          workDir: path.join(config.dataDir, "tmp"),
          knownMigrations: MIGRATIONS.map((m) => m.name),
          pgBinDir: config.pgBinDir,
          onStep: (message) => process.stderr.write(`${message}\n`),
        });
      } catch (error) {
        if (error instanceof RestoreRefusedError || error instanceof PgToolsMissingError) {
          process.stderr.write(`${error.message}\n`);
          return 1;
        }
        throw error;
      }

      // The index describes the replaced data: rebuild it from the restored database.
      process.stderr.write("検索インデックスを作り直しています…\n");
      // The services stay withServices' to stop; closing this backend closes only its connections.
      const backend = await connectBackend(config, logger, { ...services, stop: async () => {} });
      try {
        const rebuilt = await reindex(backend.orm, backend.index, logger, {});
        const check = await checkIndex(backend.orm, backend.index);
        const { manifest } = report;
        process.stdout.write(
          `復元しました（${manifest.createdAt} のバックアップ）: 事例 ${manifest.tables.cases ?? 0}件 / 利用者 ${manifest.tables.users ?? 0}人 / ` +
            `添付ファイル ${manifest.attachments.count}件。件数と中身は目録と一致しました。\n` +
            `検索インデックス: ${rebuilt.documents}件を登録しました（ずれ ${driftOf(check)}件）。\n` +
            (report.previousDatabase
              ? `置き換える前のデータベースは ${report.previousDatabase} として残しています（次の復元で消えます）。\n`
              : ""),
        );
        return driftOf(check) === 0 ? 0 : 1;
      } finally {
        await backend.close();
      }
    });
  },
};
