import { Migration } from '@mikro-orm/migrations';

export class Migration20261205122819_RateLimitBuckets extends Migration {

  override name = 'Migration20261205122819_RateLimitBuckets';

  override up(): void | Promise<void> {
    this.addSql(`create table "rate_limit_buckets" ("key" text not null, "points" int not null, "resets_at" timestamptz not null, primary key ("key"));`);
    this.addSql(`create index "rate_limit_buckets_resets_at_index" on "rate_limit_buckets" ("resets_at");`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "rate_limit_buckets" cascade;`);
  }

}
