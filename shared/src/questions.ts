import { z } from "zod";
import { body } from "./fields.js";
import { uuidOf } from "./text.js";

/** Q&A on a case: questions from any 課, answers by the case's 課 (or the secretariat). */
export const QUESTION_BODY_MAX = 4000;
export const ANSWER_BODY_MAX = 4000;

const required = (label: string, max: number) =>
  body(label, max).pipe(z.string().min(1, { error: `${label}を入力してください` }));

export const questionAskSchema = z.strictObject({
  caseId: uuidOf("事例"),
  body: required("質問", QUESTION_BODY_MAX),
});
export type QuestionAskInput = z.infer<typeof questionAskSchema>;

export const answerPostSchema = z.strictObject({
  questionId: uuidOf("質問"),
  body: required("回答", ANSWER_BODY_MAX),
});
export type AnswerPostInput = z.infer<typeof answerPostSchema>;

export const answerAcceptSchema = z.strictObject({
  answerId: uuidOf("回答"),
});
export type AnswerAcceptInput = z.infer<typeof answerAcceptSchema>;
