import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { AuthResolver } from "../auth/auth.resolver.js";
import { CaseResolver, CaseRevisionResolver, ReviewResolver, UserSummaryResolver } from "../cases/case.resolver.js";
import { NotificationResolver } from "../notifications/notification.resolver.js";
import { CaseTagProposalResolver, TagProposalResolver } from "../tag-proposals/tag-proposal.resolver.js";
import { TagPageResolver, TagSuggestionResolver, TagVocabularyResolver } from "../tags/tag.resolver.js";
import { SearchResolver } from "../search/search.resolver.js";
import { SynonymResolver } from "../synonyms/synonym.resolver.js";

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [
      AuthResolver,
      CaseResolver,
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
    ], validate: false });
}

/** The SDL committed as server/schema.graphql; a test fails when it drifts from the code. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(await buildAppSchema())}\n`;
}
