import { Migration } from '@mikro-orm/migrations';

export class Migration20261205084148_DomainEvents extends Migration {

  override name = 'Migration20261205084148_DomainEvents';

  override up(): void | Promise<void> {
    this.addSql(`create table "domain_events" ("id" bigserial primary key, "type" text not null, "payload" jsonb not null, "occurred_at" timestamptz not null);`);
    this.addSql(`create index "domain_events_occurred_at_index" on "domain_events" ("occurred_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "domain_events" cascade;`);
  }

}
