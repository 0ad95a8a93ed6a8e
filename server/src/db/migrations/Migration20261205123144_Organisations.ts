import { Migration } from '@mikro-orm/migrations';

export class Migration20261205123144_Organisations extends Migration {

  override name = 'Migration20261205123144_Organisations';

  override up(): void | Promise<void> {
    this.addSql(`create table "organisations" ("id" uuid not null, "name" text not null, "kana" text not null, "prefecture" text not null, "kind" text not null, "code" text null, "population" int null, "population_as_of" date null, "public_reading" boolean not null default false, "home" boolean not null default false, "configured_at" timestamptz null, "created_at" timestamptz not null, primary key ("id"));`);
    this.addSql(`alter table "organisations" add constraint "organisations_code_unique" unique ("code");`);
    // The installation's own organisation: every existing row belongs to it, and anonymous visitors
    // keep reading its published cases as before. Its name and code are a placeholder until someone
    // sets them: KB_ORGANISATION_NAME / KB_ORGANISATION_CODE at the next start, or `kb organisation set`
    // (organisations/organisation.service.ts applyHomeOrganisationConfig).
    this.addSql(`insert into "organisations" ("id", "name", "kana", "prefecture", "kind", "code", "public_reading", "home", "configured_at", "created_at")
      values (gen_random_uuid(), 'この自治体', 'このじちたい', '東京都', 'CITY', null, true, true, null, now());`);

    this.addTenantColumn("import_runs");
    this.addSql(`alter table "import_runs" add constraint "import_runs_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "import_runs_organisation_id_index" on "import_runs" ("organisation_id");`);

    this.addSql(`alter table "departments" drop constraint "departments_name_key_unique";`);
    this.addTenantColumn("departments");
    this.addSql(`alter table "departments" add constraint "departments_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`alter table "departments" add constraint "departments_organisation_id_name_key_unique" unique ("organisation_id", "name_key");`);

    this.addTenantColumn("audit_log");
    this.addSql(`alter table "audit_log" add constraint "audit_log_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "audit_log_organisation_id_index" on "audit_log" ("organisation_id");`);

    this.addSql(`alter table "import_mappings" drop constraint "import_mappings_name_unique";`);
    this.addTenantColumn("import_mappings");
    this.addSql(`alter table "import_mappings" add constraint "import_mappings_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`alter table "import_mappings" add constraint "import_mappings_organisation_id_name_unique" unique ("organisation_id", "name");`);

    this.addTenantColumn("tag_bulk_jobs");
    this.addSql(`alter table "tag_bulk_jobs" add constraint "tag_bulk_jobs_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "tag_bulk_jobs_organisation_id_index" on "tag_bulk_jobs" ("organisation_id");`);

    this.addSql(`alter table "users" add "installation_role" text null;`);
    this.addTenantColumn("users");
    this.addSql(`alter table "users" add constraint "users_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "users_organisation_id_index" on "users" ("organisation_id");`);
    this.addSql(`alter table "users" add constraint "users_installation_role_check" check ("installation_role" in ('OPERATOR'));`);

    this.addTenantColumn("collections");
    this.addSql(`alter table "collections" add constraint "collections_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "collections_organisation_id_index" on "collections" ("organisation_id");`);

    this.addSql(`alter table "cases" drop constraint "cases_external_id_unique";`);
    this.addTenantColumn("cases");
    this.addSql(`alter table "cases" add constraint "cases_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "cases_organisation_id_index" on "cases" ("organisation_id");`);
    this.addSql(`alter table "cases" add constraint "cases_organisation_id_external_id_unique" unique ("organisation_id", "external_id");`);

    this.addTenantColumn("notifications");
    this.addSql(`alter table "notifications" add constraint "notifications_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "notifications_organisation_id_index" on "notifications" ("organisation_id");`);

    this.addTenantColumn("questions");
    this.addSql(`alter table "questions" add constraint "questions_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "questions_organisation_id_index" on "questions" ("organisation_id");`);

    this.addTenantColumn("adoptions");
    this.addSql(`alter table "adoptions" add constraint "adoptions_organisation_id_foreign" foreign key ("organisation_id") references "organisations" ("id") on delete restrict;`);
    this.addSql(`create index "adoptions_organisation_id_index" on "adoptions" ("organisation_id");`);

    this.addSql(`alter table "organisations" add constraint "organisations_prefecture_check" check ("prefecture" in ('北海道', '青森県', '岩手県', '宮城県', '秋田県', '山形県', '福島県', '茨城県', '栃木県', '群馬県', '埼玉県', '千葉県', '東京都', '神奈川県', '新潟県', '富山県', '石川県', '福井県', '山梨県', '長野県', '岐阜県', '静岡県', '愛知県', '三重県', '滋賀県', '京都府', '大阪府', '兵庫県', '奈良県', '和歌山県', '鳥取県', '島根県', '岡山県', '広島県', '山口県', '徳島県', '香川県', '愛媛県', '高知県', '福岡県', '佐賀県', '長崎県', '熊本県', '大分県', '宮崎県', '鹿児島県', '沖縄県'));`);
    // Search statistics are kept per organisation; what was counted so far is the installation's own.
    this.addSql(`alter table "search_query_stats" drop constraint "search_query_stats_pkey";`);
    this.addTenantColumn("search_query_stats");
    this.addSql(`alter table "search_query_stats" add constraint "search_query_stats_pkey" primary key ("organisation_id", "query", "day");`);

    // Every published case's search document now carries organisationId (searches filter on it):
    // queue them all for the search worker, which rewrites them after the migration commits.
    this.addSql(`insert into "search_outbox" ("case_id", "kind", "enqueued_at", "available_at", "attempts")
      select "id", 'content', now(), now(), 0 from "cases" where "status" = 'PUBLISHED';`);
    this.addSql(`alter table "organisations" add constraint "organisations_kind_check" check ("kind" in ('PREFECTURE', 'DESIGNATED_CITY', 'CORE_CITY', 'CITY', 'SPECIAL_WARD', 'TOWN', 'VILLAGE', 'UNION'));`);
  }

  /** organisation_id on an existing table: added empty, filled with the installation's own organisation, then required. */
  private addTenantColumn(table: string): void {
    this.addSql(`alter table "${table}" add "organisation_id" uuid null;`);
    this.addSql(`update "${table}" set "organisation_id" = (select "id" from "organisations" where "home");`);
    this.addSql(`alter table "${table}" alter column "organisation_id" set not null;`);
  }

  override down(): void | Promise<void> {
    // Statistics of other organisations cannot be kept under one (query, day) key: only the installation's own stay.
    this.addSql(`alter table "search_query_stats" drop constraint "search_query_stats_pkey";`);
    this.addSql(`delete from "search_query_stats" where "organisation_id" <> (select "id" from "organisations" where "home");`);
    this.addSql(`alter table "search_query_stats" drop column "organisation_id";`);
    this.addSql(`alter table "search_query_stats" add constraint "search_query_stats_pkey" primary key ("query", "day");`);

    this.addSql(`alter table "import_runs" drop constraint "import_runs_organisation_id_foreign";`);
    this.addSql(`alter table "departments" drop constraint "departments_organisation_id_foreign";`);
    this.addSql(`alter table "audit_log" drop constraint "audit_log_organisation_id_foreign";`);
    this.addSql(`alter table "import_mappings" drop constraint "import_mappings_organisation_id_foreign";`);
    this.addSql(`alter table "tag_bulk_jobs" drop constraint "tag_bulk_jobs_organisation_id_foreign";`);
    this.addSql(`alter table "users" drop constraint "users_organisation_id_foreign";`);
    this.addSql(`alter table "collections" drop constraint "collections_organisation_id_foreign";`);
    this.addSql(`alter table "cases" drop constraint "cases_organisation_id_foreign";`);
    this.addSql(`alter table "notifications" drop constraint "notifications_organisation_id_foreign";`);
    this.addSql(`alter table "questions" drop constraint "questions_organisation_id_foreign";`);
    this.addSql(`alter table "adoptions" drop constraint "adoptions_organisation_id_foreign";`);

    this.addSql(`drop table if exists "organisations" cascade;`);

    this.addSql(`drop index "adoptions_organisation_id_index";`);
    this.addSql(`alter table "adoptions" drop column "organisation_id";`);

    this.addSql(`drop index "audit_log_organisation_id_index";`);
    this.addSql(`alter table "audit_log" drop column "organisation_id";`);

    this.addSql(`drop index "cases_organisation_id_index";`);
    this.addSql(`alter table "cases" drop constraint "cases_organisation_id_external_id_unique";`);
    this.addSql(`alter table "cases" drop column "organisation_id";`);
    this.addSql(`alter table "cases" add constraint "cases_external_id_unique" unique ("external_id");`);

    this.addSql(`drop index "collections_organisation_id_index";`);
    this.addSql(`alter table "collections" drop column "organisation_id";`);

    this.addSql(`alter table "departments" drop constraint "departments_organisation_id_name_key_unique";`);
    this.addSql(`alter table "departments" drop column "organisation_id";`);
    this.addSql(`alter table "departments" add constraint "departments_name_key_unique" unique ("name_key");`);

    this.addSql(`alter table "import_mappings" drop constraint "import_mappings_organisation_id_name_unique";`);
    this.addSql(`alter table "import_mappings" drop column "organisation_id";`);
    this.addSql(`alter table "import_mappings" add constraint "import_mappings_name_unique" unique ("name");`);

    this.addSql(`drop index "import_runs_organisation_id_index";`);
    this.addSql(`alter table "import_runs" drop column "organisation_id";`);

    this.addSql(`drop index "notifications_organisation_id_index";`);
    this.addSql(`alter table "notifications" drop column "organisation_id";`);

    this.addSql(`drop index "questions_organisation_id_index";`);
    this.addSql(`alter table "questions" drop column "organisation_id";`);

    this.addSql(`drop index "tag_bulk_jobs_organisation_id_index";`);
    this.addSql(`alter table "tag_bulk_jobs" drop column "organisation_id";`);

    this.addSql(`drop index "users_organisation_id_index";`);
    this.addSql(`alter table "users" drop constraint "users_installation_role_check";`);
    this.addSql(`alter table "users" drop column "organisation_id", drop column "installation_role";`);
  }

}
