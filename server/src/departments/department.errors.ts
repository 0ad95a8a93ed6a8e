import { AppError } from "../kernel/app-error.js";

export const departmentErrors = {
  /** 鮮度確認 is for published cases only. */
  freshnessOnPublishedOnly: () => new AppError("CONFLICT", "内容の確認は公開中の好事例だけが対象です。"),
};
