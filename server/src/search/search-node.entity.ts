import { Entity, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";

/**
 * A search node besides "primary" that gets its own copy of every search outbox row (the
 * `search_outbox_fan_out` trigger reads this table). Registered by the server when
 * MEILI_REPLICA_URL or KB_SEARCH_REPLICA is set, removed when neither is (search-nodes.ts).
 */
@Entity({ tableName: "search_nodes" })
export class SearchNode {
  @PrimaryKey({ type: "text" })
  name!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  registeredAt: Date & Opt = new Date();
}
