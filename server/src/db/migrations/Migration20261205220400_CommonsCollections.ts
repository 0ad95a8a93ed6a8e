import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16 item 8: a 好事例集 is an organisation's own (as before) or the commons' (curated by the
 * installation's 広域事務局 from commons cases of any organisation). Every existing one is its organisation's.
 */
export class Migration20261205220400_CommonsCollections extends Migration {

  override name = 'Migration20261205220400_CommonsCollections';

  override up(): void | Promise<void> {
    this.addSql(`alter table "collections" add "scope" text not null default 'ORGANISATION';`);
    this.addSql(`alter table "collections" add constraint "collections_scope_check" check ("scope" in ('ORGANISATION', 'COMMONS'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "collections" drop constraint "collections_scope_check";`);
    this.addSql(`alter table "collections" drop column "scope";`);
  }

}
