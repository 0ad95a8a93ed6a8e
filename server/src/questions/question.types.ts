import { Field, ID, InputType, Int, ObjectType } from "type-graphql";

@ObjectType("Answer", { description: "質問への回答（好事例の所属課または事務局）" })
export class AnswerView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  body!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Boolean, { description: "The asker accepted this answer." })
  accepted!: boolean;

  /** Not exposed: resolved by field resolvers. */
  questionId!: string;
  departmentId!: string | null;
  authorId!: string | null;
}

@ObjectType("Question", { description: "好事例への質問" })
export class QuestionView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  body!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => ID, { nullable: true })
  acceptedAnswerId!: string | null;

  @Field(() => Date, { nullable: true })
  acceptedAt!: Date | null;

  /** Not exposed: resolved by field resolvers. */
  caseId!: string;
  departmentId!: string | null;
  authorId!: string | null;
}

@ObjectType("QuestionAccess", { description: "What the viewer may do with Q&A on this case" })
export class QuestionAccessView {
  @Field(() => Boolean, { description: "Ask a question (logged in, outside the case's department, published case)." })
  ask!: boolean;

  @Field(() => Boolean, { description: "Answer questions (the case's department or the secretariat)." })
  answer!: boolean;
}

@ObjectType("QuestionList")
export class QuestionListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [QuestionView])
  items!: QuestionView[];
}

@InputType("QuestionInput")
export class QuestionInput {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String, { nullable: true })
  body?: string | null;
}

@InputType("AnswerInput")
export class AnswerInput {
  @Field(() => ID)
  questionId!: string;

  @Field(() => String, { nullable: true })
  body?: string | null;
}
