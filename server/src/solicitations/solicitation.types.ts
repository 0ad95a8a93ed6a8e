import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { SOLICITATION_SCOPES, type SolicitationScope } from "@kb/shared";

export const SolicitationScopeEnum = Object.fromEntries(SOLICITATION_SCOPES.map((s) => [s, s])) as { [K in SolicitationScope]: K };
registerEnumType(SolicitationScopeEnum, { name: "SolicitationScope", description: "ORGANISATION 庁内に募集, COMMONS 自治体間で募集" });

@ObjectType("Solicitation", { description: "募集: a secretariat's call for cases on something staff want and cannot find." })
export class SolicitationView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  description!: string;

  @Field(() => String, { description: "期限 (YYYY-MM-DD, Japan); open through that day." })
  deadline!: string;

  @Field(() => SolicitationScopeEnum)
  scope!: SolicitationScope;

  @Field(() => Boolean, { description: "Called by the installation's 広域事務局." })
  byHub!: boolean;

  @Field(() => String, { description: "The calling organisation (for the hub's: the 広域事務局's own)." })
  organisationName!: string;

  @Field(() => Date)
  createdAt!: Date;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  @Field(() => Boolean, { description: "Not closed and not past its 期限." })
  open!: boolean;

  @Field(() => Int, { description: "Cases offered that the viewer can read." })
  answerCount!: number;

  @Field(() => Boolean)
  viewerFollows!: boolean;

  @Field(() => Boolean)
  viewerCanAnswer!: boolean;

  @Field(() => Boolean)
  viewerCanClose!: boolean;
}

@ObjectType("SolicitationAnswer", { description: "A case offered in answer to a 募集." })
export class SolicitationAnswerView {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  caseTitle!: string;

  @Field(() => String, { description: "The answering 自治体." })
  organisationName!: string;

  @Field(() => String, { nullable: true, description: "The answering 課." })
  departmentName!: string | null;

  @Field(() => String)
  comment!: string;

  @Field(() => Date)
  createdAt!: Date;
}

@ObjectType("SolicitationList")
export class SolicitationListView {
  @Field(() => Int)
  total!: number;

  @Field(() => [SolicitationView])
  items!: SolicitationView[];

  @Field(() => [SolicitationScopeEnum], { description: "The scopes the viewer may call 募集 in (empty for staff)." })
  viewerCanCall!: SolicitationScope[];

  @Field(() => Boolean, { description: "The viewer may open the demand board." })
  viewerCanSeeDemand!: boolean;
}

@ObjectType("SolicitationCandidate", { description: "A case the viewer may offer to a 募集." })
export class SolicitationCandidateView {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String)
  organisationName!: string;
}

@ObjectType("DemandSearch", { description: "Words the viewer's organisation searched for and found nothing (grouped: 全角/半角, case, punctuation, word order)." })
export class DemandSearchView {
  @Field(() => String)
  query!: string;

  @Field(() => Int, { description: "Searches that found nothing, in the window." })
  zeroResults!: number;

  @Field(() => Date)
  lastSearchedAt!: Date;

  @Field(() => ID, { nullable: true, description: "An open 募集 made from it." })
  solicitationId!: string | null;
}

@ObjectType("DemandQuestion", { description: "Questions the viewer's organisation's staff asked that nobody answered, by case." })
export class DemandQuestionView {
  @Field(() => ID)
  caseId!: string;

  @Field(() => String)
  caseTitle!: string;

  @Field(() => Int)
  unanswered!: number;

  @Field(() => Date)
  oldestAskedAt!: Date;
}

@ObjectType("CommonsDemand", { description: "Words several organisations searched for and found nothing: counts only." })
export class CommonsDemandView {
  @Field(() => String, { description: "The normalised words." })
  query!: string;

  @Field(() => Int, { description: "Organisations that searched for them (at least minimumOrganisations)." })
  organisations!: number;

  @Field(() => Int)
  zeroResults!: number;

  @Field(() => ID, { nullable: true })
  solicitationId!: string | null;
}

@ObjectType("DemandBoard", { description: "募集の掲示板: what staff want and cannot find." })
export class DemandBoardView {
  @Field(() => [DemandSearchView], { description: "The viewer's organisation's (secretariat and admins; empty for the 広域事務局 alone)." })
  searches!: DemandSearchView[];

  @Field(() => [DemandQuestionView])
  unansweredQuestions!: DemandQuestionView[];

  @Field(() => [CommonsDemandView])
  commons!: CommonsDemandView[];

  @Field(() => Boolean, { description: "Whether the viewer's own organisation's part is included (its secretariat and admins; not the 広域事務局 alone)." })
  includesOwn!: boolean;

  @Field(() => Int, { description: "How many organisations must share a demand before it shows across the commons." })
  minimumOrganisations!: number;

  @Field(() => Int)
  windowDays!: number;
}

@InputType("SolicitationInput")
export class SolicitationInput {
  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => String, { description: "YYYY-MM-DD" })
  deadline!: string;

  @Field(() => SolicitationScopeEnum)
  scope!: SolicitationScope;

  @Field(() => String, { nullable: true, description: "The demand board's words it answers." })
  demandQuery?: string | null;
}

@InputType("SolicitationAnswerInput")
export class SolicitationAnswerInput {
  @Field(() => ID)
  solicitationId!: string;

  @Field(() => ID)
  caseId!: string;

  @Field(() => String, { nullable: true })
  comment?: string | null;
}
