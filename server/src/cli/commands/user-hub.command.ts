import { AppError } from "../../kernel/index.js";
import { setHubSecretariat } from "../../users/index.js";
import type { KbCommand } from "../command.js";

interface UserHubOptions {
  email?: string;
  grant?: boolean;
  revoke?: boolean;
}

/** `kb user-hub --email … --grant|--revoke`: the installation's 広域事務局 (issue 16), audited. */
export const userHubCommand: KbCommand<UserHubOptions> = {
  name: "user-hub",
  usage: `  user-hub --email <e-mail> --grant|--revoke
                                         利用者を広域事務局（設置全体の全国の好事例集・タグと同義語・
                                         団体をまたぐダッシュボード・共有事例の書き出し）にする／外します。
                                         所属する団体と役割はそのままです。`,
  define: (command) => command.option("--email <e-mail>").option("--grant").option("--revoke"),
  async run(_operands, values, { withBackend }) {
    if (!values.email || values.grant === values.revoke) {
      process.stderr.write("--email と、--grant か --revoke のどちらか一方を指定してください。\n");
      return 2;
    }
    const granted = !!values.grant;
    try {
      const { user, changed } = await withBackend((backend) => setHubSecretariat(backend.orm.em.fork(), values.email!, granted));
      const state = granted ? "広域事務局にしました" : "広域事務局から外しました";
      process.stdout.write(changed ? `${state}: ${user.email}\n` : `変更はありません: ${user.email}（${user.installationRole === "HUB_SECRETARIAT" ? "広域事務局です" : "広域事務局ではありません"}）\n`);
      return 0;
    } catch (error) {
      if (error instanceof AppError) {
        process.stderr.write(`${error.message}\n`);
        return 1;
      }
      throw error;
    }
  },
};
