import { AppError } from "../kernel/index.js";

export const synonymErrors = {
  staleVersion: () =>
    new AppError("CONFLICT", "ほかの人がこの同義語グループを更新しました。画面を再読み込みしてから、もう一度編集してください。"),
};
