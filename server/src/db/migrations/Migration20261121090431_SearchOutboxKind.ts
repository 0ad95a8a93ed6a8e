import { Migration } from '@mikro-orm/migrations';

export class Migration20261121090431_SearchOutboxKind extends Migration {

  override name = 'Migration20261121090431_SearchOutboxKind';

  override up(): void | Promise<void> {
    this.addSql(`alter table "search_outbox" add "kind" text not null default 'content';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "search_outbox" drop column "kind";`);
  }

}
