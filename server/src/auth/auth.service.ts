import { createHash, randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { loginSchema, type OrganisationKind, type Prefecture } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInputFromZod, type InstallationRole, type Role, type Viewer } from "../kernel/index.js";
import { authErrors } from "./auth.errors.js";
import { User, viewerOfUser } from "../users/index.js";
import { verifyPassword } from "./password.js";
import { Session } from "./session.entity.js";

export const SESSION_COOKIE = "kb_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Failed logins allowed per window, per account and per client address (every instance shares them). */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Who is logging in, as the HTTP layer saw them: kept with the session for its owner's list. */
export interface ClientInfo {
  ip: string;
  userAgent?: string | null;
}

const LOGIN_REFUSED = `ログインの失敗が続いたため、一時的にログインできません。${LOGIN_WINDOW_MS / 60000}分ほど待ってからもう一度お試しください。`;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  viewer: Viewer;
}

export class AuthService {
  constructor(private readonly em: EntityManager) {}

  async login(input: unknown, client: ClientInfo): Promise<LoginResult> {
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { email, password } = parsed.data;
    const emailKey = email.normalize("NFKC").toLowerCase();

    const attemptId = await this.reserveCheck(emailKey, client.ip, LOGIN_REFUSED);
    const user = await this.em.findOne(User, { email: emailKey, active: true }, { populate: ["passwordHash"] });
    const ok = (await verifyPassword(user?.passwordHash, password)) && !!user;
    if (!ok || !user) throw authErrors.wrongCredentials();
    await this.checkSucceeded(attemptId);
    // An organisation that signs in through its directory may have turned local passwords off.
    const [directoryOnly] = await this.em.execute<{ id: string }[]>(
      "select id from organisation_sign_ins where organisation_id = ? and enabled and not allow_local_passwords",
      [user.organisation.id],
    );
    if (directoryOnly) throw authErrors.directoryOnly();
    return this.startSession(user, client);
  }

  /**
   * A new session for `user`: the one way a login (password or directory) ends, so both set the same
   * cookie and the same row. `directorySignIn` names the organisation sign-in it came through.
   */
  async startSession(user: User, client: ClientInfo, directorySignIn: string | null = null): Promise<LoginResult> {
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    this.em.create(Session, {
      tokenHash: hashToken(token),
      user,
      expiresAt,
      userAgent: client.userAgent ? client.userAgent.slice(0, 300) : null,
      address: client.ip,
      directorySignIn,
    });
    // Who signed in, when, from where and how: the session row goes at logout, this stays with the
    // rest of the audit log. Written in the session's own flush, so one never exists without the other.
    recordAudit(this.em, {
      organisationId: user.organisation.id,
      actorId: user.id,
      action: "user.sign_in",
      subjectType: "User",
      subjectId: user.id,
      after: { via: directorySignIn ? "directory" : "password", ip: client.ip },
    });
    await this.em.flush();
    return {
      token,
      expiresAt,
      viewer: viewerOfUser(user),
    };
  }

  /** The organisation sign-in a session came through (null for a password login or no session). */
  async directorySignInOf(token: string | null): Promise<string | null> {
    if (!token) return null;
    const [row] = await this.em.execute<{ directory_sign_in: string | null }[]>("select directory_sign_in from sessions where token_hash = ?", [hashToken(token)]);
    return row?.directory_sign_in ?? null;
  }

  async logout(token: string | null): Promise<void> {
    if (!token) return;
    await this.em.nativeDelete(Session, { tokenHash: hashToken(token) });
  }

  /**
   * The viewer behind a session cookie, in one statement; null for a missing, expired or disabled
   * login. The same statement notes when the session was last used (at most once a minute, so a
   * page's many requests write once) for the owner's list in アカウント設定.
   */
  async viewerForToken(token: string | null | undefined): Promise<Viewer | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = hashToken(token);
    const [row] = await this.em.execute<
      {
        id: string;
        organisation_id: string;
        role: Role;
        installation_role: InstallationRole | null;
        department_id: string;
        display_name: string;
        prefecture: Prefecture;
        organisation_kind: OrganisationKind;
        population: number | null;
      }[]
    >(
      `with seen as (
         update sessions set last_seen_at = now()
          where token_hash = ? and expires_at > now() and last_seen_at < now() - interval '1 minute'
       )
       select u.id, u.organisation_id, u.role, u.installation_role, u.department_id, u.display_name,
              o.prefecture, o.kind as organisation_kind, o.population
         from sessions s join users u on u.id = s.user_id join organisations o on o.id = u.organisation_id
        where s.token_hash = ? and s.expires_at > now() and u.active`,
      [tokenHash, tokenHash],
    );
    return row
      ? {
          userId: row.id,
          organisationId: row.organisation_id,
          role: row.role,
          installationRole: row.installation_role,
          departmentId: row.department_id,
          displayName: row.display_name,
          organisationFacts: { prefecture: row.prefecture, kind: row.organisation_kind, population: row.population },
        }
      : null;
  }

  /**
   * Counts the failures in the window and reserves the next check in one step, one request at a
   * time per account and per address (transaction-scoped advisory locks): a burst of logins fired at
   * once can no longer all read "4 failures" before any of them is written. The reservation counts
   * as a failure until the password proves right, so at most MAX_FAILURES_PER_ACCOUNT passwords are
   * ever checked per account and window, however many requests arrive together.
   */
  async reserveCheck(emailKey: string, ip: string, refusal: string): Promise<string> {
    return this.em.transactional(async (tx) => {
      // Always the account first, then the address: no two requests wait on each other in a circle.
      await tx.execute("select pg_advisory_xact_lock(hashtext(?))", [`login-account:${emailKey}`]);
      await tx.execute("select pg_advisory_xact_lock(hashtext(?))", [`login-address:${ip}`]);
      const [row] = await tx.execute<{ account: string; address: string }[]>(
        `select count(*) filter (where email_key = ?) as account, count(*) filter (where ip = ?) as address
           from login_attempts where not succeeded and at > now() - make_interval(secs => ?) and (email_key = ? or ip = ?)`,
        [emailKey, ip, LOGIN_WINDOW_MS / 1000, emailKey, ip],
      );
      if (Number(row?.account) >= MAX_FAILURES_PER_ACCOUNT || Number(row?.address) >= MAX_FAILURES_PER_IP) {
        throw authErrors.tooManyAttempts(refusal);
      }
      const [inserted] = await tx.execute<{ id: string }[]>(
        "insert into login_attempts (email_key, ip, succeeded, at) values (?, ?, false, now()) returning id",
        [emailKey, ip],
      );
      return String(inserted!.id);
    });
  }

  /** A reserved check whose password proved right no longer counts as a failure. */
  async checkSucceeded(attemptId: string): Promise<void> {
    await this.em.execute("update login_attempts set succeeded = true where id = ?", [attemptId]);
  }
}
