import { Migration } from '@mikro-orm/migrations';

export class Migration20261204181200_SessionsOwnerControl extends Migration {

  override name = 'Migration20261204181200_SessionsOwnerControl';

  override up(): void | Promise<void> {
    // Sessions open at upgrade time stay open: the defaults fill their new columns, then go (the
    // entity sets both values itself).
    this.addSql(`alter table "sessions" add "id" uuid not null default gen_random_uuid(), add "last_seen_at" timestamptz not null default now(), add "user_agent" text null, add "address" text null;`);
    this.addSql(`alter table "sessions" alter column "id" drop default, alter column "last_seen_at" drop default;`);
    this.addSql(`alter table "sessions" add constraint "sessions_id_unique" unique ("id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sessions" drop constraint "sessions_id_unique";`);
    this.addSql(`alter table "sessions" drop column "id", drop column "last_seen_at", drop column "user_agent", drop column "address";`);
  }

}
