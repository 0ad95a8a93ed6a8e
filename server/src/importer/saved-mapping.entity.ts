import { randomUUID } from "node:crypto";
import { Entity, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import type { TableMappingInput } from "@kb/shared";
import { Organisation } from "../organisations/index.js";

/**
 * A mapping an admin saved on the import page under a name, to use again for the next file of the
 * same kind. Stored as written (validated by the shared tableMappingSchema), so that the
 * page shows it back the way it was built.
 */
@Entity({ tableName: "import_mappings" })
@Unique({ properties: ["organisation", "name"] })
export class SavedImportMapping {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  /** The tenant (issue 15); never changes. Services filter by it (the viewer's organisation). */
  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  organisation!: Ref<Organisation>;

  @Property({ type: "text" })
  name!: string;

  @Property({ type: "json" })
  mapping!: TableMappingInput;

  @Property({ type: "uuid", nullable: true })
  updatedBy?: string | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz", onUpdate: () => new Date() })
  updatedAt: Date & Opt = new Date();
}
