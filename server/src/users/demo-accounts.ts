import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { MikroORM } from "@mikro-orm/postgresql";
import { z } from "zod";
import { User } from "./user.entity.js";
import { createUser } from "./user.service.js";

/**
 * Demo accounts, one per role, so a newcomer can walk every journey. Who they are comes from
 * seeds/demo-accounts.json; their passwords are generated on first use and kept in the data dir
 * (never in the repository), and printed at start.
 */
const demoAccountsSchema = z.array(
  z.object({
    email: z.string(),
    displayName: z.string(),
    role: z.enum(["STAFF", "SECRETARIAT", "ADMIN"]),
    department: z.string(),
    departmentPath: z.array(z.string()).default([]),
  }),
);

export interface DemoAccount {
  email: string;
  password: string;
  role: string;
  displayName: string;
  department: string;
}

export async function ensureDemoAccounts(orm: MikroORM, repoRoot: string, dataDir: string): Promise<DemoAccount[]> {
  const accounts = demoAccountsSchema.parse(JSON.parse(await fs.readFile(path.join(repoRoot, "seeds/demo-accounts.json"), "utf8")));
  const secretFile = path.join(dataDir, "secrets", "demo-accounts.json");
  const passwords: Record<string, string> = JSON.parse(await fs.readFile(secretFile, "utf8").catch(() => "{}"));
  let changed = false;
  const result: DemoAccount[] = [];
  for (const account of accounts) {
    const existing = await orm.em.fork().findOne(User, { email: account.email });
    if (!existing) {
      passwords[account.email] = `demo-${randomBytes(9).toString("base64url")}`;
      changed = true;
      await createUser(orm.em.fork(), { ...account, password: passwords[account.email]! });
    }
    const password = passwords[account.email];
    // An account created with a password this data dir no longer knows is simply not printed.
    if (password) result.push({ ...account, password });
  }
  if (changed) {
    await fs.mkdir(path.dirname(secretFile), { recursive: true });
    await fs.writeFile(secretFile, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  }
  return result;
}

export function formatDemoAccounts(accounts: DemoAccount[]): string {
  const roleLabel: Record<string, string> = { STAFF: "職員", SECRETARIAT: "事務局", ADMIN: "管理者" };
  const lines = accounts.map(
    (a) => `    ${(roleLabel[a.role] ?? a.role).padEnd(4, "　")} ${a.email.padEnd(30)} ${a.password}   ${a.displayName}（${a.department}）`,
  );
  return `  デモ用アカウント / demo accounts:\n${lines.join("\n")}\n`;
}
