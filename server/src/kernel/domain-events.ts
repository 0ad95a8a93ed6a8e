import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { EventSubscriber, FlushEventArgs, Opt } from "@mikro-orm/core";
import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * A fact a writer records about what it changed ("case transitioned", "synonyms changed"). `type`
 * names the fact; `payload` says what it is about (plain JSON). Each writer slice declares its own
 * facts in `<slice>/<slice>.events.ts`; the kernel knows none of them.
 */
export interface DomainFact<T extends string = string, P extends object = object> {
  type: T;
  payload: P;
}

/**
 * A recorded fact, written in the same transaction as the change it describes: a committed change
 * always has its facts and a rolled-back one never does. Consumers registered with the ORM
 * (db/orm.ts: the search projector) see each fact before the flush that writes it, in that
 * transaction, and write what follows from it (search outbox rows) into the same flush.
 *
 * Nothing reads the rows back today: they are the log of what happened, pruned after
 * DOMAIN_EVENT_RETENTION_MS (search/search-outbox.worker.ts purges them with its done rows).
 */
@Entity({ tableName: "domain_events" })
@Index({ properties: ["occurredAt"] })
export class DomainEvent {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  id!: string & Opt;

  @Property({ type: "text" })
  type!: string;

  @Property({ type: "json" })
  payload!: object;

  @Property({ type: "datetime", columnType: "timestamptz" })
  occurredAt: Date & Opt = new Date();
}

/** How long recorded facts are kept (a day of writes: enough to tell why the index was asked to change). */
export const DOMAIN_EVENT_RETENTION_MS = 24 * 60 * 60_000;

/** Call inside the transaction that makes the change (like recordAudit): the fact commits or rolls back with it. */
export function recordEvent(em: EntityManager, fact: DomainFact): void {
  em.persist(em.create(DomainEvent, { type: fact.type, payload: fact.payload }));
}

/** Deletes facts older than `retentionMs`; returns how many. */
export async function pruneDomainEvents(em: EntityManager, retentionMs = DOMAIN_EVENT_RETENTION_MS): Promise<number> {
  const rows = await em.execute<{ id: string }[]>(
    "delete from domain_events where occurred_at < now() - ? * interval '1 millisecond' returning id",
    [retentionMs],
  );
  return rows.length;
}

/**
 * Receives the facts of one flush, in the order they were recorded, with the EntityManager of the
 * flush (so of the writer's transaction). Whatever it persists is written by that same flush.
 * Throwing fails the flush, and with it the writer's transaction.
 */
export type FactConsumer = (em: EntityManager, facts: readonly DomainFact[]) => void | Promise<void>;

/**
 * Hands every fact to the consumers before the flush that writes it (MikroORM `beforeFlush`, which
 * runs before the change sets are computed, so what a consumer persists joins the same INSERTs).
 * Registered once per ORM (db/orm.ts), it cannot be forgotten by a writer: recording the fact is
 * the whole of a writer's part. `em.transactional` flushes before it commits, and a flush outside a
 * transaction runs in one of its own, so the consumers' rows always commit with the fact.
 */
export class DomainEventDispatcher implements EventSubscriber {
  /** Facts already handed over (a fact stays in the persist stack until a flush computes its change set). */
  private readonly handed = new WeakSet<DomainEvent>();

  constructor(private readonly consumers: readonly FactConsumer[]) {}

  async beforeFlush({ em, uow }: FlushEventArgs): Promise<void> {
    const fresh: DomainEvent[] = [];
    for (const entity of uow.getPersistStack()) {
      if (entity instanceof DomainEvent && !this.handed.has(entity)) fresh.push(entity);
    }
    if (!fresh.length) return;
    const facts = fresh.map((e) => ({ type: e.type, payload: e.payload }));
    for (const consume of this.consumers) await consume(em as EntityManager, facts);
    // Only once every consumer took them: a consumer that threw sees them again if the flush is retried.
    for (const event of fresh) this.handed.add(event);
  }
}
