import { AppError } from "../kernel/index.js";

export const adoptionErrors = {
  staleVersion: () =>
    new AppError("CONFLICT", "ほかの人がこの横展開の記録を更新しました。最新の内容を確認してから保存してください。"),
  /** A 課 records its adoption of a case once; later changes edit that row (with its version). */
  alreadyRecorded: () =>
    new AppError("CONFLICT", "この課の横展開はすでに記録されています。最新の内容を確認してから保存してください。"),
};
