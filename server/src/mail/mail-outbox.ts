import type { EntityManager } from "@mikro-orm/postgresql";
import { MailOutbox } from "./mail-outbox.entity.js";

export interface OutgoingMail {
  to: string;
  subject: string;
  /** Plain text; the link (if any) is appended when it is sent. */
  body: string;
  linkPath?: string | null;
}

/** Queues e-mails in the caller's transaction: a rolled-back change sends nothing. */
export function enqueueMail(em: EntityManager, mails: Iterable<OutgoingMail>): void {
  for (const m of mails) {
    em.persist(em.create(MailOutbox, { toAddress: m.to, subject: m.subject, body: m.body, linkPath: m.linkPath ?? null }));
  }
}
