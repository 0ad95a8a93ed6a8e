import { AppError } from "../kernel/index.js";

/** What can go wrong with a case, beyond the kernel's not-found and forbidden (kernel/app-error.ts). */
export const caseErrors = {
  /** Someone saved the case since the editor loaded it (its version moved on). */
  staleVersion: () =>
    new AppError(
      "CONFLICT",
      "ほかの人がこの好事例を先に更新しました。入力した内容は残っています。最新の内容を確認してから、もう一度保存してください。",
    ),
  /** The viewer may do this to the case, but not in its present state. */
  wrongState: (message: string) => new AppError("CONFLICT", message),
};
