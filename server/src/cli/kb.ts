import { Command, CommanderError } from "commander";
import { openBackend, type Backend } from "../app.js";
import { loadConfigOrExit } from "../config/index.js";
import { acquireBackingServices as acquireServices, type BackingServices as Services } from "../infra/index.js";
import { createLogger } from "../logger.js";
import type { KbCommand, KbTools } from "./command.js";
import { COMMANDS } from "./commands/index.js";

/**
 * `npm run kb -- <command>`: operations on the knowledge base. Works whether or not `npm start` is
 * running: it uses the running server's embedded services, or starts its own and stops them after.
 */
const config = loadConfigOrExit(undefined, { logLevel: "warn" });
const logger = createLogger(config.logLevel, { format: config.logFormat });

const usage = () =>
  `使い方 / usage: npm run kb -- <command> [options]\n\n${COMMANDS.map((c) => c.usage).join("\n")}\n  help [command]${" ".repeat(25)}このヘルプ（コマンド名を付けるとそのコマンドの使い方）を表示します。\n` +
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

const commandUsage = (command: KbCommand) => `使い方 / usage: npm run kb -- ${command.name} [options]\n\n${command.usage}\n`;

/**
 * The commands as one commander program. Help is our own Japanese text (the overall usage, or the
 * command's); a parse error (unknown option, missing value, extra argument) prints commander's
 * message and then the command's usage, and exits 2.
 */
function program(tools: KbTools, exit: (code: number) => void): Command {
  const kb = new Command("kb")
    .exitOverride()
    .showHelpAfterError()
    .configureHelp({
      formatHelp: (cmd) => {
        const command = COMMANDS.find((c) => c.name === cmd.name());
        return command ? commandUsage(command) : usage();
      },
    })
    // Our own message for an unknown command (commander's would be in English and without the list).
    .on("command:*", ([name]: string[]) => {
      process.stderr.write(`不明なコマンドです: ${name}\n\n${usage()}`);
      exit(2);
    });
  for (const command of COMMANDS) {
    const sub = command.define(kb.command(command.name));
    sub.action(async () => exit(await command.run(sub.args, sub.opts(), tools)));
  }
  return kb;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length === 0) {
    process.stdout.write(usage());
    return 2;
  }
  let code = 0;
  const tools: KbTools = { config, logger, withBackend, withServices };
  try {
    await program(tools, (c) => (code = c)).parseAsync(args, { from: "user" });
  } catch (error) {
    if (!(error instanceof CommanderError)) throw error;
    // Help asked for: 0. Anything commander refused (it has printed why): 2, as a usage error.
    return error.exitCode === 0 ? 0 : 2;
  }
  return code;
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
