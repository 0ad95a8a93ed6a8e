import { reindex, SearchOutboxWorker } from "../../search/index.js";
import type { KbCommand } from "../command.js";

export const reindexCommand: KbCommand<{ batchSize: string }> = {
  name: "reindex",
  usage: `  reindex [--batch-size N]               検索インデックスを作り直し、無停止で切り替えます（作業中も検索できます）。
                                         作業中に行われた変更は、切り替えの後に新しいインデックスへ反映します。`,
  define: (command) => command.option("--batch-size <N>", undefined, "2000"),
  async run(_operands, values, { logger, withBackend }) {
    const batchSize = Number(values.batchSize);
    if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
      process.stderr.write("--batch-size は 1〜10000 の整数で指定してください。\n");
      return 2;
    }
    const tty = Boolean(process.stderr.isTTY);
    return withBackend(async (backend) => {
      // Each search node is rebuilt in turn (one reindex at a time); searches fail over meanwhile only if a node is down.
      for (const index of backend.searchNodes) {
        const node = backend.searchNodes.length > 1 ? `［${index.node === "primary" ? "検索ノード1" : "検索ノード2"}］` : "";
        const report = await reindex(backend.orm, index, logger, {
          batchSize,
          onProgress: (done, total) => {
            if (tty) process.stderr.write(`\r ${node}新しいインデックスを作成中… ${done}/${total} 件`);
          },
        });
        if (tty) process.stderr.write("\n");
        // Replay the changes made meanwhile now (a running server's worker would do it too).
        const worker = new SearchOutboxWorker(backend.orm, index, backend.services.databaseUrl, logger);
        await worker.drainPatiently(10 * 60_000);
        process.stdout.write(
          `${node}再作成完了: ${report.documents}件を新しいインデックスに登録し、切り替えました。` +
            `作業中の変更 ${report.replayed}件を反映しました。\n`,
        );
      }
      return 0;
    });
  },
};
