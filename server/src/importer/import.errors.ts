import { AppError } from "../kernel/index.js";

export const importErrors = {
  alreadyStarted: () => new AppError("CONFLICT", "この取り込みはすでに開始されています。"),
};
