import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { User } from "../users/index.js";

/** A login. The cookie carries a random token; only its SHA-256 is stored, so a database leak is no login. */
@Entity({ tableName: "sessions" })
@Index({ properties: ["expiresAt"] })
export class Session {
  /** hex SHA-256 of the token. */
  @PrimaryKey({ type: "text" })
  tokenHash!: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: "cascade" })
  user!: Ref<User>;

  /** What the owner's アカウント設定 names the session by (the token hash never leaves the server). */
  @Property({ type: "uuid" })
  @Unique()
  id: string & Opt = randomUUID();

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz" })
  expiresAt!: Date;

  /** Refreshed at most once a minute by the requests that use the session (auth.service.ts). */
  @Property({ type: "datetime", columnType: "timestamptz" })
  lastSeenAt: Date & Opt = new Date();

  /** The browser's User-Agent at login (shortened), so the owner can tell their sessions apart. */
  @Property({ type: "text", nullable: true })
  userAgent?: string | null;

  /** The client address at login, as KB_TRUST_PROXY decides it. */
  @Property({ type: "text", nullable: true })
  address?: string | null;

  /**
   * The organisation sign-in (directory-sign-in/) this session came from, or null for a password
   * login: logging out of it also goes to the directory's end-session page.
   */
  @Property({ type: "uuid", nullable: true })
  directorySignIn?: string | null;
}

/** Login attempts, for rate limiting per account and per IP across every server instance. */
@Entity({ tableName: "login_attempts" })
@Index({ properties: ["emailKey", "at"] })
@Index({ properties: ["ip", "at"] })
export class LoginAttempt {
  @PrimaryKey({ type: "bigint", autoincrement: true })
  id!: string & Opt;

  @Property({ type: "text" })
  emailKey!: string;

  @Property({ type: "text" })
  ip!: string;

  @Property({ type: "boolean" })
  succeeded!: boolean;

  @Property({ type: "datetime", columnType: "timestamptz" })
  at: Date & Opt = new Date();
}
