import { randomUUID } from "node:crypto";
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import {
  IMPORT_PHASES,
  IMPORT_RUN_STATES,
  type ImportPhase,
  type ImportRunState,
  type TableImportOptions,
  type TableImportReport,
  type TableMapping,
} from "@kb/shared";
import { Organisation } from "../organisations/index.js";

export interface ImportRunner {
  /** Random per server process. */
  id: string;
  pid: number;
  host: string;
}

/**
 * One import started from the admin page: the uploaded file and mapping, the dry run shown to the
 * admin, then the progress and the final report of the import itself. Progress is written outside
 * the import's transaction (so the page can poll it); the cases are written inside it, all or
 * nothing. The file's bytes are dropped once the import has ended.
 */
@Entity({ tableName: "import_runs" })
@Index({ properties: ["createdAt"] })
export class ImportRun {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  @Index()
  organisation!: Ref<Organisation>;

  @Enum({ items: [...IMPORT_RUN_STATES], type: "text" })
  state: ImportRunState & Opt = "PLANNED";

  @Enum({ items: [...IMPORT_PHASES], type: "text" })
  phase: ImportPhase & Opt = "read";

  @Property({ type: "integer" })
  done: number & Opt = 0;

  @Property({ type: "integer" })
  total: number & Opt = 0;

  @Property({ type: "text" })
  fileName!: string;

  @Property({ type: "blob", nullable: true, lazy: true })
  fileBytes?: Buffer | null;

  @Property({ type: "json" })
  mapping!: TableMapping;

  @Property({ type: "json" })
  options!: TableImportOptions;

  /** The dry run made at upload. */
  @Property({ type: "json" })
  plan!: TableImportReport;

  @Property({ type: "json", nullable: true })
  report?: TableImportReport | null;

  @Property({ type: "text", nullable: true })
  error?: string | null;

  @Property({ type: "uuid" })
  createdBy!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  startedAt?: Date | null;

  /** Updated with the progress and every few seconds while running; a RUNNING import whose heartbeat stopped has died (and rolled back). */
  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  heartbeatAt?: Date | null;

  /** The server process running it, so a restarted server knows at once that the run died with its predecessor. */
  @Property({ type: "json", nullable: true })
  runner?: ImportRunner | null;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  finishedAt?: Date | null;
}
