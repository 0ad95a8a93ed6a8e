import { AppError } from "../kernel/index.js";

export const freshnessErrors = {
  /** 鮮度確認 is for published cases only. */
  freshnessOnPublishedOnly: () => new AppError("CONFLICT", "内容の確認は公開中の好事例だけが対象です。"),
};
