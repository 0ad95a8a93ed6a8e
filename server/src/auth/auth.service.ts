import { createHash, randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { loginSchema } from "@kb/shared";
import { AppError, badInputFromZod } from "../graphql/app-error.js";
import { User } from "../users/user.entity.js";
import type { Role, Viewer } from "../users/viewer.js";
import { verifyPassword } from "./password.js";
import { LoginAttempt, Session } from "./session.entity.js";

export const SESSION_COOKIE = "kb_session";
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** Failed logins allowed per window, per account and per client address (every instance shares them). */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 20;

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export interface LoginResult {
  token: string;
  expiresAt: Date;
  viewer: Viewer;
}

export class AuthService {
  constructor(private readonly em: EntityManager) {}

  async login(input: unknown, ip: string): Promise<LoginResult> {
    const parsed = loginSchema.safeParse(input);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { email, password } = parsed.data;
    const emailKey = email.normalize("NFKC").toLowerCase();

    await this.refuseWhenRateLimited(emailKey, ip);
    const user = await this.em.findOne(User, { email: emailKey, active: true }, { populate: ["passwordHash"] });
    const ok = await verifyPassword(user?.passwordHash, password);
    this.em.create(LoginAttempt, { emailKey, ip, succeeded: ok && !!user });
    if (!ok || !user) {
      await this.em.flush(); // the failure must count even though we throw
      throw new AppError("UNAUTHENTICATED", "メールアドレスまたはパスワードが正しくありません。");
    }
    const token = randomBytes(32).toString("base64url");
    const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
    this.em.create(Session, { tokenHash: hashToken(token), user, expiresAt });
    await this.em.flush();
    return {
      token,
      expiresAt,
      viewer: { userId: user.id, role: user.role, departmentId: user.department.id, displayName: user.displayName },
    };
  }

  async logout(token: string | null): Promise<void> {
    if (!token) return;
    await this.em.nativeDelete(Session, { tokenHash: hashToken(token) });
  }

  /** The viewer behind a session cookie, in one query; null for a missing, expired or disabled login. */
  async viewerForToken(token: string | null | undefined): Promise<Viewer | null> {
    if (!token || token.length > 200) return null;
    const [row] = await this.em.execute<{ id: string; role: Role; department_id: string; display_name: string }[]>(
      `select u.id, u.role, u.department_id, u.display_name
         from sessions s join users u on u.id = s.user_id
        where s.token_hash = ? and s.expires_at > now() and u.active`,
      [hashToken(token)],
    );
    return row ? { userId: row.id, role: row.role, departmentId: row.department_id, displayName: row.display_name } : null;
  }

  private async refuseWhenRateLimited(emailKey: string, ip: string): Promise<void> {
    const since = new Date(Date.now() - LOGIN_WINDOW_MS);
    const [row] = await this.em.execute<{ account: string; address: string }[]>(
      `select count(*) filter (where email_key = ?) as account, count(*) filter (where ip = ?) as address
         from login_attempts where not succeeded and at > ? and (email_key = ? or ip = ?)`,
      [emailKey, ip, since, emailKey, ip],
    );
    if (Number(row?.account) >= MAX_FAILURES_PER_ACCOUNT || Number(row?.address) >= MAX_FAILURES_PER_IP) {
      throw new AppError(
        "RATE_LIMITED",
        `ログインの失敗が続いたため、一時的にログインできません。${LOGIN_WINDOW_MS / 60000}分ほど待ってからもう一度お試しください。`,
      );
    }
  }
}
