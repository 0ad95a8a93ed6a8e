import type { KbCommand } from "../command.js";
import { checkIndexCommand } from "./check-index.command.js";
import { createUserCommand } from "./create-user.command.js";
import { importCommand } from "./import.command.js";
import { reindexCommand } from "./reindex.command.js";

/** Every `kb` command, in the order the help lists them. Add a command: a file here and one line. */
export const COMMANDS: KbCommand[] = [importCommand, reindexCommand, checkIndexCommand, createUserCommand];
