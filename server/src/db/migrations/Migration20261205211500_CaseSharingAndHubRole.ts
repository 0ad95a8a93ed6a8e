import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 16: a case's sharing scope, and the installation's 広域事務局 role. Existing cases of an
 * organisation that reads publicly were readable by everyone, so they stay so (COMMONS); every other
 * case stays its organisation's (ORGANISATION). Nothing anyone could read before becomes unreadable.
 */
export class Migration20261205211500_CaseSharingAndHubRole extends Migration {

  override name = 'Migration20261205211500_CaseSharingAndHubRole';

  override up(): void | Promise<void> {
    this.addSql(`alter table "cases" add "sharing" text not null default 'ORGANISATION';`);
    this.addSql(`alter table "cases" add constraint "cases_sharing_check" check ("sharing" in ('ORGANISATION', 'COMMONS'));`);
    this.addSql(`update "cases" set "sharing" = 'COMMONS' where "organisation_id" in (select "id" from "organisations" where "public_reading");`);
    this.addSql(`create index "cases_sharing_status_index" on "cases" ("sharing", "status");`);
    // Every published case's search document now carries `sharing` (the visibility filter reads it):
    // queue them all for the search worker, which rewrites them after the migration commits.
    this.addSql(`insert into "search_outbox" ("case_id", "kind", "enqueued_at", "available_at", "attempts")
      select "id", 'content', now(), now(), 0 from "cases" where "status" = 'PUBLISHED';`);

    this.addSql(`alter table "users" drop constraint "users_installation_role_check";`);
    this.addSql(`alter table "users" add constraint "users_installation_role_check" check ("installation_role" in ('OPERATOR', 'HUB_SECRETARIAT'));`);
  }

  override down(): void | Promise<void> {
    this.addSql(`update "users" set "installation_role" = null where "installation_role" = 'HUB_SECRETARIAT';`);
    this.addSql(`alter table "users" drop constraint "users_installation_role_check";`);
    this.addSql(`alter table "users" add constraint "users_installation_role_check" check ("installation_role" in ('OPERATOR'));`);
    this.addSql(`drop index "cases_sharing_status_index";`);
    this.addSql(`alter table "cases" drop constraint "cases_sharing_check";`);
    this.addSql(`alter table "cases" drop column "sharing";`);
  }

}
