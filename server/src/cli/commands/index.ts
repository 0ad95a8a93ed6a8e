import type { KbCommand } from "../command.js";
import { importCommand } from "./import.command.js";

/** Every `kb` command, in the order the help lists them. Add a command: a file here and one line. */
export const COMMANDS: KbCommand[] = [importCommand];
