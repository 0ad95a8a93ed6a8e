import { AppError } from "../kernel/index.js";

export const authErrors = {
  /** The same answer for an unknown address, a wrong password and a deactivated account. */
  wrongCredentials: () => new AppError("UNAUTHENTICATED", "メールアドレスまたはパスワードが正しくありません。"),
  /** Said only after the right password: the organisation has turned local passwords off. */
  directoryOnly: () => new AppError("FORBIDDEN", "この団体ではパスワードでログインできません。団体のアカウントでログインしてください。"),
  tooManyAttempts: (message: string) => new AppError("RATE_LIMITED", message),
};
