import type { KbCommand } from "../command.js";
import { backupCommand } from "./backup.command.js";
import { checkIndexCommand } from "./check-index.command.js";
import { createUserCommand } from "./create-user.command.js";
import { freshnessCheckCommand } from "./freshness-check.command.js";
import { importCommand } from "./import.command.js";
import { importKintoneCommand } from "./import-kintone.command.js";
import { importTableCommand } from "./import-table.command.js";
import { loadTagsCommand } from "./load-tags.command.js";
import { organisationCommand } from "./organisation.command.js";
import { reindexCommand } from "./reindex.command.js";
import { restoreCommand } from "./restore.command.js";
import { deactivateUserCommand, reactivateUserCommand } from "./user-active.command.js";
import { userHubCommand } from "./user-hub.command.js";

/** Every `kb` command, in the order the help lists them. Add a command: a file here and one line. */
export const COMMANDS: KbCommand[] = [importCommand, importTableCommand, importKintoneCommand, reindexCommand, checkIndexCommand, organisationCommand, createUserCommand, deactivateUserCommand, reactivateUserCommand, userHubCommand, loadTagsCommand, freshnessCheckCommand, backupCommand, restoreCommand];
