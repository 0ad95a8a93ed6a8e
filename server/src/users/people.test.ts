import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestBackend, type TestBackend } from "../../../test/support/test-backend.js";
import { AuthService } from "../auth/index.js";
import type { Viewer } from "../kernel/index.js";
import { createOrganisation } from "../organisations/index.js";

/**
 * People on the admin screens (issue 15 item 3): an ADMIN invites (a one-time link, only its hash
 * stored), changes roles and deactivates (sessions end at once); nobody leaves the organisation
 * without an active ADMIN; another organisation's people are NOT_FOUND; every change is audited.
 */
let kb: TestBackend;
let admin: Viewer;
let staff: Viewer & { email: string; password: string };
let outsiderAdmin: Viewer;

type Result<T> = { data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };
const codeOf = (r: Result<unknown>) => r.errors?.[0]?.extensions?.code;
const sql = <T>(query: string, params: unknown[] = []) => kb.orm.em.fork().execute<T[]>(query, params);
async function ok<T>(promise: Promise<Result<T>>): Promise<T> {
  const result = await promise;
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!;
}
const client = { ip: "10.0.0.1", userAgent: "test" };
const INVITE = `mutation ($input: InviteUserInput!) { inviteUser(input: $input) { token expiresAt user { id email role invitationExpiresAt department { name } } } }`;
const ACTIVE = `mutation ($userId: ID!, $active: Boolean!) { setUserActive(userId: $userId, active: $active) { id active } }`;
const ROLE = `mutation ($userId: ID!, $role: String!) { changeUserRole(userId: $userId, role: $role) { id role } }`;

beforeAll(async () => {
  kb = await createTestBackend();
  admin = await kb.createViewer({ role: "ADMIN", department: "情報政策課" });
  staff = await kb.createViewer({ department: "市民課", displayName: "市民 花子" });
  await createOrganisation(kb.orm.em.fork(), { name: "札幌市", kana: "さっぽろし", prefecture: "北海道", kind: "DESIGNATED_CITY", code: "011002" }, null);
  outsiderAdmin = await kb.createViewer({ organisation: "011002", role: "ADMIN", department: "札幌情報課" });
}, 120_000);
afterAll(() => kb?.close());

describe("people", () => {
  it("invites: the link sets a password once, then the person signs in", async () => {
    const invited = await ok(
      kb.gql<{ inviteUser: { token: string; user: { id: string; email: string; invitationExpiresAt: string | null; department: { name: string } } } }>(
        INVITE,
        { input: { email: "Shinnin@Example.lg.jp", displayName: "新任 太郎", employeeNumber: "１２３４５", departmentId: staff.departmentId, role: "STAFF" } },
        { viewer: admin },
      ),
    );
    const { token, user } = invited.inviteUser;
    expect(user).toMatchObject({ email: "shinnin@example.lg.jp", department: { name: "市民課" } });
    expect(user.invitationExpiresAt).not.toBeNull();
    expect(await sql("select employee_number from users where id = ?", [user.id])).toEqual([{ employee_number: "12345" }]);
    // Only the hash is stored.
    expect((await sql<{ n: string }>("select count(*) as n from user_invitations where token_hash = ?", [token]))[0]!.n).toBe("0");
    const shown = await ok(kb.gql<{ invitation: { email: string; organisationName: string } }>(`query ($t: String!) { invitation(token: $t) { email organisationName } }`, { t: token }, { viewer: null }));
    expect(shown.invitation.email).toBe("shinnin@example.lg.jp");
    await expect(new AuthService(kb.orm.em.fork()).login({ email: "shinnin@example.lg.jp", password: "a new long passphrase" }, client)).rejects.toThrow();
    const accept = `mutation ($input: AcceptInvitationInput!) { acceptInvitation(input: $input) }`;
    const input = { token, password: "a new long passphrase", confirmPassword: "a new long passphrase" };
    expect(await ok(kb.gql(accept, { input }, { viewer: null }))).toEqual({ acceptInvitation: "shinnin@example.lg.jp" });
    const login = await new AuthService(kb.orm.em.fork()).login({ email: "shinnin@example.lg.jp", password: "a new long passphrase" }, client);
    expect(login.viewer.userId).toBe(user.id);
    // Used up.
    expect(codeOf(await kb.gql(accept, { input }, { viewer: null }))).toBe("NOT_FOUND");
    const audit = await sql<{ action: string }>("select action from audit_log where subject_id = ? order by at, action", [user.id]);
    expect(audit.map((a) => a.action).sort()).toEqual(["user.create", "user.invitation-accept", "user.invite", "user.sign_in"]);
  });

  it("lists with search and filters, only the ADMIN's organisation", async () => {
    const list = `query ($search: String, $role: String) { adminUsers(search: $search, role: $role) { totalCount items { displayName } } }`;
    const found = await ok(kb.gql<{ adminUsers: { totalCount: number; items: { displayName: string }[] } }>(list, { search: "12345" }, { viewer: admin }));
    expect(found.adminUsers.items.map((u) => u.displayName)).toEqual(["新任 太郎"]);
    const admins = await ok(kb.gql<{ adminUsers: { totalCount: number } }>(list, { role: "ADMIN" }, { viewer: admin }));
    expect(admins.adminUsers.totalCount).toBe(1);
    const outside = await ok(kb.gql<{ adminUsers: { items: { displayName: string }[] } }>(list, {}, { viewer: outsiderAdmin }));
    expect(outside.adminUsers.items.map((u) => u.displayName)).not.toContain("市民 花子");
    expect(codeOf(await kb.gql(list, {}, { viewer: staff }))).toBe("FORBIDDEN");
  });

  it("deactivates: the person's sessions end at once; another organisation's person is not found", async () => {
    const session = await new AuthService(kb.orm.em.fork()).login({ email: staff.email, password: staff.password }, client);
    expect(await new AuthService(kb.orm.em.fork()).viewerForToken(session.token)).not.toBeNull();
    expect(codeOf(await kb.gql(ACTIVE, { userId: staff.userId, active: false }, { viewer: outsiderAdmin }))).toBe("NOT_FOUND");
    await ok(kb.gql(ACTIVE, { userId: staff.userId, active: false }, { viewer: admin }));
    expect(await new AuthService(kb.orm.em.fork()).viewerForToken(session.token)).toBeNull();
    expect((await sql<{ n: string }>("select count(*) as n from sessions where user_id = ?", [staff.userId]))[0]!.n).toBe("0");
    await ok(kb.gql(ACTIVE, { userId: staff.userId, active: true }, { viewer: admin }));
    const audit = await sql<{ action: string }>("select action from audit_log where subject_id = ? and actor_id = ? order by at", [staff.userId, admin.userId]);
    expect(audit.map((a) => a.action)).toEqual(["user.deactivate", "user.activate"]);
  });

  it("never leaves the organisation without an active ADMIN", async () => {
    expect(codeOf(await kb.gql(ROLE, { userId: admin.userId, role: "STAFF" }, { viewer: admin }))).toBe("CONFLICT");
    expect(codeOf(await kb.gql(ACTIVE, { userId: admin.userId, active: false }, { viewer: admin }))).toBe("CONFLICT");
    await ok(kb.gql(ROLE, { userId: staff.userId, role: "ADMIN" }, { viewer: admin }));
    // With a second ADMIN, the first may step down.
    expect(await ok(kb.gql(ROLE, { userId: admin.userId, role: "SECRETARIAT" }, { viewer: admin }))).toEqual({ changeUserRole: { id: admin.userId, role: "SECRETARIAT" } });
    expect(codeOf(await kb.gql(ROLE, { userId: staff.userId, role: "BOSS" }, { viewer: { ...staff, role: "ADMIN" } }))).toBe("BAD_USER_INPUT");
  });
});
