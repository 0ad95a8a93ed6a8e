import type { EntityManager } from "@mikro-orm/postgresql";
import { newUserSchema } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { deleteOtherSessions, hashPassword } from "../auth/index.js";
import { DepartmentNameLookup } from "../departments/index.js";
import { badInputFromZod } from "../kernel/index.js";
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
}

/** Creates an account (CLI, demo accounts, admin screens later). The department is created if missing. */
export async function createUser(em: EntityManager, input: NewUser, actorId: string | null = null): Promise<User> {
  const { departmentPath, ...fields } = input;
  const parsed = newUserSchema.safeParse(fields);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  const data = parsed.data;
  return em.transactional(async (tx) => {
    if (await tx.count(User, { email: data.email })) {
      throw userErrors.emailTaken(data.email);
    }
    const departments = new DepartmentNameLookup(tx);
    await departments.preload();
    const departmentId = await departments.resolve(data.department, departmentPath ?? []);
    const user = tx.create(User, {
      email: data.email,
      displayName: data.displayName,
      passwordHash: await hashPassword(data.password),
      role: data.role,
      department: departmentId,
    });
    recordAudit(tx, {
      actorId,
      action: "user.create",
      subjectType: "User",
      subjectId: user.id,
      after: { email: data.email, role: data.role, department: data.department },
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
