import { AppError } from "../kernel/app-error.js";

export const importErrors = {
  alreadyStarted: () => new AppError("CONFLICT", "この取り込みはすでに開始されています。"),
};
