import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 17 item 3 (fresh under load): the NOTIFY that wakes the search worker says what was written —
 * 'content' when a row must be indexed at once, 'counts' when only adoption counts changed (their
 * rows wait for the end of their window). The worker then drains on 'content' only: under a stream
 * of adoptions, each one used to start a drain that found nothing due, and a publish arriving during
 * it waited for that drain to end. A statement trigger with a transition table, as the fan-out one.
 */
export class Migration20261206030000_SearchOutboxNotifyKind extends Migration {

  override name = 'Migration20261206030000_SearchOutboxNotifyKind';

  override up(): void | Promise<void> {
    this.addSql(`drop trigger if exists "search_outbox_notify" on "search_outbox";`);
    this.addSql(`create or replace function "search_outbox_search_outbox_notify_fn"() returns trigger as \$\$ begin
      if not exists (select 1 from inserted) then return null; end if;
      perform pg_notify('kb_search_outbox', case when exists (select 1 from inserted where "kind" <> 'counts') then 'content' else 'counts' end);
      return null;
    end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "search_outbox_notify" after insert on "search_outbox" referencing new table as inserted for each statement execute function "search_outbox_search_outbox_notify_fn"();`);
  }

  override down(): void | Promise<void> {
    this.addSql(`drop trigger if exists "search_outbox_notify" on "search_outbox";`);
    this.addSql(`create or replace function "search_outbox_search_outbox_notify_fn"() returns trigger as \$\$ begin perform pg_notify('kb_search_outbox', ''); return null; end; \$\$ language plpgsql;`);
    this.addSql(`create trigger "search_outbox_notify" AFTER INSERT on "search_outbox" for each STATEMENT execute function "search_outbox_search_outbox_notify_fn"();`);
  }

}
