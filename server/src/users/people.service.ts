import { randomBytes } from "node:crypto";
import type { EntityManager } from "@mikro-orm/postgresql";
import { acceptInvitationSchema, changeRoleSchema, INVITATION_TTL_DAYS, inviteUserSchema, isUuid, userListSchema } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { deleteOtherSessions, hashPassword, hashToken } from "../auth/index.js";
import { liveDepartment } from "../departments/index.js";
import { AppError, badInputFromZod, notFound, requireRole, type Viewer } from "../kernel/index.js";
import type { Organisation } from "../organisations/index.js";
import { UserInvitation } from "./user-invitation.entity.js";
import { User } from "./user.entity.js";
import { userErrors } from "./user.errors.js";

export interface PeoplePage {
  items: User[];
  totalCount: number;
  /** The latest unused invitation's expiry per user (one statement for the page). */
  invitations: Map<string, Date>;
}

export interface IssuedInvitation {
  user: User;
  /** The one-time token: shown once, to the admin who hands it over; only its hash is stored. */
  token: string;
  expiresAt: Date;
}

const noSuchUser = () => notFound("利用者");
const lastAdmin = () => new AppError("CONFLICT", "この組織の管理者がいなくなるため変更できません。先に別の人を管理者にしてください。");
const notYourself = () => new AppError("CONFLICT", "自分自身のアカウントは無効にできません。");
const invalidInvitation = () => new AppError("NOT_FOUND", "この招待リンクは使えません（使用済み・期限切れ、または正しくありません）。管理者に新しい招待リンクを依頼してください。");

/**
 * People on the admin screens (issue 15 item 3): the ADMIN of an organisation lists, invites, changes
 * the role of, and deactivates or reactivates its users. Another organisation's user is NOT_FOUND, as a
 * missing one. Deactivation ends every session in the same transaction; no change may leave the
 * organisation without an active ADMIN.
 */
export class PeopleService {
  constructor(private readonly em: EntityManager) {}

  async list(viewer: Viewer | null, raw: unknown): Promise<PeoplePage> {
    const admin = requireRole(viewer, "ADMIN");
    const parsed = userListSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const { search, departmentId, role, active, first, offset } = parsed.data;
    const term = search?.normalize("NFKC").trim();
    const like = term ? `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
    const where = {
      organisation: admin.organisationId,
      ...(departmentId ? { department: departmentId } : {}),
      ...(role ? { role } : {}),
      ...(active !== undefined ? { active } : {}),
      ...(like ? { $or: [{ displayName: { $ilike: like } }, { email: { $ilike: like } }, { employeeNumber: { $ilike: like } }] } : {}),
    };
    const [items, totalCount] = await this.em.findAndCount(User, where, { orderBy: { displayName: "asc", id: "asc" }, limit: first, offset });
    const invitations = new Map<string, Date>();
    if (items.length) {
      const rows = await this.em.execute<{ user_id: string; expires_at: Date }[]>(
        "select user_id, max(expires_at) as expires_at from user_invitations where user_id in (?) and used_at is null group by user_id",
        [items.map((u) => u.id)],
      );
      for (const r of rows) invitations.set(r.user_id, new Date(r.expires_at));
    }
    return { items, totalCount, invitations };
  }

  /** Creates the account (no password yet) and its invitation link, in one transaction. */
  async invite(viewer: Viewer | null, raw: unknown): Promise<IssuedInvitation> {
    const admin = requireRole(viewer, "ADMIN");
    const parsed = inviteUserSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const data = parsed.data;
    // An unguessable password nobody knows: the account cannot sign in until the invitee sets one.
    const placeholder = await hashPassword(randomBytes(32).toString("base64url"));
    return this.em.transactional(async (tx) => {
      const department = await liveDepartment(tx, admin.organisationId, data.departmentId);
      if (await tx.count(User, { email: data.email })) throw userErrors.emailTaken(data.email);
      if (data.employeeNumber && (await tx.count(User, { organisation: admin.organisationId, employeeNumber: data.employeeNumber }))) {
        throw new AppError("CONFLICT", `職員番号 ${data.employeeNumber} は既に登録されています。`, [{ path: "employeeNumber", message: "既に登録されています" }]);
      }
      const user = tx.create(User, {
        organisation: admin.organisationId,
        email: data.email,
        displayName: data.displayName,
        employeeNumber: data.employeeNumber ?? null,
        passwordHash: placeholder,
        role: data.role,
        department,
      });
      recordAudit(tx, {
        organisationId: admin.organisationId,
        actorId: admin.userId,
        action: "user.create",
        subjectType: "User",
        subjectId: user.id,
        after: { email: data.email, role: data.role, department: department.name, employeeNumber: data.employeeNumber ?? null, invited: true },
      });
      return { user, ...issue(tx, admin, user) };
    });
  }

  /** A fresh link for someone who lost theirs or let it expire; earlier unused links stop working. */
  async reissueInvitation(viewer: Viewer | null, userId: string): Promise<IssuedInvitation> {
    const admin = requireRole(viewer, "ADMIN");
    return this.em.transactional(async (tx) => {
      const user = await userOf(tx, admin, userId);
      await tx.nativeDelete(UserInvitation, { user: user.id, usedAt: null });
      return { user, ...issue(tx, admin, user) };
    });
  }

  async changeRole(viewer: Viewer | null, raw: unknown): Promise<User> {
    const admin = requireRole(viewer, "ADMIN");
    const parsed = changeRoleSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    return this.em.transactional(async (tx) => {
      const user = await userOf(tx, admin, parsed.data.userId);
      if (user.role === parsed.data.role) return user;
      if (user.role === "ADMIN" && user.active) await assertAnotherAdmin(tx, admin.organisationId, user.id);
      recordAudit(tx, { organisationId: admin.organisationId, actorId: admin.userId, action: "user.role", subjectType: "User", subjectId: user.id, before: { role: user.role }, after: { role: parsed.data.role } });
      user.role = parsed.data.role;
      return user;
    });
  }

  /** Deactivating ends the person's sessions at once (same transaction); reactivating revives none. */
  async setActive(viewer: Viewer | null, userId: string, active: boolean): Promise<User> {
    const admin = requireRole(viewer, "ADMIN");
    return this.em.transactional(async (tx) => {
      const user = await userOf(tx, admin, userId);
      if (user.active === active) return user;
      if (!active && user.id === admin.userId) throw notYourself();
      if (!active && user.role === "ADMIN") await assertAnotherAdmin(tx, admin.organisationId, user.id);
      user.active = active;
      const endedSessions = active ? 0 : await deleteOtherSessions(tx, user.id, null);
      recordAudit(tx, {
        organisationId: admin.organisationId,
        actorId: admin.userId,
        action: active ? "user.activate" : "user.deactivate",
        subjectType: "User",
        subjectId: user.id,
        before: { active: !active },
        after: { active, endedSessions },
      });
      return user;
    });
  }

  /** What the invitation page shows before the password is chosen; null for an unusable token. */
  async invitation(token: string): Promise<{ invitation: UserInvitation; user: User; organisation: Organisation } | null> {
    if (!token || token.length > 200) return null;
    const invitation = await this.em.findOne(UserInvitation, { tokenHash: hashToken(token), usedAt: null, expiresAt: { $gt: new Date() } });
    if (!invitation) return null;
    const user = await this.em.findOne(User, { id: invitation.user.id, active: true }, { populate: ["organisation"] });
    if (!user) return null;
    return { invitation, user, organisation: user.organisation.getEntity() };
  }

  /** The invitee chooses a password; the link is then used up. Answers the e-mail to sign in with. */
  async acceptInvitation(raw: unknown): Promise<string> {
    const parsed = acceptInvitationSchema.safeParse(raw);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const passwordHash = await hashPassword(parsed.data.password);
    return this.em.transactional(async (tx) => {
      const [row] = await tx.execute<{ id: string }[]>(
        "select id from user_invitations where token_hash = ? and used_at is null and expires_at > now() for update",
        [hashToken(parsed.data.token)],
      );
      if (!row) throw invalidInvitation();
      const invitation = await tx.findOneOrFail(UserInvitation, { id: row.id });
      const user = await tx.findOne(User, { id: invitation.user.id, active: true });
      if (!user) throw invalidInvitation();
      user.passwordHash = passwordHash;
      invitation.usedAt = new Date();
      recordAudit(tx, { organisationId: user.organisation.id, actorId: user.id, action: "user.invitation-accept", subjectType: "User", subjectId: user.id, after: { invitationId: invitation.id } });
      return user.email;
    });
  }
}

async function userOf(tx: EntityManager, admin: Viewer, id: string): Promise<User> {
  const user = isUuid(id) ? await tx.findOne(User, { id: id.toLowerCase(), organisation: admin.organisationId }) : null;
  if (!user) throw noSuchUser();
  return user;
}

/** Locks the organisation's active ADMIN rows (two admins demoting each other at once cannot both win). */
async function assertAnotherAdmin(tx: EntityManager, organisationId: string, leaving: string): Promise<void> {
  const rows = await tx.execute<{ id: string }[]>("select id from users where organisation_id = ? and role = 'ADMIN' and active for update", [organisationId]);
  if (!rows.some((r) => r.id !== leaving)) throw lastAdmin();
}

function issue(tx: EntityManager, admin: Viewer, user: User): { token: string; expiresAt: Date } {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(Date.now() + INVITATION_TTL_DAYS * 24 * 60 * 60_000);
  tx.persist(tx.create(UserInvitation, { organisation: admin.organisationId, user, tokenHash: hashToken(token), expiresAt, createdBy: tx.getReference(User, admin.userId) }));
  recordAudit(tx, { organisationId: admin.organisationId, actorId: admin.userId, action: "user.invite", subjectType: "User", subjectId: user.id, after: { expiresAt: expiresAt.toISOString() } });
  return { token, expiresAt };
}
