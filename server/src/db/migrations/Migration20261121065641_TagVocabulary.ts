import { Migration } from '@mikro-orm/migrations';

export class Migration20261121065641_TagVocabulary extends Migration {

  override name = 'Migration20261121065641_TagVocabulary';

  override up(): void | Promise<void> {
    this.addSql(`create table "tag_bulk_jobs" ("id" uuid not null, "action" text not null, "tag_id" uuid not null, "case_ids" jsonb not null, "total" int not null, "done" int not null default 0, "changed" int not null default 0, "state" text not null default 'RUNNING', "error" text null, "created_by" uuid null, "created_at" timestamptz not null, "heartbeat_at" timestamptz not null, "finished_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "tag_bulk_jobs_created_at_index" on "tag_bulk_jobs" ("created_at");`);

    this.addSql(`create table "tag_merges" ("id" uuid not null, "source_id" uuid not null, "target_id" uuid not null, "source_name" text not null, "target_name" text not null, "moved_case_ids" jsonb not null, "added_target_case_ids" jsonb not null, "repointed_alias_ids" jsonb not null, "synonym_group_id" uuid null, "actor_id" uuid null, "created_at" timestamptz not null, "undone_at" timestamptz null, "undone_by" uuid null, primary key ("id"));`);
    this.addSql(`create index "tag_merges_created_at_index" on "tag_merges" ("created_at");`);

    this.addSql(`create table "tag_proposals" ("id" uuid not null, "case_id" uuid not null, "tag_name" text not null, "tag_name_key" text not null, "category" text not null default 'THEME', "comment" text not null default '', "proposer_id" uuid null, "status" text not null default 'PENDING', "decided_by_id" uuid null, "decision_comment" text not null default '', "decided_at" timestamptz null, "tag_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "tag_proposals_status_created_at_index" on "tag_proposals" ("status", "created_at");`);
    this.addSql(`create index "tag_proposals_case_id_status_index" on "tag_proposals" ("case_id", "status");`);

    // Existing tags become テーマ with an empty description (the seed vocabulary and the secretariat
    // fill them in); updated_at starts at created_at.
    this.addSql(`alter table "tags" add "category" text not null default 'THEME', add "description" text not null default '', add "merged_into_id" uuid null, add "retired_at" timestamptz null, add "version" int not null default 1, add "updated_at" timestamptz not null default now();`);
    this.addSql(`update "tags" set "updated_at" = "created_at";`);
    this.addSql(`alter table "tags" alter column "updated_at" drop default;`);
    // Well-known tools are ツール from the start.
    this.addSql(`update "tags" set "category" = 'TOOL' where "name_key" in ('kintone', 'excel', 'gis', '生成ai', 'chatgpt', 'rpa', 'ノーコード', 'チャットボット', 'sns', 'lgwan');`);
    this.addSql(`alter table "tags" add constraint "tags_merged_into_id_foreign" foreign key ("merged_into_id") references "tags" ("id") on delete set null;`);
    this.addSql(`create index "tags_merged_into_id_index" on "tags" ("merged_into_id");`);
    this.addSql(`alter table "tags" add constraint "tags_category_check" check ("category" in ('THEME', 'TOOL', 'SKILL', 'PILLAR', 'TARGET'));`);

    this.addSql(`alter table "tag_bulk_jobs" add constraint "tag_bulk_jobs_tag_id_foreign" foreign key ("tag_id") references "tags" ("id") on delete cascade;`);
    this.addSql(`alter table "tag_bulk_jobs" add constraint "tag_bulk_jobs_action_check" check ("action" in ('ADD', 'REMOVE'));`);
    this.addSql(`alter table "tag_bulk_jobs" add constraint "tag_bulk_jobs_state_check" check ("state" in ('RUNNING', 'DONE', 'FAILED'));`);

    this.addSql(`alter table "tag_merges" add constraint "tag_merges_source_id_foreign" foreign key ("source_id") references "tags" ("id") on delete cascade;`);
    this.addSql(`alter table "tag_merges" add constraint "tag_merges_target_id_foreign" foreign key ("target_id") references "tags" ("id") on delete cascade;`);

    this.addSql(`alter table "tag_proposals" add constraint "tag_proposals_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "tag_proposals" add constraint "tag_proposals_proposer_id_foreign" foreign key ("proposer_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "tag_proposals" add constraint "tag_proposals_decided_by_id_foreign" foreign key ("decided_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "tag_proposals" add constraint "tag_proposals_tag_id_foreign" foreign key ("tag_id") references "tags" ("id") on delete set null;`);
    this.addSql(`alter table "tag_proposals" add constraint "tag_proposals_category_check" check ("category" in ('THEME', 'TOOL', 'SKILL', 'PILLAR', 'TARGET'));`);
    this.addSql(`alter table "tag_proposals" add constraint "tag_proposals_status_check" check ("status" in ('PENDING', 'ACCEPTED', 'DECLINED'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "tag_bulk_jobs" cascade;`);
    this.addSql(`drop table if exists "tag_merges" cascade;`);
    this.addSql(`drop table if exists "tag_proposals" cascade;`);

    this.addSql(`alter table "tags" drop constraint "tags_merged_into_id_foreign";`);

    this.addSql(`drop index "tags_merged_into_id_index";`);
    this.addSql(`alter table "tags" drop constraint "tags_category_check";`);
    this.addSql(`alter table "tags" drop column "category", drop column "description", drop column "merged_into_id", drop column "retired_at", drop column "version", drop column "updated_at";`);
  }

}
