import { AppError, notSignedIn } from "../kernel/index.js";

export const userErrors = {
  notSignedIn,
  emailTaken: (email: string) => new AppError("CONFLICT", `${email} は既に登録されています。`),
  noSuchUser: (email: string) => new AppError("NOT_FOUND", `${email} という利用者はいません。`),
};
