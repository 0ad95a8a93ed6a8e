import { Migration } from '@mikro-orm/migrations';

export class Migration20261121060137_SearchSynonyms extends Migration {

  override name = 'Migration20261121060137_SearchSynonyms';

  override up(): void | Promise<void> {
    this.addSql(`create table "search_reindex_runs" ("id" uuid not null, "state" text not null default 'RUNNING', "build_index" text not null, "outbox_mark" bigint null, "documents" int not null default 0, "replayed" int not null default 0, "started_at" timestamptz not null, "heartbeat_at" timestamptz not null, "finished_at" timestamptz null, "error" text null, primary key ("id"));`);

    this.addSql(`create table "synonym_groups" ("id" uuid not null, "mode" text not null default 'EQUIVALENT', "terms" jsonb not null, "note" text null, "version" int not null default 1, "updated_by" uuid null, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);

    this.addSql(`drop index "search_outbox_available_at_index";`);
    this.addSql(`alter table "search_outbox" add "processed_at" timestamptz null;`);
    this.addSql(`create index "search_outbox_processed_at_id_index" on "search_outbox" ("processed_at", "id");`);

    this.addSql(`alter table "search_reindex_runs" add constraint "search_reindex_runs_state_check" check ("state" in ('RUNNING', 'DONE', 'FAILED'));`);

    this.addSql(`alter table "synonym_groups" add constraint "synonym_groups_mode_check" check ("mode" in ('EQUIVALENT', 'ONE_WAY'));`);

    // The administrative synonyms every installation starts with (the secretariat edits them in the UI).
    this.addSql(`insert into "synonym_groups" ("id", "mode", "terms", "note", "version", "created_at", "updated_at") values
      (gen_random_uuid(), 'EQUIVALENT', '["キントーン", "kintone"]', '製品名の表記ゆれ', 1, now(), now()),
      (gen_random_uuid(), 'EQUIVALENT', '["生成AI", "ChatGPT", "チャットGPT"]', '生成AIの呼び方', 1, now() + interval '1 ms', now()),
      (gen_random_uuid(), 'EQUIVALENT', '["電子申請", "オンライン申請"]', null, 1, now() + interval '2 ms', now()),
      (gen_random_uuid(), 'EQUIVALENT', '["窓口DX", "フロントヤード改革"]', '国の施策名と庁内の呼び方', 1, now() + interval '3 ms', now()),
      (gen_random_uuid(), 'EQUIVALENT', '["1on1", "ワンオンワン"]', null, 1, now() + interval '4 ms', now()),
      (gen_random_uuid(), 'ONE_WAY', '["残業", "時間外勤務"]', '「残業」で時間外勤務の事例も探せるように', 1, now() + interval '5 ms', now()),
      (gen_random_uuid(), 'ONE_WAY', '["在宅勤務", "テレワーク"]', '「在宅勤務」でテレワークの事例も探せるように', 1, now() + interval '6 ms', now());`);

    // Documents indexed before this migration lack the synonym fields: queue every published case
    // for re-expansion (nothing on a new database).
    this.addSql(`insert into "search_outbox" ("case_id", "enqueued_at", "available_at", "attempts")
      select "id", now(), now(), 0 from "cases" where "status" = 'PUBLISHED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "search_reindex_runs" cascade;`);
    this.addSql(`drop table if exists "synonym_groups" cascade;`);

    this.addSql(`drop index "search_outbox_processed_at_id_index";`);
    this.addSql(`alter table "search_outbox" drop column "processed_at";`);
    this.addSql(`create index "search_outbox_available_at_index" on "search_outbox" ("available_at");`);
  }

}
