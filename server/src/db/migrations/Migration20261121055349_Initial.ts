import { Migration } from '@mikro-orm/migrations';

export class Migration20261121055349_Initial extends Migration {

  override name = 'Migration20261121055349_Initial';

  override up(): void | Promise<void> {
    this.addSql(`create table "departments" ("id" uuid not null, "name" text not null, "name_key" text not null, "parent_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "departments" add constraint "departments_name_key_unique" unique ("name_key");`);

    this.addSql(`create table "cases" ("id" uuid not null, "external_id" text null, "kind" text not null, "title" text not null, "summary" text not null, "background" text not null default '', "actions" text not null default '', "results" text not null default '', "tips" text not null default '', "department_id" uuid not null, "fiscal_year" int not null, "effects" jsonb not null, "details" jsonb null, "status" text not null default 'DRAFT', "version" int not null default 1, "content_hash" text null, "published_at" timestamptz null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "cases" add constraint "cases_external_id_unique" unique ("external_id");`);
    this.addSql(`create index "cases_department_id_index" on "cases" ("department_id");`);
    this.addSql(`create index "cases_status_fiscal_year_index" on "cases" ("status", "fiscal_year");`);

    this.addSql(`create table "search_outbox" ("id" bigserial primary key, "case_id" uuid not null, "enqueued_at" timestamptz not null, "available_at" timestamptz not null, "attempts" int not null default 0, "last_error" text null);`);
    this.addSql(`create index "search_outbox_available_at_index" on "search_outbox" ("available_at");`);

    this.addSql(`create table "tags" ("id" uuid not null, "name" text not null, "name_key" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "tags" add constraint "tags_name_key_unique" unique ("name_key");`);

    this.addSql(`create table "case_tags" ("case_id" uuid not null, "tag_id" uuid not null, primary key ("case_id", "tag_id"));`);

    this.addSql(`alter table "departments" add constraint "departments_parent_id_foreign" foreign key ("parent_id") references "departments" ("id") on delete set null;`);

    this.addSql(`alter table "cases" add constraint "cases_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete restrict;`);
    this.addSql(`alter table "cases" add constraint "cases_kind_check" check ("kind" in ('KINTONE_APP', 'WORKSHOP', 'TALENT_LESSON', 'PRACTICE'));`);
    this.addSql(`alter table "cases" add constraint "cases_status_check" check ("status" in ('DRAFT', 'SUBMITTED', 'PUBLISHED', 'CHANGES_REQUESTED', 'REJECTED', 'ARCHIVED'));`);

    this.addSql(`create or replace function "search_outbox_search_outbox_notify_fn"() returns trigger as \$\$ begin perform pg_notify('kb_search_outbox', ''); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "search_outbox_notify" AFTER INSERT on "search_outbox" for each STATEMENT execute function "search_outbox_search_outbox_notify_fn"();`);

    this.addSql(`alter table "case_tags" add constraint "case_tags_case_id_foreign" foreign key ("case_id") references "cases" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "case_tags" add constraint "case_tags_tag_id_foreign" foreign key ("tag_id") references "tags" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "departments" drop constraint "departments_parent_id_foreign";`);
    this.addSql(`alter table "cases" drop constraint "cases_department_id_foreign";`);
    this.addSql(`alter table "case_tags" drop constraint "case_tags_case_id_foreign";`);
    this.addSql(`alter table "case_tags" drop constraint "case_tags_tag_id_foreign";`);

    this.addSql(`drop table if exists "departments" cascade;`);
    this.addSql(`drop table if exists "cases" cascade;`);
    this.addSql(`drop trigger if exists "search_outbox_notify" on "search_outbox";`);
    this.addSql(`drop function if exists "search_outbox_search_outbox_notify_fn"();`);
    this.addSql(`drop table if exists "search_outbox" cascade;`);
    this.addSql(`drop table if exists "tags" cascade;`);
    this.addSql(`drop table if exists "case_tags" cascade;`);
  }

}
