import { openBackend, type Backend } from "../app.js";
import { loadConfigOrExit } from "../config/config.js";
import { acquireBackingServices as acquireServices, type BackingServices as Services } from "../infra/backing-services.js";
import { createLogger } from "../logger.js";
import type { KbTools } from "./command.js";
import { COMMANDS } from "./commands/index.js";

/**
 * `npm run kb -- <command>`: operations on the knowledge base. Works whether or not `npm start` is
 * running: it uses the running server's embedded services, or starts its own and stops them after.
 */
const config = loadConfigOrExit(undefined, { logLevel: "warn" });
const logger = createLogger(config.logLevel, { format: config.logFormat });

const usage = () =>
  `使い方 / usage: npm run kb -- <command> [options]\n\n${COMMANDS.map((c) => c.usage).join("\n")}\n  help${" ".repeat(35)}このヘルプを表示します。\n` +
  `  <command> --help${" ".repeat(23)}そのコマンドの使い方だけを表示します。\n`;

/** Runs with something that must be closed however the command ends (Ctrl-C included). */
async function holding<R extends { close(): Promise<void> }, T>(resource: R, run: (resource: R) => Promise<T>): Promise<T> {
  const stop = () => void resource.close().finally(() => process.exit(130));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    return await run(resource);
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    await resource.close();
  }
}

async function withBackend<T>(run: (backend: Backend) => Promise<T>): Promise<T> {
  return holding(await openBackend(config, logger, { reuseRunningServices: true }), run);
}

async function withServices<T>(run: (services: Services) => Promise<T>): Promise<T> {
  const services = await acquireServices(config, logger, { reuseRunning: true });
  return holding({ services, close: () => services.stop() }, ({ services }) => run(services));
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
  const commandUsage = `使い方 / usage: npm run kb -- ${command.name} [options]\n\n${command.usage}\n`;
  const beforeEndOfOptions = args.includes("--") ? args.slice(0, args.indexOf("--")) : args;
  if (beforeEndOfOptions.includes("--help") || beforeEndOfOptions.includes("-h")) {
    process.stdout.write(commandUsage);
    return 0;
  }
  const tools: KbTools = { config, logger, withBackend, withServices };
  try {
    return await command.run(args, tools);
  } catch (error) {
    // parseArgs: an unknown or malformed option. Say which, and how the command is used.
    const code = (error as { code?: string }).code;
    if (code?.startsWith("ERR_PARSE_ARGS_")) {
      process.stderr.write(`${(error as Error).message}\n\n${commandUsage}`);
      return 2;
    }
    throw error;
  }
}

// A command whose work stops on a promise that never settles (a lost connection a library keeps
// waiting on) would let Node empty its event loop and exit 0 in silence: say it failed instead.
let settled = false;
process.once("beforeExit", () => {
  if (settled) return;
  process.stderr.write("エラー: 処理が途中で止まりました（データベースなどとの接続が切れた可能性があります）。完了していません。\n");
  process.exit(1);
});

main().finally(() => {
  settled = true;
}).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`エラー: ${error instanceof Error ? error.message : String(error)}\n`);
    logger.debug({ err: error }, "kb failed");
    process.exit(1);
  },
);
