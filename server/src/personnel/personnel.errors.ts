import { AppError, conflict } from "../kernel/index.js";

export const personnelErrors = {
  changedSinceDryRun: () =>
    conflict("確認のあとで職員または課の情報が変わりました。もう一度「確認する」を押して、結果を見直してから反映してください。"),
  rowsInError: (count: number) =>
    new AppError("BAD_USER_INPUT", `誤りのある行が ${count} 行あります。ファイルを直して、もう一度確認してください（一部だけの反映はしません）。`, [
      { path: "file", message: `誤りのある行が ${count} 行あります。` },
    ]),
};
