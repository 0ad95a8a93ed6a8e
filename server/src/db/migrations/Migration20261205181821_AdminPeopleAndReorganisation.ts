import { Migration } from '@mikro-orm/migrations';

export class Migration20261205181821_AdminPeopleAndReorganisation extends Migration {

  override name = 'Migration20261205181821_AdminPeopleAndReorganisation';

  override up(): void | Promise<void> {
    this.addSql(`create table "department_aliases" ("id" uuid not null, "organisation_id" uuid not null, "department_id" uuid not null, "name" text not null, "name_key" text not null, "since" date not null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "department_aliases_department_id_index" on "department_aliases" ("department_id");`);
    this.addSql(`alter table "department_aliases" add constraint "department_aliases_organisation_id_name_key_unique" unique ("organisation_id", "name_key");`);

    this.addSql(`create table "user_invitations" ("id" uuid not null, "organisation_id" uuid not null, "user_id" uuid not null, "token_hash" text not null, "expires_at" timestamptz not null, "used_at" timestamptz null, "created_by_id" uuid null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`create index "user_invitations_user_id_index" on "user_invitations" ("user_id");`);
    this.addSql(`alter table "user_invitations" add constraint "user_invitations_token_hash_unique" unique ("token_hash");`);

    this.addSql(`alter table "departments" add "abolished_on" date null, add "abolished_by" text null, add "successor_id" uuid null;`);
    this.addSql(`alter table "departments" add constraint "departments_successor_id_foreign" foreign key ("successor_id") references "departments" ("id") on delete set null;`);

    this.addSql(`alter table "department_aliases" add constraint "department_aliases_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`alter table "department_aliases" add constraint "department_aliases_department_id_foreign" foreign key ("department_id") references "departments" ("id") on delete cascade;`);

    this.addSql(`alter table "user_invitations" add constraint "user_invitations_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`alter table "user_invitations" add constraint "user_invitations_user_id_foreign" foreign key ("user_id") references "users" ("id") on delete cascade;`);
    this.addSql(`alter table "user_invitations" add constraint "user_invitations_created_by_id_foreign" foreign key ("created_by_id") references "users" ("id") on delete set null;`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop table if exists "department_aliases" cascade;`);
    this.addSql(`drop table if exists "user_invitations" cascade;`);

    this.addSql(`alter table "departments" drop constraint "departments_successor_id_foreign";`);

    this.addSql(`alter table "departments" drop column "abolished_on", drop column "abolished_by", drop column "successor_id";`);
  }

}
