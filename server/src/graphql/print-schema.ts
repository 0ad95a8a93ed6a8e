/** `npm run schema:print -w server`: writes server/schema.graphql from the resolvers. */
import fs from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "../config/index.js";
import { printAppSchema } from "./schema.js";

await fs.writeFile(path.join(REPO_ROOT, "server/schema.graphql"), await printAppSchema());
