import { Migration } from '@mikro-orm/migrations';

export class Migration20261204181246_RemovedAttachment extends Migration {

  override name = 'Migration20261204181246_RemovedAttachment';

  override up(): void | Promise<void> {
    this.addSql(`alter table "case_revisions" add "removed_attachment" jsonb null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "case_revisions" drop column "removed_attachment";`);
  }

}
