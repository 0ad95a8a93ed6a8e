import { randomUUID } from "node:crypto";
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique } from "@mikro-orm/decorators/legacy";
import type { Opt, Ref } from "@mikro-orm/core";
import { Organisation } from "../organisations/index.js";
import { User } from "../users/index.js";

/**
 * An organisation's directory sign-in (OpenID Connect): set by an installation operator. At most one
 * per organisation. The client secret is stored as given, in a column no query loads unless asked
 * (`lazy`) and no GraphQL type has (README: "Directory sign-in").
 */
@Entity({ tableName: "organisation_sign_ins" })
export class OrganisationSignIn {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "cascade" })
  @Unique()
  organisation!: Ref<Organisation>;

  @Property({ type: "text" })
  issuer!: string;

  @Property({ type: "text" })
  clientId!: string;

  @Property({ type: "text", hidden: true, lazy: true })
  clientSecret!: string;

  /** Space-separated, `openid` among them. */
  @Property({ type: "text" })
  scopes!: string;

  @Property({ type: "text" })
  emailClaim!: string;

  @Property({ type: "text" })
  nameClaim!: string;

  /** Its value is a `Department.code` of this organisation: the 課 a new account is made in. */
  @Property({ type: "text" })
  departmentCodeClaim!: string;

  @Property({ type: "boolean" })
  allowLocalPasswords!: boolean;

  @Property({ type: "boolean" })
  enabled!: boolean;

  @Property({ type: "datetime", columnType: "timestamptz" })
  updatedAt: Date & Opt = new Date();
}

/**
 * A person as the directory knows them (issuer + subject, the ID token's `sub`), linked to their
 * account: a later change of e-mail address at the directory still finds the same person.
 */
@Entity({ tableName: "directory_identities" })
@Unique({ properties: ["issuer", "subject"] })
export class DirectoryIdentity {
  @PrimaryKey({ type: "uuid" })
  id: string & Opt = randomUUID();

  @Property({ type: "text" })
  issuer!: string;

  @Property({ type: "text" })
  subject!: string;

  @ManyToOne({ entity: () => User, ref: true, deleteRule: "cascade" })
  @Index()
  user!: Ref<User>;

  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "cascade" })
  organisation!: Ref<Organisation>;

  @Property({ type: "datetime", columnType: "timestamptz" })
  createdAt: Date & Opt = new Date();

  @Property({ type: "datetime", columnType: "timestamptz" })
  lastSignInAt: Date & Opt = new Date();
}

/**
 * A sign-in under way: what the callback must check (state, nonce) and prove (the PKCE verifier),
 * kept server-side and bound to the browser by a short-lived HttpOnly cookie whose SHA-256 is the key.
 * Used once (deleted by the callback); stale ones are deleted as new ones are made.
 */
@Entity({ tableName: "directory_sign_in_attempts" })
@Index({ properties: ["expiresAt"] })
export class DirectorySignInAttempt {
  @PrimaryKey({ type: "text" })
  browserKeyHash!: string;

  @ManyToOne({ entity: () => Organisation, ref: true, deleteRule: "cascade" })
  organisation!: Ref<Organisation>;

  @Property({ type: "text" })
  state!: string;

  @Property({ type: "text" })
  nonce!: string;

  @Property({ type: "text" })
  codeVerifier!: string;

  @Property({ type: "text" })
  returnTo!: string;

  @Property({ type: "datetime", columnType: "timestamptz" })
  expiresAt!: Date;
}
