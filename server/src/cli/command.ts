import type { Command } from "commander";
import type { Backend } from "../app.js";
import type { AppConfig } from "../config/index.js";
import type { BackingServices as Services } from "../infra/index.js";
import type { Logger } from "../logger.js";

/**
 * One `npm run kb -- <name>` command. Each lives in its own file under cli/commands/; kb.ts turns it
 * into a commander subcommand, so `--help`, unknown options and missing values are handled the
 * same way for all of them (exit 2 with the command's usage).
 */
export interface KbCommand<Options extends object = object> {
  name: string;
  /** Lines for the help text (Japanese first): what `kb --help` lists and `kb <name> --help` prints. */
  usage: string;
  /** Declares the arguments and options commander parses (flags and defaults; the help is `usage`). */
  define(command: Command): Command;
  /** `operands`: the positional arguments as typed; `options`: the parsed options, camel-cased. */
  run(operands: string[], options: Options, tools: KbTools): Promise<number>;
}

export interface KbTools {
  config: AppConfig;
  logger: Logger;
  /** Opens the backend (reusing a running server's embedded services), runs, and closes it. */
  withBackend<T>(run: (backend: Backend) => Promise<T>): Promise<T>;
  /** The services alone (no ORM, no migration): for work on the database itself, like a restore. */
  withServices<T>(run: (services: Services) => Promise<T>): Promise<T>;
}
