import { AppError } from "../../kernel/index.js";
import { setUserActive } from "../../users/index.js";
import type { KbCommand } from "../command.js";

function userActiveCommand(name: string, active: boolean, usage: string): KbCommand<{ email?: string }> {
  return {
    name,
    usage,
    define: (command) => command.option("--email <e-mail>"),
    async run(_operands, values, { withBackend }) {
      if (!values.email) {
        process.stderr.write("次の指定が必要です: --email\n");
        return 2;
      }
      try {
        const { user, endedSessions } = await withBackend((backend) => setUserActive(backend.orm.em.fork(), values.email!, active));
        process.stdout.write(
          active ? `有効にしました: ${user.email}\n` : `無効にしました: ${user.email}（ログイン中のセッション ${endedSessions}件を終了しました）\n`,
        );
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
}

export const deactivateUserCommand = userActiveCommand(
  "deactivate-user",
  false,
  `  deactivate-user --email <e-mail>         利用者を無効にします（ログインできなくなり、ログイン中のセッションはすべて終了します）。`,
);

export const reactivateUserCommand = userActiveCommand(
  "reactivate-user",
  true,
  `  reactivate-user --email <e-mail>         無効にした利用者を有効に戻します（改めてログインが必要です）。`,
);
