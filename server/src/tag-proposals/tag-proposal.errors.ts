import { AppError } from "../kernel/index.js";

export const tagProposalErrors = {
  caseNotPublished: () => new AppError("CONFLICT", "タグを提案できるのは公開中の好事例だけです。"),
  alreadyDecided: () => new AppError("CONFLICT", "この提案はすでに判断されています。"),
  /** Accepting a proposal whose case was archived (or sent back) since it was made. */
  acceptOnUnpublished: () => new AppError("CONFLICT", "公開中でない好事例には、提案されたタグを付けられません。"),
};
