import "reflect-metadata";
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AdoptionEventResolver, AdoptionOrganisationResolver, AdoptionResolver, CaseAdoptionResolver, CaseLineageResolver, QuestionOrganisationResolver } from "../adoptions/index.js";
import { AttachmentResolver } from "../attachments/index.js";
import { AuthResolver, MeSessionResolver } from "../auth/index.js";
import { CaseResolver, CaseRevisionResolver, ReviewResolver, UserSummaryResolver } from "../cases/index.js";
import { CaseCurationResolver, CollectionResolver, FeaturedMarkResolver } from "../collections/index.js";
import { DashboardResolver, HubDashboardResolver } from "../dashboard/index.js";
import { DirectorySignInResolver } from "../directory-sign-in/index.js";
import { CaseFreshnessFieldsResolver, CaseFreshnessResolver } from "../freshness/index.js";
import { DepartmentPageResolver } from "../department-pages/index.js";
import { DepartmentAdminResolver } from "../departments/index.js";
import { FollowResolver } from "../follows/index.js";
import { NotificationResolver } from "../notifications/index.js";
import { OrganisationResolver } from "../organisations/index.js";
import { AnswerResolver, CaseQuestionResolver, QuestionResolver } from "../questions/index.js";
import { CaseTagProposalResolver, TagProposalResolver } from "../tag-proposals/index.js";
import { TagPageResolver, TagSuggestionResolver, TagVocabularyResolver } from "../tags/index.js";
import { SearchResolver } from "../search/index.js";
import { SolicitationResolver } from "../solicitations/index.js";
import { TagBulkResolver } from "../tag-bulk/index.js";
import { SynonymResolver } from "../synonyms/index.js";
import { PeopleResolver } from "../users/index.js";

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [
      AuthResolver,
      MeSessionResolver,
      DirectorySignInResolver,
      OrganisationResolver,
      PeopleResolver,
      DepartmentAdminResolver,
      CaseResolver,
      AttachmentResolver,
      UserSummaryResolver,
      ReviewResolver,
      CaseRevisionResolver,
      NotificationResolver,
      TagSuggestionResolver,
      TagPageResolver,
      TagVocabularyResolver,
      TagBulkResolver,
      TagProposalResolver,
      CaseTagProposalResolver,
      SearchResolver,
      SynonymResolver,
      // Curation: featured cases, collections, home page, dashboard.
      CollectionResolver,
      CaseCurationResolver,
      FeaturedMarkResolver,
      DashboardResolver,
      HubDashboardResolver,
      // 横展開: adoption ledger, Q&A, department pages, freshness.
      AdoptionResolver,
      AdoptionEventResolver,
      CaseAdoptionResolver,
      CaseLineageResolver,
      AdoptionOrganisationResolver,
      QuestionOrganisationResolver,
      QuestionResolver,
      AnswerResolver,
      CaseQuestionResolver,
      DepartmentPageResolver,
      CaseFreshnessResolver,
      CaseFreshnessFieldsResolver,
      // Issue 16: 募集 and the demand board, follows.
      SolicitationResolver,
      FollowResolver,
    ], validate: false });
}

/**
 * The SDL committed as server/schema.graphql; a test fails when it drifts from the code. Sorted by
 * name: type-graphql lists types and fields in the order their modules happen to be evaluated, so
 * moving a file between slices would otherwise reorder the file without changing the schema.
 */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await buildAppSchema()))}\n`;
}
