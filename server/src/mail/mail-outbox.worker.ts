import type { MikroORM } from "@mikro-orm/postgresql";
import nodemailer, { type Transporter } from "nodemailer";
import type { SmtpConfig } from "../config/index.js";
import type { Logger } from "../logger.js";

/** Attempts before an e-mail is given up (failed_at set, logged). */
export const MAIL_MAX_ATTEMPTS = 8;
/** Wait before the n-th retry: 30 s, 1 min, 2 min … doubling, at most 1 hour (≈ 2 h in all). */
export function mailRetryDelayMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 60 * 60_000);
}
/** Sent and given-up rows (and, without SMTP, unsent ones) are deleted after this long. */
export const MAIL_RETENTION_MS = 7 * 24 * 60 * 60_000;
/** An e-mail claimed by a worker is not claimed again for this long (a worker that died mid-send). */
const LEASE_MS = 5 * 60_000;
const BATCH = 20;

interface Claimed {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  link_path: string | null;
  attempts: number;
}

/**
 * Sends the e-mail outbox (mail-outbox.entity.ts) through the configured SMTP server with nodemailer.
 * Each round claims due rows with a lease (one UPDATE … FOR UPDATE SKIP LOCKED, so several server
 * processes never send one twice), sends them outside any transaction, and marks each sent, or
 * schedules its retry with backoff (mailRetryDelayMs) until MAIL_MAX_ATTEMPTS. Without SMTP settings
 * nothing is sent and old rows are only pruned. A failure here never reaches the writer that queued
 * the e-mail: its transaction committed long before.
 */
export class MailOutboxWorker {
  private readonly transport: Transporter | null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(
    private readonly orm: MikroORM,
    private readonly smtp: SmtpConfig | undefined,
    private readonly logger: Logger,
    private readonly options: { pollMs?: number; publicUrl?: string } = {},
  ) {
    this.transport = smtp
      ? nodemailer.createTransport({
          host: smtp.host,
          port: smtp.port,
          secure: smtp.secure,
          auth: smtp.user ? { user: smtp.user, pass: smtp.password ?? "" } : undefined,
          connectionTimeout: 10_000,
          greetingTimeout: 10_000,
          socketTimeout: 20_000,
        })
      : null;
  }

  start(): void {
    const poll = this.options.pollMs ?? 5_000;
    const tick = () => {
      if (this.stopped) return;
      this.running = this.drainOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn({ err: error }, "mail outbox round failed"))
        .finally(() => {
          if (!this.stopped) this.timer = setTimeout(tick, poll).unref();
        });
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.transport?.close();
  }

  /**
   * One round: prune, claim what is due, send it. Answers how many were sent. Tests call it.
   * Every time here is PostgreSQL's now(), never this process's clock: rows are made due by the
   * database (and by other app instances on other hosts), and a JavaScript Date — milliseconds, and
   * maybe a host clock a little late — can read "earlier" than a row due at now(), leaving it unsent
   * and ending the drain (follows.test.ts, "made due by PostgreSQL's now()").
   */
  async drainOnce(): Promise<number> {
    const em = this.orm.em.fork();
    await em.execute(
      `delete from mail_outbox where created_at < now() - ? * interval '1 millisecond' and (sent_at is not null or failed_at is not null or ?)`,
      [MAIL_RETENTION_MS, !this.transport],
    );
    if (!this.transport) return 0;
    const claimed = await em.execute<Claimed[]>(
      `update mail_outbox set next_attempt_at = now() + ? * interval '1 millisecond' where id in (
         select id from mail_outbox where sent_at is null and failed_at is null and next_attempt_at <= now()
          order by next_attempt_at, created_at limit ${BATCH} for update skip locked)
       returning id, to_address, subject, body, link_path, attempts`,
      [LEASE_MS],
    );
    let sent = 0;
    for (const mail of claimed) {
      try {
        await this.transport.sendMail({ from: this.smtp!.from, to: mail.to_address, subject: mail.subject, text: this.textOf(mail) });
        await em.execute("update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = ?", [mail.id]);
        sent++;
      } catch (error) {
        const attempts = mail.attempts + 1;
        const message = error instanceof Error ? error.message : String(error);
        const giveUp = attempts >= MAIL_MAX_ATTEMPTS;
        await em.execute(
          `update mail_outbox set attempts = ?, last_error = ?, next_attempt_at = now() + ? * interval '1 millisecond',
             failed_at = case when ? then now() end where id = ?`,
          [attempts, message.slice(0, 500), mailRetryDelayMs(attempts), giveUp, mail.id],
        );
        (giveUp ? this.logger.error.bind(this.logger) : this.logger.warn.bind(this.logger))({ mailId: mail.id, attempts, err: message }, giveUp ? "e-mail given up" : "e-mail not sent; will retry");
      }
    }
    return sent;
  }

  /** Sends every due e-mail until none is left (tests). */
  async drainUntilEmpty(): Promise<void> {
    while ((await this.drainOnce()) > 0) {
      // next batch
    }
  }

  private textOf(mail: Claimed): string {
    if (!mail.link_path) return mail.body;
    const link = this.options.publicUrl ? new URL(mail.link_path, this.options.publicUrl).toString() : mail.link_path;
    return `${mail.body}\n\n${link}\n`;
  }
}
