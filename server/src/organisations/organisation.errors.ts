import { AppError } from "../kernel/index.js";

export const organisationErrors = {
  codeTaken: (code: string) => new AppError("CONFLICT", `団体コード ${code} の団体は既に登録されています。`),
  noSuchOrganisation: (code: string) => new AppError("NOT_FOUND", `団体コード ${code} の団体は登録されていません。`),
  notFound: () => new AppError("NOT_FOUND", "その団体は登録されていません。"),
  noHomeOrganisation: () => new AppError("NOT_FOUND", "この設置の団体が見つかりません（データベースの移行が済んでいません）。"),
};
