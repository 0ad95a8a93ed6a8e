import { randomUUID } from "node:crypto";
import { Entity, Enum, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";
import { ORGANISATION_KINDS, PREFECTURES, type OrganisationKind, type Prefecture } from "@kb/shared";

/**
 * A 自治体 (or 一部事務組合・広域連合) on the installation: the tenant boundary. Departments, users, cases,
 * collections, adoptions, questions, notifications, import runs, saved mappings and audit rows each
 * belong to one, and the services filter every read and write by the viewer's (kernel/viewer.ts).
 */
@Entity({ tableName: "organisations" })
export class Organisation {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "text" })
  name!: string;

  @Property({ type: "text" })
  kana!: string;

  @Enum({ items: [...PREFECTURES], type: "text" })
  prefecture!: Prefecture;

  @Enum({ items: [...ORGANISATION_KINDS], type: "text" })
  kind!: OrganisationKind;

  /**
   * 全国地方公共団体コード (6 digits, check digit last). Null only for the installation's own
   * organisation until someone names it (KB_ORGANISATION_CODE at first start, or `kb organisation set`).
   */
  @Property({ type: "text", nullable: true })
  @Unique()
  code?: string | null;

  @Property({ type: "integer", nullable: true })
  population?: number | null;

  /** The reference date of `population` (YYYY-MM-DD). */
  @Property({ type: "date", nullable: true })
  populationAsOf?: string | null;

  /** Whether anonymous visitors may read its published cases. */
  @Property({ type: "boolean" })
  publicReading: boolean & Opt = false;

  /** The installation's own organisation: the one an existing single-city database was migrated into. */
  @Property({ type: "boolean" })
  home: boolean & Opt = false;

  /** When a person (config at first start, CLI, operator) last set the name and code; null while it has the migration's placeholder. */
  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  configuredAt?: Date | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}
