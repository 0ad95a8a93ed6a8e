import { AppError } from "../kernel/index.js";

export const questionErrors = {
  answerAlreadyAccepted: () => new AppError("CONFLICT", "この回答はすでに採用されています。"),
};
