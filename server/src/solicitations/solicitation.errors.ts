import { AppError } from "../kernel/index.js";

export const solicitationErrors = {
  closed: () => new AppError("CONFLICT", "この募集は締め切られています。"),
  alreadyAnswered: () => new AppError("CONFLICT", "この好事例はすでにこの募集に寄せられています。"),
  /** The case may be read by the viewer, but not by everyone who sees the 募集. */
  caseNotShared: () =>
    new AppError("BAD_USER_INPUT", "自治体間の募集に応えられるのは、自治体間で共有している公開中の好事例です。", [
      { path: "caseId", message: "自治体間で共有している公開中の好事例を選んでください" },
    ]),
  pastDeadline: () =>
    new AppError("BAD_USER_INPUT", "入力内容に誤りがあります", [{ path: "deadline", message: "期限は今日以降の日付にしてください" }]),
};
