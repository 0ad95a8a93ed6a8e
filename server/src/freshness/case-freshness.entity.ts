import { Entity, ManyToOne, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Case } from "../cases/index.js";
import { User } from "../users/index.js";

/**
 * Freshness check of a published case (鮮度確認). A case was last reviewed at
 * greatest(publishedAt, confirmedAt); it is due when two fiscal years have begun since
 * (fiscalYearOf(now) − fiscalYearOf(lastReviewed) ≥ 2). The owning 課 resets it with 内容を確認した.
 * `notifiedFiscalYear` makes the due notice go out once per fiscal year, however often the check runs.
 * A case without a row has never been confirmed nor notified.
 */
@Entity({ tableName: "case_freshness" })
export class CaseFreshness {
  @ManyToOne({ entity: () => Case, ref: true, primary: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  confirmedAt?: Date | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  confirmedBy?: Ref<User> | null;

  /** The fiscal year in which the owning 課 was last told the case is due. */
  @Property({ type: "integer", nullable: true })
  notifiedFiscalYear?: number | null;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  notifiedAt?: Date | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  updatedAt: Date & Opt = new Date();
}
