import { Migration } from '@mikro-orm/migrations';

export class Migration20261121071840_Adoptions extends Migration {

  override name = 'Migration20261121071840_Adoptions';

  override up(): void | Promise<void> {
    this.addSql(`create table "case_freshness" ("case_id" uuid not null, "confirmed_at" timestamptz null, "confirmed_by_id" uuid null, "notified_fiscal_year" int null, "notified_at" timestamptz null, "updated_at" timestamptz not null, primary key ("case_id"));`);

    this.addSql(`create table "questions" ("id" uuid not null, "case_id" uuid not null, "department_id" uuid null, "author_id" uuid null, "body" text not null, "accepted_answer_id" uuid null, "accepted_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "questions_department_id_created_at_index" on "questions" ("department_id", "created_at");`);
    this.addSql(`create index "questions_case_id_created_at_index" on "questions" ("case_id", "created_at");`);

    this.addSql(`create table "answers" ("id" uuid not null, "question_id" uuid not null, "department_id" uuid null, "author_id" uuid null, "body" text not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "answers_question_id_created_at_index" on "answers" ("question_id", "created_at");`);

    this.addSql(`create table "adoptions" ("id" uuid not null, "case_id" uuid not null, "department_id" uuid not null, "status" text not null, "note" text not null default '', "changes" text not null default '', "effects" jsonb not null, "derived_case_id" uuid null, "recorded_by_id" uuid null, "version" int not null default 1, "created_at" timestamptz not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "adoptions_case_id_status_index" on "adoptions" ("case_id", "status");`);
    this.addSql(`create index "adoptions_department_id_updated_at_index" on "adoptions" ("department_id", "updated_at");`);
    this.addSql(`alter table "adoptions" add constraint "adoptions_case_id_department_id_unique" unique ("case_id", "department_id");`);

    this.addSql(`create table "adoption_events" ("id" uuid not null, "adoption_id" uuid not null, "from_status" text null, "status" text not null, "note" text not null default '', "actor_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "adoption_events_adoption_id_created_at_index" on "adoption_events" ("adoption_id", "created_at");`);

    this.addSql(`alter table "case_freshness" add constraint "case_freshness_case_id_foreign" foreign key ("case_id") references "cases" ("id") on update cascade on delete cascade;`);
    this.addSql(`alter table "case_freshness" add constraint "case_freshness_confirmed_by_id_foreign" foreign key ("confirmed_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "questions" add constraint "questions_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "questions" add constraint "questions_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete set null;`);
    this.addSql(`alter table "questions" add constraint "questions_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "questions" add constraint "questions_accepted_answer_id_foreign" foreign key ("accepted_answer_id") references "answers" ("id") on delete set null;`);

    this.addSql(`alter table "answers" add constraint "answers_question_id_foreign" foreign key ("question_id") references "questions" ("id") on delete cascade;`);
    this.addSql(`alter table "answers" add constraint "answers_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete set null;`);
    this.addSql(`alter table "answers" add constraint "answers_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "adoptions" add constraint "adoptions_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "adoptions" add constraint "adoptions_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete cascade;`);
    this.addSql(`alter table "adoptions" add constraint "adoptions_derived_case_id_foreign" foreign key ("derived_case_id") references "cases" ("id") on delete set null;`);
    this.addSql(`alter table "adoptions" add constraint "adoptions_recorded_by_id_foreign" foreign key ("recorded_by_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "adoptions" add constraint "adoptions_status_check" check ("status" in ('CONSIDERING', 'TRIAL', 'ADOPTED', 'DECLINED'));`);

    this.addSql(`alter table "adoption_events" add constraint "adoption_events_adoption_id_foreign" foreign key ("adoption_id") references "adoptions" ("id") on delete cascade;`);
    this.addSql(`alter table "adoption_events" add constraint "adoption_events_actor_id_foreign" foreign key ("actor_id") references "users" ("id") on delete set null;`);
    this.addSql(`alter table "adoption_events" add constraint "adoption_events_from_status_check" check ("from_status" in ('CONSIDERING', 'TRIAL', 'ADOPTED', 'DECLINED'));`);
    this.addSql(`alter table "adoption_events" add constraint "adoption_events_status_check" check ("status" in ('CONSIDERING', 'TRIAL', 'ADOPTED', 'DECLINED'));`);

    // Search documents gain `adoptionCount` (filter, MOST_ADOPTED sort): re-index every published case
    // through the outbox, so an existing index gets the field without a manual `kb reindex`.
    this.addSql(`insert into "search_outbox" ("case_id", "enqueued_at", "available_at") select "id", now(), now() from "cases" where "status" = 'PUBLISHED';`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "answers" drop constraint "answers_question_id_foreign";`);
    this.addSql(`alter table "questions" drop constraint "questions_accepted_answer_id_foreign";`);
    this.addSql(`alter table "adoption_events" drop constraint "adoption_events_adoption_id_foreign";`);

    this.addSql(`drop table if exists "case_freshness" cascade;`);
    this.addSql(`drop table if exists "questions" cascade;`);
    this.addSql(`drop table if exists "answers" cascade;`);
    this.addSql(`drop table if exists "adoptions" cascade;`);
    this.addSql(`drop table if exists "adoption_events" cascade;`);
  }

}
