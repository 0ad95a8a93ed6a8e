import "reflect-metadata";
import { printSchema, type GraphQLSchema } from "graphql";
import { buildSchema } from "type-graphql";
import { CaseResolver } from "../cases/case.resolver.js";
import { SearchResolver } from "../search/search.resolver.js";

export async function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: [CaseResolver, SearchResolver], validate: false });
}

/** The SDL committed as server/schema.graphql; a test fails when it drifts from the code. */
export async function printAppSchema(): Promise<string> {
  return `${printSchema(await buildAppSchema())}\n`;
}
