import type { EntityManager } from "@mikro-orm/postgresql";
import { newUserSchema } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { deleteOtherSessions, hashPassword } from "../auth/index.js";
import { DepartmentNameLookup } from "../departments/index.js";
import { AppError, badInputFromZod, requireOperator, type InstallationRole, type Viewer } from "../kernel/index.js";
import { organisationByCode } from "../organisations/index.js";
import { userErrors } from "./user.errors.js";
import { User } from "./user.entity.js";

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  role: "STAFF" | "SECRETARIAT" | "ADMIN";
  department: string;
  /** Ancestors of the department, when it has to be created. */
  departmentPath?: string[];
  /** 団体コード of the user's organisation; the installation's own when omitted. */
  organisation?: string;
  /** Installation-wide role (`kb create-user --operator`). */
  installationRole?: InstallationRole | null;
}

/** Creates an account (CLI, demo accounts, admin screens later). The department is created if missing. */
export async function createUser(em: EntityManager, input: NewUser, actorId: string | null = null): Promise<User> {
  const { departmentPath, organisation: organisationCode, installationRole, ...fields } = input;
  const parsed = newUserSchema.safeParse(fields);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  const data = parsed.data;
  return em.transactional(async (tx) => {
    if (await tx.count(User, { email: data.email })) {
      throw userErrors.emailTaken(data.email);
    }
    const organisation = await organisationByCode(tx, organisationCode);
    const departments = new DepartmentNameLookup(tx, organisation.id);
    await departments.preload();
    const departmentId = await departments.resolve(data.department, departmentPath ?? []);
    const user = tx.create(User, {
      email: data.email,
      displayName: data.displayName,
      passwordHash: await hashPassword(data.password),
      role: data.role,
      installationRole: installationRole ?? null,
      organisation,
      department: departmentId,
    });
    recordAudit(tx, {
      organisationId: organisation.id,
      actorId,
      action: "user.create",
      subjectType: "User",
      subjectId: user.id,
      after: { email: data.email, role: data.role, department: data.department, organisation: organisation.code ?? organisation.name, ...(installationRole ? { installationRole } : {}) },
    });
    return user;
  });
}

/**
 * Deactivates an account (異動・退職) or brings it back. Deactivating ends every session of the
 * account in the same transaction, so a later reactivation does not revive a browser left signed in.
 */
export async function setUserActive(em: EntityManager, email: string, active: boolean, actorId: string | null = null): Promise<{ user: User; endedSessions: number }> {
  const key = email.normalize("NFKC").trim().toLowerCase();
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { email: key });
    if (!user) throw userErrors.noSuchUser(key);
    const before = user.active;
    user.active = active;
    const endedSessions = active ? 0 : await deleteOtherSessions(tx, user.id, null);
    recordAudit(tx, {
      organisationId: user.organisation.id,
      actorId,
      action: active ? "user.activate" : "user.deactivate",
      subjectType: "User",
      subjectId: user.id,
      before: { active: before },
      after: { active, endedSessions },
    });
    return { user, endedSessions };
  });
}

/**
 * Makes an account the installation's 広域事務局 (HUB_SECRETARIAT, issue 16) or takes it back
 * (`kb user-hub`, and operators in GraphQL). The account keeps its organisation and role there; an
 * installation operator stays an operator (one installation role per account: CONFLICT). Audited in
 * the account's organisation. Answers whether it changed anything.
 */
export async function setHubSecretariat(em: EntityManager, email: string, granted: boolean, actorId: string | null = null): Promise<{ user: User; changed: boolean }> {
  const key = email.normalize("NFKC").trim().toLowerCase();
  return em.transactional(async (tx) => {
    const user = await tx.findOne(User, { email: key });
    if (!user) throw userErrors.noSuchUser(key);
    const before = user.installationRole ?? null;
    if (before === "OPERATOR" && !granted) return { user, changed: false };
    if (before === "OPERATOR") throw new AppError("CONFLICT", `${key} は設置の運用者です。運用者を広域事務局にはできません（別のアカウントを使ってください）。`);
    const after = granted ? "HUB_SECRETARIAT" : null;
    if (before === after) return { user, changed: false };
    user.installationRole = after;
    recordAudit(tx, {
      organisationId: user.organisation.id,
      actorId,
      action: granted ? "user.hub.grant" : "user.hub.revoke",
      subjectType: "User",
      subjectId: user.id,
      before: { installationRole: before },
      after: { installationRole: after },
    });
    return { user, changed: true };
  });
}

/** The same, from GraphQL: installation operators only (refused before any lookup, so nothing is told). */
export async function setHubSecretariatAsOperator(em: EntityManager, viewer: Viewer | null, email: string, granted: boolean): Promise<User> {
  const operator = requireOperator(viewer);
  return (await setHubSecretariat(em, email, granted, operator.userId)).user;
}
