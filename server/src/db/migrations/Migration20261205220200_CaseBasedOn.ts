import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: 参考にした好事例 — a case may name the case it is based on (often another organisation's
 * commons case). Nullable; deleting the original leaves the derived case without the link.
 */
export class Migration20261205220200_CaseBasedOn extends Migration {

  override name = 'Migration20261205220200_CaseBasedOn';

  override up(): void | Promise<void> {
    this.addSql(`alter table "cases" add "based_on_id" uuid null;`);
    this.addSql(`alter table "cases" add constraint "cases_based_on_id_foreign" foreign key ("based_on_id") references "cases" ("id") on delete set null;`);
    this.addSql(`create index "cases_based_on_id_index" on "cases" ("based_on_id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "cases" drop constraint "cases_based_on_id_foreign";`);
    this.addSql(`drop index "cases_based_on_id_index";`);
    this.addSql(`alter table "cases" drop column "based_on_id";`);
  }

}
