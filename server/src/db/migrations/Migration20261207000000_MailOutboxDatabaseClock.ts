import { Migration } from '@mikro-orm/migrations';

/**
 * A queued e-mail's due time and creation time come from PostgreSQL's clock, the one the mail worker
 * compares them with (`next_attempt_at <= now()`, pruning by `created_at`). Before, the app wrote its
 * own clock: a host running ahead queued mails the worker took for not yet due.
 */
export class Migration20261207000000_MailOutboxDatabaseClock extends Migration {

  override name = 'Migration20261207000000_MailOutboxDatabaseClock';

  override up(): void | Promise<void> {
    this.addSql(`alter table "mail_outbox" alter column "next_attempt_at" set default now(), alter column "created_at" set default now();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "mail_outbox" alter column "next_attempt_at" drop default, alter column "created_at" drop default;`);
  }

}
