import { Migration } from '@mikro-orm/migrations';

export class Migration20261204182037_SavedImportMappings extends Migration {

  override name = 'Migration20261204182037_SavedImportMappings';

  override up(): void | Promise<void> {
    this.addSql(`create table "import_mappings" ("id" uuid not null, "name" text not null, "mapping" jsonb not null, "updated_by" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "import_mappings" add constraint "import_mappings_name_unique" unique ("name");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "import_mappings" cascade;`);
  }

}
