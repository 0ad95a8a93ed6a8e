import { randomUUID } from "node:crypto";
import { Entity, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt } from "@mikro-orm/core";
import type { TableMappingInput } from "@kb/shared";

/**
 * A mapping an admin saved on the import page under a name, to use again for the next file of the
 * same kind. Stored as written (validated by the shared tableMappingSchema), so that the
 * page shows it back the way it was built.
 */
@Entity({ tableName: "import_mappings" })
export class SavedImportMapping {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "text" })
  @Unique()
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
