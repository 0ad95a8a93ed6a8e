import { Migration } from '@mikro-orm/migrations';

export class Migration20261204180424_TagCuratedAt extends Migration {

  override name = 'Migration20261204180424_TagCuratedAt';

  override up(): void | Promise<void> {
    this.addSql(`alter table "tags" add "curated_at" timestamptz null;`);
    // Tags the secretariat already shaped count as taken into the vocabulary: described ones (the
    // seeded vocabulary, edited terms) and those a curator created, edited, retired or merged into.
    this.addSql(`update "tags" t set "curated_at" = t."updated_at"
      where t."description" <> ''
         or exists (select 1 from "audit_log" a where a."subject_type" = 'Tag' and a."subject_id" = t."id"::text
                     and a."action" in ('tag.create', 'tag.update', 'tag.rename', 'tag.retire', 'tag.restore'))
         or exists (select 1 from "tag_merges" m where m."target_id" = t."id");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "tags" drop column "curated_at";`);
  }

}
