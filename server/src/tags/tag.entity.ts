import { randomUUID } from "node:crypto";
import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";

/** A shared vocabulary term (theme, tool, skill). Names are unique after normalisation. */
@Entity({ tableName: "tags" })
export class Tag {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "text" })
  name!: string;

  @Property({ type: "text" })
  @Unique()
  nameKey!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}
