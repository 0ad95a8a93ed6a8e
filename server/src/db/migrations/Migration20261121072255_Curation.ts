import { Migration } from '@mikro-orm/migrations';

export class Migration20261121072255_Curation extends Migration {

  override name = 'Migration20261121072255_Curation';

  override up(): void | Promise<void> {
    this.addSql(`create table "search_query_stats" ("query" text not null, "day" date not null, "searches" int not null default 0, "zero_results" int not null default 0, "last_searched_at" timestamptz not null, primary key ("query", "day"));`);
    this.addSql(`create index "search_query_stats_day_index" on "search_query_stats" ("day");`);

    this.addSql(`create table "collections" ("id" uuid not null, "title" text not null, "description" text not null default '', "fiscal_year" int null, "status" text not null default 'DRAFT', "version" int not null default 1, "created_by_id" uuid null, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "collections_status_published_at_index" on "collections" ("status", "published_at");`);

    this.addSql(`create table "featured_cases" ("id" uuid not null, "case_id" uuid not null, "reason" text not null, "featured_by_id" uuid null, "featured_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "featured_cases" add constraint "featured_cases_case_id_unique" unique ("case_id");`);
    this.addSql(`create index "featured_cases_featured_at_index" on "featured_cases" ("featured_at");`);

    this.addSql(`create table "collection_entries" ("id" uuid not null, "collection_id" uuid not null, "case_id" uuid not null, "position" int not null, "reason" text not null, "added_by_id" uuid null, "added_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "collection_entries_case_id_index" on "collection_entries" ("case_id");`);
    this.addSql(`create index "collection_entries_collection_id_position_index" on "collection_entries" ("collection_id", "position");`);
    this.addSql(`alter table "collection_entries" add constraint "collection_entries_collection_id_case_id_unique" unique ("collection_id", "case_id");`);

    this.addSql(`alter table "collections" add constraint "collections_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "collections" add constraint "collections_status_check" check ("status" in ('DRAFT', 'PUBLISHED'));`);

    this.addSql(`alter table "featured_cases" add constraint "featured_cases_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "featured_cases" add constraint "featured_cases_featured_by_id_foreign" foreign key ("featured_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "collection_entries" add constraint "collection_entries_collection_id_foreign" foreign key ("collection_id") references "collections" ("id") on delete cascade;`);
    this.addSql(`alter table "collection_entries" add constraint "collection_entries_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "collection_entries" add constraint "collection_entries_added_by_id_foreign" foreign key ("added_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "collection_entries" drop constraint "collection_entries_collection_id_foreign";`);

    this.addSql(`drop table if exists "search_query_stats" cascade;`);
    this.addSql(`drop table if exists "collections" cascade;`);
    this.addSql(`drop table if exists "featured_cases" cascade;`);
    this.addSql(`drop table if exists "collection_entries" cascade;`);
  }

}
