import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16 items 6–7: 募集 (solicitations) and the cases offered in answer, follows (a tag, a 自治体,
 * a 募集), and the e-mail outbox the follow notices are sent from.
 */
export class Migration20261205220300_DemandBoardAndFollows extends Migration {

  override name = 'Migration20261205220300_DemandBoardAndFollows';

  override up(): void | Promise<void> {
    this.addSql(`create table "mail_outbox" ("id" uuid not null, "to_address" text not null, "subject" text not null, "body" text not null, "link_path" text null, "attempts" int not null default 0, "next_attempt_at" timestamptz not null, "sent_at" timestamptz null, "failed_at" timestamptz null, "last_error" text null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "mail_outbox_sent_at_failed_at_next_attempt_at_index" on "mail_outbox" ("sent_at", "failed_at", "next_attempt_at");`);

    this.addSql(`create table "solicitations" ("id" uuid not null, "organisation_id" uuid not null, "scope" text not null, "by_hub" boolean not null default false, "title" text not null, "description" text not null default '', "deadline" date not null, "demand_key" text null, "created_by_id" uuid null, "created_at" timestamptz not null, "closed_at" timestamptz null, primary key ("id"));`);
    this.addSql(`create index "solicitations_organisation_id_created_at_index" on "solicitations" ("organisation_id", "created_at");`);
    this.addSql(`create index "solicitations_scope_created_at_index" on "solicitations" ("scope", "created_at");`);

    this.addSql(`create table "follows" ("id" uuid not null, "organisation_id" uuid not null, "user_id" uuid not null, "target_type" text not null, "target_id" uuid not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "follows_organisation_id_index" on "follows" ("organisation_id");`);
    this.addSql(`create index "follows_target_type_target_id_index" on "follows" ("target_type", "target_id");`);
    this.addSql(`alter table "follows" add constraint "follows_user_id_target_type_target_id_unique" unique ("user_id", "target_type", "target_id");`);

    this.addSql(`create table "solicitation_answers" ("id" uuid not null, "solicitation_id" uuid not null, "case_id" uuid not null, "organisation_id" uuid not null, "department_id" uuid null, "author_id" uuid null, "comment" text not null default '', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "solicitation_answers_case_id_index" on "solicitation_answers" ("case_id");`);
    this.addSql(`create index "solicitation_answers_organisation_id_index" on "solicitation_answers" ("organisation_id");`);
    this.addSql(`create index "solicitation_answers_solicitation_id_created_at_index" on "solicitation_answers" ("solicitation_id", "created_at");`);
    this.addSql(`alter table "solicitation_answers" add constraint "solicitation_answers_solicitation_id_case_id_unique" unique ("solicitation_id", "case_id");`);

    this.addSql(`alter table "solicitations" add constraint "solicitations_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`alter table "solicitations" add constraint "solicitations_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "follows" add constraint "follows_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`alter table "follows" add constraint "follows_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "solicitation_answers" add constraint "solicitation_answers_solicitation_id_foreign" foreign key ("solicitation_id") references "solicitations" ("id") on delete cascade;`);
    this.addSql(`alter table "solicitation_answers" add constraint "solicitation_answers_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "solicitation_answers" add constraint "solicitation_answers_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`alter table "solicitation_answers" add constraint "solicitation_answers_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete set null;`);
    this.addSql(`alter table "solicitation_answers" add constraint "solicitation_answers_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "solicitation_answers" drop constraint "solicitation_answers_solicitation_id_foreign";`);

    this.addSql(`drop table if exists "mail_outbox" cascade;`);
    this.addSql(`drop table if exists "solicitations" cascade;`);
    this.addSql(`drop table if exists "follows" cascade;`);
    this.addSql(`drop table if exists "solicitation_answers" cascade;`);
  }

}
