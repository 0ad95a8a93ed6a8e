import { AppError } from "../kernel/index.js";

export const authErrors = {
  /** The same answer for an unknown address, a wrong password and a deactivated account. */
  wrongCredentials: () => new AppError("UNAUTHENTICATED", "メールアドレスまたはパスワードが正しくありません。"),
  tooManyAttempts: (message: string) => new AppError("RATE_LIMITED", message),
};
