import { openBackend, type Backend } from "../app.js";
import { loadConfigOrExit } from "../config/config.js";
import { createLogger } from "../logger.js";
import type { KbTools } from "./command.js";
import { COMMANDS } from "./commands/index.js";

/**
 * `npm run kb -- <command>`: operations on the knowledge base. Works whether or not `npm start` is
 * running: it uses the running server's embedded services, or starts its own and stops them after.
 */
const config = loadConfigOrExit(undefined, { logLevel: "warn" });
const logger = createLogger(config.logLevel);

const usage = () =>
  `使い方 / usage: npm run kb -- <command> [options]\n\n${COMMANDS.map((c) => c.usage).join("\n")}\n  help${" ".repeat(35)}このヘルプを表示します。\n`;

async function withBackend<T>(run: (backend: Backend) => Promise<T>): Promise<T> {
  const backend = await openBackend(config, logger, { reuseRunningServices: true });
  const stop = () => void backend.close().finally(() => process.exit(130));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await run(backend);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await backend.close();
  }
}

async function main(): Promise<number> {
  const [name, ...args] = process.argv.slice(2);
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    process.stdout.write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    process.stderr.write(`不明なコマンドです: ${name}\n\n${usage()}`);
    return 2;
  }
  const tools: KbTools = { config, logger, withBackend };
  return command.run(args, tools);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`エラー: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.debug({ err: error }, "kb failed");
    process.exit(1);
  },
);
