import type { EntityManager } from "@mikro-orm/postgresql";
import { changePasswordSchema } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInput, badInputFromZod, notFound, type Viewer } from "../kernel/index.js";
import { User } from "../users/index.js";
import { AuthService, hashToken, LOGIN_WINDOW_MS } from "./auth.service.js";
import { hashPassword, verifyPassword } from "./password.js";

/** One of a person's open sessions, as アカウント設定 lists them. */
export interface SessionSummary {
  id: string;
  createdAt: Date;
  lastSeenAt: Date;
  userAgent: string | null;
  address: string | null;
  /** The session this very request came with (「この端末」). */
  current: boolean;
}

const CHANGE_REFUSED = `パスワードの確認に続けて失敗したため、一時的に変更できません。${LOGIN_WINDOW_MS / 60000}分ほど待ってからもう一度お試しください。`;

/**
 * What a signed-in person controls about their own account: their password and their
 * sessions. Every method acts on the viewer's own rows only; `currentToken` is the cookie of the
 * request, so "the others" never includes the device the person is using.
 */
export class AccountService {
  constructor(private readonly em: EntityManager) {}

  async sessionsOf(viewer: Viewer, currentToken: string | null): Promise<SessionSummary[]> {
    const current = currentToken ? hashToken(currentToken) : null;
    const rows = await this.em.execute<
      { id: string; created_at: Date; last_seen_at: Date; user_agent: string | null; address: string | null; current: boolean }[]
    >(
      `select id, created_at, last_seen_at, user_agent, address, token_hash is not distinct from ? as current
         from sessions where user_id = ? and expires_at > now()
        order by current desc, last_seen_at desc, created_at desc`,
      [current, viewer.userId],
    );
    return rows.map((r) => ({
      id: r.id,
      createdAt: new Date(r.created_at),
      lastSeenAt: new Date(r.last_seen_at),
      userAgent: r.user_agent,
      address: r.address,
      current: r.current,
    }));
  }

  /** Ends every session of the viewer but this one; the number ended. */
  async endOtherSessions(viewer: Viewer, currentToken: string | null): Promise<number> {
    return this.em.transactional(async (tx) => {
      const ended = await deleteOtherSessions(tx, viewer.userId, currentToken);
      recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action: "user.sessions.end_others", subjectType: "User", subjectId: viewer.userId, after: { ended } });
      return ended;
    });
  }

  /** Ends one other session of the viewer's (not this one: that is what ログアウト is for). */
  async endSession(viewer: Viewer, id: string, currentToken: string | null): Promise<void> {
    const current = currentToken ? hashToken(currentToken) : null;
    const ended = await this.em.transactional(async (tx) => {
      const rows = await tx.execute<{ id: string }[]>(
        "delete from sessions where id::text = ? and user_id = ? and token_hash is distinct from ? returning id",
        [id, viewer.userId, current],
      );
      if (rows.length) recordAudit(tx, { organisationId: viewer.organisationId, actorId: viewer.userId, action: "user.sessions.end", subjectType: "User", subjectId: viewer.userId, after: { session: id } });
      return rows.length;
    });
    if (!ended) throw notFound("セッション");
  }

  /**
   * Changes the viewer's password. The current password is checked like a login (it counts against
   * the account's failure limit, so a left-open browser cannot be used to guess it); on success the
   * new hash, the end of every other session and the audit row are one transaction.
   */
  async changePassword(viewer: Viewer, input: unknown, client: { ip: string; currentToken: string | null }): Promise<number> {
    const parsed = changePasswordSchema.safeParse(input);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { currentPassword, newPassword } = parsed.data;
    const user = await this.em.findOneOrFail(User, viewer.userId, { populate: ["passwordHash"] });
    const auth = new AuthService(this.em);
    const attemptId = await auth.reserveCheck(user.email, client.ip, CHANGE_REFUSED);
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw badInput([{ path: "currentPassword", message: "現在のパスワードが正しくありません" }], "現在のパスワードが正しくありません。");
    }
    await auth.checkSucceeded(attemptId);
    const passwordHash = await hashPassword(newPassword);
    return this.em.transactional(async (tx) => {
      await tx.execute("update users set password_hash = ? where id = ?", [passwordHash, user.id]);
      const ended = await deleteOtherSessions(tx, user.id, client.currentToken);
      recordAudit(tx, { organisationId: user.organisation.id, actorId: user.id, action: "user.password.change", subjectType: "User", subjectId: user.id, after: { endedSessions: ended } });
      return ended;
    });
  }
}

/** Deletes the user's sessions except the one behind `keepToken` (all of them when it is null). */
export async function deleteOtherSessions(em: EntityManager, userId: string, keepToken: string | null): Promise<number> {
  const keep = keepToken ? hashToken(keepToken) : null;
  const rows = await em.execute<{ token_hash: string }[]>(
    "delete from sessions where user_id = ? and token_hash is distinct from ? returning token_hash",
    [userId, keep],
  );
  return rows.length;
}
