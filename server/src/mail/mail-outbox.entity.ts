import { randomUUID } from "node:crypto";
import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";

/**
 * An e-mail waiting to be sent (issue 16 item 7). Written in the transaction of what it tells of
 * (a publish), sent afterwards by mail-outbox.worker.ts: a slow or failing SMTP server never holds
 * up or fails the change itself. Retried with backoff; given up after MAIL_MAX_ATTEMPTS.
 */
@Entity({ tableName: "mail_outbox" })
@Index({ properties: ["sentAt", "failedAt", "nextAttemptAt"] })
export class MailOutbox {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "text" })
  toAddress!: string;

  @Property({ type: "text" })
  subject!: string;

  @Property({ type: "text" })
  body!: string;

  /** A path in the app (/cases/…) appended as a link, made absolute with KB_PUBLIC_URL when set. */
  @Property({ type: "text", nullable: true })
  linkPath?: string | null;

  @Property({ type: "integer" })
  attempts: number & Opt = 0;

  /**
   * Due time by PostgreSQL's clock, as the worker compares it with now(): a new row takes the
   * column default, so an app host whose clock runs ahead cannot queue a mail the worker sees as
   * not yet due (issue 16, left alone at stop 25).
   */
  @Property({ type: "datetime", columnType: "timestamptz", defaultRaw: "now()" })
  nextAttemptAt!: Date & Opt;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  sentAt?: Date | null;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  failedAt?: Date | null;

  @Property({ type: "text", nullable: true })
  lastError?: string | null;

  /** By PostgreSQL's clock as well: the worker prunes by `created_at < now() - retention`. */
  @Property({ type: "datetime", columnType: "timestamptz", defaultRaw: "now()" })
  createdAt!: Date & Opt;
}
