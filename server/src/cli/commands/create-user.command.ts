import { AppError } from "../../kernel/index.js";
import { createUser } from "../../users/index.js";
import type { KbCommand } from "../command.js";
import { readSecret } from "../prompt.js";

interface CreateUserOptions {
  email?: string;
  name?: string;
  role: string;
  department?: string;
  parent: string[];
  organisation?: string;
  operator?: boolean;
  hub?: boolean;
}

export const createUserCommand: KbCommand<CreateUserOptions> = {
  name: "create-user",
  usage: `  create-user --email <e-mail> --name <氏名> --role STAFF|SECRETARIAT|ADMIN --department <課> [--parent <局・部>]...
              [--organisation <団体コード>] [--operator | --hub]
                                         利用者を作成します。パスワードは入力を求めます（パイプからも読めます）。
                                         --organisation を省くとこの設置の団体の利用者になります。
                                         --operator は設置全体の運用者（団体の登録ができる）にします。
                                         --hub は広域事務局にします（あとからは user-hub で変えられます）。`,
  define: (command) =>
    command
      .option("--email <e-mail>")
      .option("--name <氏名>")
      .option("--role <role>", undefined, "STAFF")
      .option("--department <課>")
      .option("--parent <局・部>", "上位組織（上から順に、繰り返し指定）", (value: string, previous: string[]) => [...previous, value], [] as string[])
      .option("--organisation <団体コード>")
      .option("--operator")
      .option("--hub"),
  async run(_operands, values, { withBackend }) {
    const missing = (["email", "name", "department"] as const).filter((k) => !values[k]);
    if (missing.length) {
      process.stderr.write(`次の指定が必要です: ${missing.map((m) => `--${m}`).join(" ")}\n`);
      return 2;
    }
    if (values.operator && values.hub) {
      process.stderr.write("--operator と --hub は同時に指定できません。\n");
      return 2;
    }
    const password = await readSecret("パスワード（12文字以上）: ");
    try {
      const user = await withBackend((backend) =>
        createUser(backend.orm.em.fork(), {
          email: values.email!,
          displayName: values.name!,
          role: values.role as "STAFF",
          department: values.department!,
          departmentPath: values.parent,
          organisation: values.organisation,
          installationRole: values.operator ? "OPERATOR" : values.hub ? "HUB_SECRETARIAT" : null,
          password,
        }),
      );
      process.stdout.write(`作成しました: ${user.email}（${user.role}${user.installationRole ? `・${user.installationRole}` : ""}）\n`);
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
