import { Entity, Index, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";

/**
 * The write budget of one user or client address for the current minute (rate-limit.ts), kept in
 * PostgreSQL so every server instance counts into the same bucket. A bucket whose `resetsAt` has
 * passed starts again at the next write; old ones are deleted now and then.
 */
@Entity({ tableName: "rate_limit_buckets" })
@Index({ properties: ["resetsAt"] })
export class RateLimitBucket {
  /** "user:<id>" or "ip:<address>". */
  @PrimaryKey({ type: "text" })
  key!: string;

  @Property({ type: "integer" })
  points!: number;

  @Property({ type: "datetime", columnType: "timestamptz" })
  resetsAt!: Date;
}
