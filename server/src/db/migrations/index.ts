import type { MigrationObject } from "@mikro-orm/core";
import { Migration20261121055349_Initial } from "./Migration20261121055349_Initial.js";

/** Every migration, in order. Listed explicitly so the compiled build needs no file globbing. */
export const MIGRATIONS: MigrationObject[] = [
  { name: "Migration20261121055349_Initial", class: Migration20261121055349_Initial },
];
