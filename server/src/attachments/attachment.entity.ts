import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, OneToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Case } from "../cases/index.js";
import { User } from "../users/index.js";

/**
 * A file attached to a case (or the kintone app template). The bytes live in PostgreSQL, in their
 * own table, so they are as durable as the case, go into every backup, and need no shared disk when
 * several server instances run.
 */
@Entity({ tableName: "attachments" })
@Index({ properties: ["case"] })
export class Attachment {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Case, ref: true, deleteRule: "cascade" })
  case!: Ref<Case>;

  @Property({ type: "text" })
  fileName!: string;

  /** Detected from the bytes, not taken from the browser. */
  @Property({ type: "text" })
  contentType!: string;

  @Property({ type: "integer" })
  size!: number;

  @Property({ type: "text" })
  sha256!: string;

  /** True for a kintone app template (.zip) that another 課 can install. */
  @Property({ type: "boolean" })
  isKintoneTemplate: boolean & Opt = false;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  uploadedBy?: Ref<User> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @OneToOne({ entity: () => AttachmentContent, mappedBy: "attachment", nullable: true, hidden: true })
  content?: AttachmentContent | null;
}

@Entity({ tableName: "attachment_contents" })
export class AttachmentContent {
  @OneToOne({ entity: () => Attachment, primary: true, owner: true, ref: true, deleteRule: "cascade" })
  attachment!: Ref<Attachment>;

  @Property({ type: "blob", lazy: true })
  bytes!: Buffer;
}
