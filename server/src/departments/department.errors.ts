import { AppError, notFound } from "../kernel/index.js";

export const departmentErrors = {
  /** Another organisation's 課 answers exactly like a missing one. */
  noSuchDepartment: () => notFound("組織"),
  nameTaken: (name: string) => new AppError("CONFLICT", `「${name}」という組織（または以前の名称）が既にあります。`, [{ path: "name", message: `「${name}」は既に使われています` }]),
  codeTaken: (code: string) => new AppError("CONFLICT", `所属コード ${code} は既に使われています。`, [{ path: "code", message: `所属コード ${code} は既に使われています` }]),
  cycle: () => new AppError("BAD_USER_INPUT", "自分自身やその下の組織の下には移動できません。", [{ path: "parentId", message: "自分自身やその下の組織は選べません" }]),
  tooDeep: () => new AppError("BAD_USER_INPUT", "組織の階層は10段までです。", [{ path: "parentId", message: "組織の階層は10段までです" }]),
  abolished: (name: string) => new AppError("CONFLICT", `${name}は組織改正で廃止されています。`),
  futureDate: () =>
    new AppError("BAD_USER_INPUT", "施行日が先の組織改正はまだ予約できません。施行日以降に実行してください（施行日は今日以前の日付にしてください）。", [
      { path: "effectiveDate", message: "今日以前の日付にしてください" },
    ]),
  notYourCase: () => new AppError("BAD_USER_INPUT", "分割する課の好事例ではないものが割り当てに含まれています。", [{ path: "assignments", message: "分割する課の好事例を選んでください" }]),
};
