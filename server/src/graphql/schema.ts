import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AdoptionEventResolver, AdoptionResolver, CaseAdoptionResolver } from "../adoptions/adoption.resolver.js";
import { AttachmentResolver } from "../attachments/attachment.resolver.js";
import { AuthResolver } from "../auth/auth.resolver.js";
import { CaseResolver, CaseRevisionResolver, ReviewResolver, UserSummaryResolver } from "../cases/case.resolver.js";
import { CaseCurationResolver, CollectionResolver, FeaturedMarkResolver } from "../collections/collection.resolver.js";
import { DashboardResolver } from "../dashboard/dashboard.resolver.js";
import {
  CaseFreshnessFieldsResolver,
  CaseFreshnessResolver,
  DepartmentPageResolver,
} from "../departments/department.resolver.js";
import { NotificationResolver } from "../notifications/notification.resolver.js";
import { AnswerResolver, CaseQuestionResolver, QuestionResolver } from "../questions/question.resolver.js";
import { CaseTagProposalResolver, TagProposalResolver } from "../tag-proposals/tag-proposal.resolver.js";
import { TagPageResolver, TagSuggestionResolver, TagVocabularyResolver } from "../tags/tag.resolver.js";
import { SearchResolver } from "../search/search.resolver.js";
import { SynonymResolver } from "../synonyms/synonym.resolver.js";

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [
      AuthResolver,
      CaseResolver,
      AttachmentResolver,
      UserSummaryResolver,
      ReviewResolver,
      CaseRevisionResolver,
      NotificationResolver,
      TagSuggestionResolver,
      TagPageResolver,
      TagVocabularyResolver,
      TagProposalResolver,
      CaseTagProposalResolver,
      SearchResolver,
      SynonymResolver,
      // Curation: featured cases, collections, home page, dashboard.
      CollectionResolver,
      CaseCurationResolver,
      FeaturedMarkResolver,
      DashboardResolver,
      // 横展開: adoption ledger, Q&A, department pages, freshness.
      AdoptionResolver,
      AdoptionEventResolver,
      CaseAdoptionResolver,
      QuestionResolver,
      AnswerResolver,
      CaseQuestionResolver,
      DepartmentPageResolver,
      CaseFreshnessResolver,
      CaseFreshnessFieldsResolver,
    ], validate: false });
}

/** The SDL committed as server/schema.graphql; a test fails when it drifts from the code. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(await buildAppSchema())}\n`;
}
