import type { Backend } from "../app.js";
import type { AppConfig } from "../config/config.js";
import type { BackingServices as Services } from "../infra/backing-services.js";
import type { Logger } from "../logger.js";

/** One `npm run kb -- <name>` command. Each lives in its own file under cli/commands/. */
export interface KbCommand {
  name: string;
  /** Lines for the help text (Japanese first). */
  usage: string;
  run(args: string[], tools: KbTools): Promise<number>;
}

export interface KbTools {
  config: AppConfig;
  logger: Logger;
  /** Opens the backend (reusing a running server's embedded services), runs, and closes it. */
  withBackend<T>(run: (backend: Backend) => Promise<T>): Promise<T>;
  /** The services alone (no ORM, no migration): for work on the database itself, like a restore. */
  withServices<T>(run: (services: Services) => Promise<T>): Promise<T>;
}
