import { Migration } from '@mikro-orm/migrations';

export class Migration20261204182507_ImportRunRunner extends Migration {

  override name = 'Migration20261204182507_ImportRunRunner';

  override up(): void | Promise<void> {
    this.addSql(`alter table "import_runs" add "runner" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "import_runs" drop column "runner";`);
  }

}
