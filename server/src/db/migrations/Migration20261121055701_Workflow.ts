import { Migration } from '@mikro-orm/migrations';

export class Migration20261121055701_Workflow extends Migration {

  override name = 'Migration20261121055701_Workflow';

  override up(): void | Promise<void> {
    this.addSql(`create table "audit_log" ("id" bigserial primary key, "actor_id" uuid null, "action" text not null, "subject_type" text not null, "subject_id" text not null, "before" jsonb null, "after" jsonb null, "at" timestamptz not null);`);
    this.addSql(`create index "audit_log_subject_type_subject_id_index" on "audit_log" ("subject_type", "subject_id");`);

    this.addSql(`create table "login_attempts" ("id" bigserial primary key, "email_key" text not null, "ip" text not null, "succeeded" boolean not null, "at" timestamptz not null);`);
    this.addSql(`create index "login_attempts_ip_at_index" on "login_attempts" ("ip", "at");`);
    this.addSql(`create index "login_attempts_email_key_at_index" on "login_attempts" ("email_key", "at");`);

    this.addSql(`create table "users" ("id" uuid not null, "email" text not null, "display_name" text not null, "password_hash" text not null, "role" text not null, "department_id" uuid not null, "active" boolean not null default true, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "users" add constraint "users_email_unique" unique ("email");`);

    this.addSql(`create table "sessions" ("token_hash" text not null, "user_id" uuid not null, "created_at" timestamptz not null, "expires_at" timestamptz not null, primary key ("token_hash"));`);
    this.addSql(`create index "sessions_expires_at_index" on "sessions" ("expires_at");`);

    this.addSql(`create table "reviews" ("id" uuid not null, "case_id" uuid not null, "reviewer_id" uuid not null, "decision" text not null, "comment" text not null default '', "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "reviews_case_id_created_at_index" on "reviews" ("case_id", "created_at");`);

    this.addSql(`create table "notifications" ("id" uuid not null, "recipient_id" uuid not null, "type" text not null, "case_id" uuid null, "message" text not null, "read_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "notifications_recipient_id_read_at_created_at_index" on "notifications" ("recipient_id", "read_at", "created_at");`);

    this.addSql(`create table "case_revisions" ("id" uuid not null, "case_id" uuid not null, "version" int not null, "editor_id" uuid null, "snapshot" jsonb not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "case_revisions" add constraint "case_revisions_case_id_version_unique" unique ("case_id", "version");`);

    this.addSql(`create table "attachments" ("id" uuid not null, "case_id" uuid not null, "file_name" text not null, "content_type" text not null, "size" int not null, "sha256" text not null, "is_kintone_template" boolean not null default false, "uploaded_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "attachments_case_id_index" on "attachments" ("case_id");`);

    this.addSql(`create table "attachment_contents" ("attachment_id" uuid not null, "bytes" bytea not null, primary key ("attachment_id"));`);

    this.addSql(`alter table "cases" add "author_id" uuid null, add "personal_info_findings" jsonb null, add "submitted_at" timestamptz null;`);
    this.addSql(`alter table "cases" add constraint "cases_author_id_foreign" foreign key ("author_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "users" add constraint "users_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete restrict;`);
    this.addSql(`alter table "users" add constraint "users_role_check" check ("role" in ('STAFF', 'SECRETARIAT', 'ADMIN'));`);

    this.addSql(`alter table "sessions" add constraint "sessions_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);

    this.addSql(`alter table "reviews" add constraint "reviews_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "reviews" add constraint "reviews_reviewer_id_foreign" foreign key ("reviewer_id") references "users" ("id") on delete restrict;`);
    this.addSql(`alter table "reviews" add constraint "reviews_decision_check" check ("decision" in ('PUBLISH', 'REQUEST_CHANGES', 'REJECT'));`);

    this.addSql(`alter table "notifications" add constraint "notifications_recipient_id_foreign" foreign key ("recipient_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "notifications" add constraint "notifications_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);

    this.addSql(`alter table "case_revisions" add constraint "case_revisions_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "case_revisions" add constraint "case_revisions_editor_id_foreign" foreign key ("editor_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "attachments" add constraint "attachments_case_id_foreign" foreign key ("case_id") references "cases" ("id") on delete cascade;`);
    this.addSql(`alter table "attachments" add constraint "attachments_uploaded_by_id_foreign" foreign key ("uploaded_by_id") references "users" ("id") on delete set null;`);

    this.addSql(`alter table "attachment_contents" add constraint "attachment_contents_attachment_id_foreign" foreign key ("attachment_id") references "attachments" ("id") on update cascade on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`alter table "sessions" drop constraint "sessions_user_id_foreign";`);
    this.addSql(`alter table "cases" drop constraint "cases_author_id_foreign";`);
    this.addSql(`alter table "reviews" drop constraint "reviews_reviewer_id_foreign";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_recipient_id_foreign";`);
    this.addSql(`alter table "case_revisions" drop constraint "case_revisions_editor_id_foreign";`);
    this.addSql(`alter table "attachments" drop constraint "attachments_uploaded_by_id_foreign";`);
    this.addSql(`alter table "attachment_contents" drop constraint "attachment_contents_attachment_id_foreign";`);

    this.addSql(`drop table if exists "audit_log" cascade;`);
    this.addSql(`drop table if exists "login_attempts" cascade;`);
    this.addSql(`drop table if exists "users" cascade;`);
    this.addSql(`drop table if exists "sessions" cascade;`);
    this.addSql(`drop table if exists "reviews" cascade;`);
    this.addSql(`drop table if exists "notifications" cascade;`);
    this.addSql(`drop table if exists "case_revisions" cascade;`);
    this.addSql(`drop table if exists "attachments" cascade;`);
    this.addSql(`drop table if exists "attachment_contents" cascade;`);

    this.addSql(`alter table "cases" drop column "author_id", drop column "personal_info_findings", drop column "submitted_at";`);
  }

}
