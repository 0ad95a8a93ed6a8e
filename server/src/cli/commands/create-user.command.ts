import { parseArgs } from "node:util";
import readline from "node:readline/promises";
import { AppError } from "../../graphql/app-error.js";
import { createUser } from "../../users/user.service.js";
import type { KbCommand } from "../command.js";

/** Reads a password without echoing it (a terminal), or one line from standard input (a pipe). */
async function readPassword(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    const rl = readline.createInterface({ input });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return "";
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  let password = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          input.setRawMode(false);
          input.pause();
          input.off("data", onData);
          process.stderr.write("\n");
          resolve(password);
          return;
        }
        if (ch === "\u0003") {
          input.setRawMode(false);
          reject(new Error("中断しました"));
          return;
        }
        if (ch === "\u007f") password = password.slice(0, -1);
        else password += ch;
      }
    };
    input.on("data", onData);
  });
}

export const createUserCommand: KbCommand = {
  name: "create-user",
  usage: `  create-user --email <e-mail> --name <氏名> --role STAFF|SECRETARIAT|ADMIN --department <課> [--parent <局・部>]...
                                         利用者を作成します。パスワードは入力を求めます（パイプからも読めます）。`,
  async run(args, { withBackend }) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: "string" },
        name: { type: "string" },
        role: { type: "string", default: "STAFF" },
        department: { type: "string" },
        parent: { type: "string", multiple: true, default: [] },
      },
    });
    const missing = (["email", "name", "department"] as const).filter((k) => !values[k]);
    if (missing.length) {
      process.stderr.write(`次の指定が必要です: ${missing.map((m) => `--${m}`).join(" ")}\n`);
      return 2;
    }
    const password = await readPassword("パスワード（12文字以上）: ");
    try {
      const user = await withBackend((backend) =>
        createUser(backend.orm.em.fork(), {
          email: values.email!,
          displayName: values.name!,
          role: values.role as "STAFF",
          department: values.department!,
          departmentPath: values.parent,
          password,
        }),
      );
      process.stdout.write(`作成しました: ${user.email}（${user.role}）\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        const details = error.fields.map((f) => `  ${f.path}: ${f.message}`).join("\n");
        process.stderr.write(`${error.message}\n${details}${details ? "\n" : ""}`);
        return 1;
      }
      throw error;
    }
  },
};
