import { Migration } from '@mikro-orm/migrations';

export class Migration20261205181712_DirectorySignIn extends Migration {

  override name = 'Migration20261205181712_DirectorySignIn';

  override up(): void | Promise<void> {
    this.addSql(`create table "directory_sign_in_attempts" ("browser_key_hash" text not null, "organisation_id" uuid not null, "state" text not null, "nonce" text not null, "code_verifier" text not null, "return_to" text not null, "expires_at" timestamptz not null, primary key ("browser_key_hash"));`);
    this.addSql(`create index "directory_sign_in_attempts_expires_at_index" on "directory_sign_in_attempts" ("expires_at");`);

    this.addSql(`create table "organisation_sign_ins" ("id" uuid not null, "organisation_id" uuid not null, "issuer" text not null, "client_id" text not null, "client_secret" text not null, "scopes" text not null, "email_claim" text not null, "name_claim" text not null, "department_code_claim" text not null, "allow_local_passwords" boolean not null, "enabled" boolean not null, "updated_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "organisation_sign_ins" add constraint "organisation_sign_ins_organisation_id_unique" unique ("organisation_id");`);

    this.addSql(`create table "directory_identities" ("id" uuid not null, "issuer" text not null, "subject" text not null, "user_id" uuid not null, "organisation_id" uuid not null, "created_at" timestamptz not null, "last_sign_in_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "directory_identities_user_id_index" on "directory_identities" ("user_id");`);
    this.addSql(`alter table "directory_identities" add constraint "directory_identities_issuer_subject_unique" unique ("issuer", "subject");`);

    this.addSql(`alter table "sessions" add "directory_sign_in" uuid null;`);

    this.addSql(`alter table "directory_sign_in_attempts" add constraint "directory_sign_in_attempts_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete cascade;`);

    this.addSql(`alter table "organisation_sign_ins" add constraint "organisation_sign_ins_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete cascade;`);

    this.addSql(`alter table "directory_identities" add constraint "directory_identities_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "directory_identities" add constraint "directory_identities_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete cascade;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "directory_sign_in_attempts" cascade;`);
    this.addSql(`drop table if exists "organisation_sign_ins" cascade;`);
    this.addSql(`drop table if exists "directory_identities" cascade;`);

    this.addSql(`alter table "sessions" drop column "directory_sign_in";`);
  }

}
