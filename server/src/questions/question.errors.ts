import { AppError } from "../kernel/app-error.js";

export const questionErrors = {
  answerAlreadyAccepted: () => new AppError("CONFLICT", "この回答はすでに採用されています。"),
};
