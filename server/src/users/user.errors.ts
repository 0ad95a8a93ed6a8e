import { AppError } from "../kernel/app-error.js";

export const userErrors = {
  notSignedIn: () => new AppError("UNAUTHENTICATED", "ログインしてください。"),
  emailTaken: (email: string) => new AppError("CONFLICT", `${email} は既に登録されています。`),
  noSuchUser: (email: string) => new AppError("NOT_FOUND", `${email} という利用者はいません。`),
};
