import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import { localGovernmentCodeSchema } from "@kb/shared";
import { z } from "zod";
import { homeOrganisation, Organisation } from "../organisations/index.js";
import { User } from "./user.entity.js";
import { createUser } from "./user.service.js";

/**
 * Demo accounts, one per role in each of two organisations (宝塚市, the demo installation's own, and
 * 熊本市), so a newcomer can walk every journey and see that one 自治体's drafts are not another's.
 * Who they are comes from seeds/demo-accounts.json (`organisation`: a 団体コード of
 * seeds/organisations.json); their passwords are generated on first use and kept in the data dir
 * (never in the repository), and printed at start.
 */
const demoAccountsSchema = z.array(
  z.object({
    organisation: localGovernmentCodeSchema,
    email: z.string(),
    displayName: z.string(),
    role: z.enum(["STAFF", "SECRETARIAT", "ADMIN"]),
    department: z.string(),
    departmentPath: z.array(z.string()).default([]),
    /** The installation's 広域事務局 (issue 16), beside the role in the organisation. */
    installationRole: z.enum(["HUB_SECRETARIAT"]).optional(),
  }),
);

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
  displayName: string;
  department: string;
  installationRole?: "HUB_SECRETARIAT";
  /** The organisation's name (宝塚市), for the printed list. */
  organisationName: string;
}

export async function ensureDemoAccounts(orm: MikroORM, repoRoot: string, dataDir: string): Promise<DemoAccount[]> {
  const accounts = demoAccountsSchema.parse(JSON.parse(await fs.readFile(path.join(repoRoot, "seeds/demo-accounts.json"), "utf8")));
  const secretFile = path.join(dataDir, "secrets", "demo-accounts.json");
  const passwords: Record<string, string> = JSON.parse(await fs.readFile(secretFile, "utf8").catch(() => "{}"));
  const em = orm.em.fork();
  const organisations = new Map((await em.find(Organisation, { code: { $in: accounts.map((a) => a.organisation) } })).map((o) => [o.code!, o]));
  // A database seeded before the seeds named organisations keeps its cases in the unnamed own one:
  // the demo installation's own accounts go there; another organisation's, absent, are left out.
  const home = await homeOrganisation(em);
  const ownCode = accounts[0]?.organisation;
  let changed = false;
  const result: DemoAccount[] = [];
  for (const { organisation: code, ...account } of accounts) {
    const organisation = organisations.get(code) ?? (code === ownCode && !home.configuredAt ? home : undefined);
    if (!organisation) continue;
    const existing = await orm.em.fork().findOne(User, { email: account.email });
    if (!existing) {
      passwords[account.email] = `demo-${randomBytes(9).toString("base64url")}`;
      changed = true;
      await createUser(orm.em.fork(), { ...account, organisation: organisation.code ?? undefined, password: passwords[account.email]! });
    }
    const password = passwords[account.email];
    // An account created with a password this data dir no longer knows is simply not printed.
    if (password) result.push({ ...account, password, organisationName: organisation.name });
  }
  if (changed) {
    await fs.mkdir(path.dirname(secretFile), { recursive: true });
    await fs.writeFile(secretFile, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  }
  return result;
}

/** The accounts grouped by organisation, as `npm start` prints them. */
export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const roleLabel: Record<string, string> = { STAFF: "職員", SECRETARIAT: "事務局", ADMIN: "管理者" };
  const groups = new Map<string, DemoAccount[]>();
  for (const a of accounts) groups.set(a.organisationName, [...(groups.get(a.organisationName) ?? []), a]);
  const blocks = [...groups].map(([organisation, members]) => {
    const lines = members.map(
      (a) =>
        `      ${(a.installationRole ? "広域事務局" : (roleLabel[a.role] ?? a.role)).padEnd(4, "　")} ${a.email.padEnd(38)} ${a.password}   ${a.displayName}（${a.department}）`,
    );
    return `    ${organisation}\n${lines.join("\n")}`;
  });
  return `  デモ用アカウント / demo accounts:\n${blocks.join("\n")}\n`;
}
