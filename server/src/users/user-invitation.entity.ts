import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Organisation } from "../organisations/index.js";
import { User } from "./user.entity.js";

/**
 * A one-time link to choose a password (issue 15: accounts made on the admin screens). Only the
 * SHA-256 of the token is stored, like session tokens; used once, then `usedAt` is set. No mail
 * yet: the admin copies the link and hands it over.
 */
@Entity({ tableName: "user_invitations" })
export class UserInvitation {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "restrict" })
  organisation!: Ref<Organisation>;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: "cascade" })
  @Index()
  user!: Ref<User>;

  @Property({ type: "text", unique: true })
  tokenHash!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  expiresAt!: Date;

  @Property({ type: "datetime", columnType: "timestamptz", nullable: true })
  usedAt?: Date | null;

  @ManyToOne({ entity: () => User, ref: true, nullable: true, deleteRule: "set null" })
  createdBy?: Ref<User> | null;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();
}
