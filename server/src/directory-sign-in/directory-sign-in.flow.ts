import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import * as oidc from "openid-client";
import { safeReturnPath, type DirectorySignInError } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { AuthService, type ClientInfo, type LoginResult } from "../auth/index.js";
import { Department } from "../departments/index.js";
import { Organisation } from "../organisations/index.js";
import { User } from "../users/index.js";
import { DirectoryIdentity, DirectorySignInAttempt, OrganisationSignIn } from "./directory-sign-in.entity.js";

/** How long a browser has between the start and the callback (the provider's login page in between). */
export const SIGN_IN_ATTEMPT_TTL_MS = 10 * 60 * 1000;
/** Discovery documents are read again after this long, or at once after the settings change. */
const DISCOVERY_TTL_MS = 10 * 60 * 1000;
/** A provider that does not answer within this long is "down" (seconds, openid-client's unit). */
const PROVIDER_TIMEOUT_S = 10;
/** A JIT account has no password: no argon2 hash has this form, so no password ever matches it. */
const NO_PASSWORD = "!directory-sign-in";

/** A refused sign-in: the code picks the login page's sentence; `detail` goes only to the audit row and the log. */
export class SignInRefusal extends Error {
  constructor(
    readonly code: DirectorySignInError,
    readonly organisationId: string | null,
    readonly detail: Record<string, unknown> = {},
  ) {
    super(`directory sign-in refused: ${code}`);
  }
}

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

/** Discovered provider configurations, per sign-in settings version, shared by the process's requests. */
const discovered = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

function providerConfig(signIn: OrganisationSignIn): Promise<oidc.Configuration> {
  const key = `${signIn.id}:${signIn.updatedAt.getTime()}`;
  const cached = discovered.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_TTL_MS) return cached.config;
  const issuer = new URL(signIn.issuer);
  // http:// only for a provider on this machine (the tests'); the shared schema refuses any other.
  const insecure = issuer.protocol === "http:";
  const config = oidc.discovery(issuer, signIn.clientId, signIn.clientSecret, oidc.ClientSecretPost(signIn.clientSecret), {
    timeout: PROVIDER_TIMEOUT_S,
    ...(insecure ? { execute: [oidc.allowInsecureRequests] } : {}),
  });
  discovered.set(key, { at: Date.now(), config });
  // A failed discovery is not kept: the next sign-in tries again.
  config.catch(() => discovered.delete(key));
  return config;
}

/**
 * OpenID Connect sign-in, authorisation code flow with PKCE (S256), state and nonce. The HTTP routes
 * (http/directory-sign-in.routes.ts) carry the browser; this does the checking and makes the session
 * through AuthService, so it is the same session and cookie as a password login.
 */
export class DirectorySignInFlow {
  constructor(private readonly em: EntityManager) {}

  /**
   * Begins a sign-in for the organisation with this 団体コード: remembers state, nonce and the PKCE
   * verifier under the browser's key, and answers the provider's authorisation URL to send it to.
   */
  async start(organisationCode: string, returnTo: unknown, browserKey: string, redirectUri: string): Promise<URL> {
    if (!/^\d{6}$/.test(organisationCode)) throw new SignInRefusal("NOT_CONFIGURED", null, { organisationCode: organisationCode.slice(0, 20) });
    const signIn = await this.em.findOne(
      OrganisationSignIn,
      { organisation: { code: organisationCode }, enabled: true },
      { populate: ["clientSecret"] },
    );
    if (!signIn) throw new SignInRefusal("NOT_CONFIGURED", null, { organisationCode });
    const config = await this.discover(signIn);
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    await this.em.nativeDelete(DirectorySignInAttempt, { expiresAt: { $lt: new Date() } });
    await this.em.insert(DirectorySignInAttempt, {
      browserKeyHash: sha256(browserKey),
      organisation: signIn.organisation.id,
      state,
      nonce,
      codeVerifier,
      returnTo: safeReturnPath(returnTo),
      expiresAt: new Date(Date.now() + SIGN_IN_ATTEMPT_TTL_MS),
    });
    return oidc.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: signIn.scopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: "S256",
      state,
      nonce,
    });
  }

  /**
   * The provider sent the browser back: checks the attempt (one use), the state, the code (with the
   * PKCE verifier and nonce), then finds or makes the account and starts a session.
   */
  async finish(browserKey: string | null, callbackUrl: URL, client: ClientInfo): Promise<LoginResult & { returnTo: string }> {
    const [attempt] = browserKey
      ? await this.em.execute<{ organisation_id: string; state: string; nonce: string; code_verifier: string; return_to: string }[]>(
          "delete from directory_sign_in_attempts where browser_key_hash = ? and expires_at > now() returning organisation_id, state, nonce, code_verifier, return_to",
          [sha256(browserKey)],
        )
      : [];
    if (!attempt) throw new SignInRefusal("STATE_MISMATCH", null, { reason: browserKey ? "no live attempt for this browser" : "no attempt cookie" });
    const organisationId = attempt.organisation_id;
    const given = callbackUrl.searchParams.get("state") ?? "";
    if (given.length !== attempt.state.length || !timingSafeEqual(Buffer.from(given), Buffer.from(attempt.state))) {
      throw new SignInRefusal("STATE_MISMATCH", organisationId, { reason: "state differs" });
    }
    const signIn = await this.em.findOne(OrganisationSignIn, { organisation: organisationId, enabled: true }, { populate: ["clientSecret"] });
    if (!signIn) throw new SignInRefusal("NOT_CONFIGURED", organisationId);
    const config = await this.discover(signIn);
    let claims: oidc.IDToken;
    try {
      const tokens = await oidc.authorizationCodeGrant(config, callbackUrl, {
        pkceCodeVerifier: attempt.code_verifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
      claims = tokens.claims()!;
    } catch (error) {
      if (error instanceof oidc.AuthorizationResponseError) throw new SignInRefusal("CANCELLED", organisationId, { error: error.error });
      if (error instanceof oidc.ResponseBodyError) throw new SignInRefusal("CODE_REJECTED", organisationId, { error: error.error, description: error.error_description });
      if (error instanceof oidc.ClientError && /state/.test(error.message)) throw new SignInRefusal("STATE_MISMATCH", organisationId, { reason: error.message });
      throw new SignInRefusal("PROVIDER_UNAVAILABLE", organisationId, { reason: error instanceof Error ? error.message : String(error) });
    }
    const user = await this.accountFor(signIn, organisationId, claims);
    const session = await new AuthService(this.em).startSession(user, client, signIn.id);
    return { ...session, returnTo: safeReturnPath(attempt.return_to) };
  }

  /** Where to send the browser to end its session at the provider too (null when the provider has no end_session_endpoint). */
  async endSessionUrl(signInId: string, postLogoutRedirectUri: string): Promise<URL | null> {
    const signIn = await this.em.findOne(OrganisationSignIn, { id: signInId }, { populate: ["clientSecret"] });
    if (!signIn) return null;
    try {
      const config = await providerConfig(signIn);
      if (!config.serverMetadata().end_session_endpoint) return null;
      return oidc.buildEndSessionUrl(config, { post_logout_redirect_uri: postLogoutRedirectUri });
    } catch {
      return null; // the provider is down: the local session has ended all the same
    }
  }

  /** Records a refusal in the organisation's audit log (when the organisation is known). */
  async audit(refusal: SignInRefusal, client: ClientInfo): Promise<void> {
    if (!refusal.organisationId) return;
    const em = this.em.fork();
    recordAudit(em, {
      organisationId: refusal.organisationId,
      actorId: null,
      action: "sign-in.directory.refused",
      subjectType: "Organisation",
      subjectId: refusal.organisationId,
      after: { code: refusal.code, ...refusal.detail, ip: client.ip },
    });
    await em.flush();
  }

  private async discover(signIn: OrganisationSignIn): Promise<oidc.Configuration> {
    try {
      return await providerConfig(signIn);
    } catch (error) {
      throw new SignInRefusal("PROVIDER_UNAVAILABLE", signIn.organisation.id, { reason: error instanceof Error ? error.message : String(error), issuer: signIn.issuer });
    }
  }

  /**
   * The account behind the ID token, in one transaction: the linked one (issuer + subject); else the
   * organisation's account with the token's e-mail address, now linked; else a new STAFF account in
   * the 課 whose 所属コード the token carries. Refused: another organisation's person, an address
   * another organisation uses, a deactivated account, an unknown 所属コード.
   */
  private async accountFor(signIn: OrganisationSignIn, organisationId: string, claims: oidc.IDToken): Promise<User> {
    const who = { issuer: claims.iss, subject: claims.sub };
    return this.em.transactional(async (tx) => {
      const identity = await tx.findOne(DirectoryIdentity, { issuer: claims.iss, subject: claims.sub }, { populate: ["user"] });
      if (identity) {
        const user = identity.user.getEntity();
        if (user.organisation.id !== organisationId) throw new SignInRefusal("WRONG_ORGANISATION", organisationId, who);
        if (!user.active) throw new SignInRefusal("DEACTIVATED", organisationId, { ...who, userId: user.id });
        identity.lastSignInAt = new Date();
        return user;
      }
      const rawEmail = claims[signIn.emailClaim];
      if (typeof rawEmail !== "string" || !rawEmail.includes("@") || claims.email_verified === false) {
        throw new SignInRefusal("NO_EMAIL", organisationId, { ...who, claim: signIn.emailClaim });
      }
      const email = rawEmail.normalize("NFKC").trim().toLowerCase();
      const existing = await tx.findOne(User, { email });
      if (existing && existing.organisation.id !== organisationId) throw new SignInRefusal("EMAIL_TAKEN", organisationId, { ...who, email });
      if (existing && !existing.active) throw new SignInRefusal("DEACTIVATED", organisationId, { ...who, userId: existing.id });
      let user = existing;
      if (!user) {
        const code = claims[signIn.departmentCodeClaim];
        const department = typeof code === "string" || typeof code === "number" ? await tx.findOne(Department, { organisation: organisationId, code: String(code).trim() }) : null;
        if (!department) throw new SignInRefusal("UNKNOWN_DEPARTMENT", organisationId, { ...who, email, departmentCode: code ?? null });
        const name = claims[signIn.nameClaim];
        user = tx.create(User, {
          email,
          displayName: typeof name === "string" && name.trim() ? name.trim().slice(0, 100) : email.split("@")[0]!,
          passwordHash: NO_PASSWORD,
          role: "STAFF",
          organisation: tx.getReference(Organisation, organisationId),
          department,
        });
        recordAudit(tx, {
          organisationId,
          actorId: null,
          action: "user.create",
          subjectType: "User",
          subjectId: user.id,
          after: { email, role: "STAFF", department: department.name, via: "directory", ...who },
        });
      }
      tx.create(DirectoryIdentity, { ...who, user, organisation: tx.getReference(Organisation, organisationId) });
      recordAudit(tx, { organisationId, actorId: user.id, action: "user.directory-link", subjectType: "User", subjectId: user.id, after: who });
      return user;
    });
  }
}

/** A fresh random key for the browser's attempt cookie. */
export const newBrowserKey = () => randomBytes(32).toString("base64url");
