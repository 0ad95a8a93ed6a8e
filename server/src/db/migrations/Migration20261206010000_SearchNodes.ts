import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17 item 5: a second Meilisearch fed from the same outbox with its own progress. Outbox rows
 * name their node; rows written for "primary" are copied, in the same statement, for every node in
 * `search_nodes` (none unless a replica is configured), so each node claims, retries and drops its
 * own rows and one node being down never holds the other back.
 */
export class Migration20261206010000_SearchNodes extends Migration {

  override name = 'Migration20261206010000_SearchNodes';

  override up(): void | Promise<void> {
    this.addSql(`create table "search_nodes" ("name" text not null, "registered_at" timestamptz not null, constraint "search_nodes_pkey" primary key ("name"));`);
    this.addSql(`alter table "search_outbox" add "node" text not null default 'primary';`);
    this.addSql(`drop index "search_outbox_processed_at_id_index";`);
    this.addSql(`create index "search_outbox_node_processed_at_id_index" on "search_outbox" ("node", "processed_at", "id");`);
    // Copies of rows for "primary" only: a node's own rows (a requeue, a backfill) are not copied again.
    // The copies' own INSERT fires this trigger again (a statement trigger fires even for no rows):
    // the depth check ends that at once, as does an empty search_nodes for a one-node installation.
    this.addSql(`create or replace function "search_outbox_fan_out_fn"() returns trigger as \$\$ begin
      if pg_trigger_depth() > 1 or not exists (select 1 from "search_nodes") then return null; end if;
      insert into "search_outbox" ("node", "case_id", "kind", "enqueued_at", "available_at", "attempts")
        select n."name", i."case_id", i."kind", i."enqueued_at", i."available_at", 0
          from inserted i cross join "search_nodes" n
         where i."node" = 'primary';
      return null;
    end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "search_outbox_fan_out" after insert on "search_outbox" referencing new table as inserted for each statement execute function "search_outbox_fan_out_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "search_outbox_fan_out" on "search_outbox";`);
    this.addSql(`drop function if exists "search_outbox_fan_out_fn"();`);
    this.addSql(`delete from "search_outbox" where "node" <> 'primary';`);
    this.addSql(`drop index "search_outbox_node_processed_at_id_index";`);
    this.addSql(`create index "search_outbox_processed_at_id_index" on "search_outbox" ("processed_at", "id");`);
    this.addSql(`alter table "search_outbox" drop column "node";`);
    this.addSql(`drop table if exists "search_nodes" cascade;`);
  }

}
