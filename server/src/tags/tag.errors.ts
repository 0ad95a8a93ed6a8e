import { AppError } from "../kernel/index.js";

/** What can go wrong with tags: their vocabulary (merges, edits) and bulk jobs. */
export const tagErrors = {
  staleVersion: () => new AppError("CONFLICT", "ほかの人がこのタグを更新しました。画面を再読み込みしてから、もう一度操作してください。"),
  alreadyMerged: (name: string) => new AppError("CONFLICT", `「${name}」はすでにほかのタグに統合されています。`),
  undoNotLatest: () => new AppError("CONFLICT", "元に戻せるのは最後に行った統合だけです。画面を再読み込みしてください。"),
  undoAlreadyDone: () => new AppError("CONFLICT", "この統合はすでに元に戻されています。"),
  undoAfterChange: () => new AppError("CONFLICT", "統合のあとでタグが変更されたため、元に戻せません。"),
  /** A bulk job stops when its tag was merged away meanwhile… */
  bulkTagMerged: (name: string) => new AppError("CONFLICT", `タグ「${name}」がほかのタグに統合されたため、中断しました。`),
  /** …or retired while the job adds it. */
  bulkTagRetired: (name: string) => new AppError("CONFLICT", `タグ「${name}」が廃止されたため、中断しました。`),
};
