import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloArmor } from "@escape.tech/graphql-armor";
import type { GraphQLArmorRejectCallback } from "@escape.tech/graphql-armor-types";
import { GraphQLError, type ValidationRule } from "graphql";
import { AppError } from "../kernel/index.js";

/**
 * How big a GraphQL operation may be. Every operation the client sends stays well below
 * each limit: graphql-limits.test.ts runs all of them (read from client/src) through these rules,
 * so a new screen that needs more fails a test instead of failing in production. Measured on the
 * client (largest operation, fragments flattened; the test prints the current figures): depth 6, no
 * aliases, no directives, 194 tokens, cost 15 625 (VocabularyTags: first: 500).
 */
export const GRAPHQL_LIMITS = {
  /**
   * Nesting of fields: how deep the data goes. Fragments do not add a level (flattened), since the
   * client co-locates one per component (graphql-codegen) without reaching deeper into the data.
   */
  maxDepth: 12,
  /** Aliased fields in one operation: aliases are how one request asks for the same thing 1 000 times. */
  maxAliases: 10,
  /** Directives (@include, @skip…) in one operation. */
  maxDirectives: 10,
  /** graphql-armor's estimate: objects 2, scalars 1, ×1.5 per level of fields (fragments flattened), × a literal `first`. */
  maxCost: 30_000,
  /** Lexical tokens of the document, checked while parsing (before any other work). */
  maxTokens: 1_000,
} as const;

const WHAT = {
  maxDepth: "入れ子の深さ",
  maxAliases: "別名（エイリアス）の数",
  maxDirectives: "ディレクティブの数",
  maxCost: "処理量の見積もり",
  maxTokens: "問い合わせの長さ（字句数）",
} as const;

export function tooComplex(limit: keyof typeof GRAPHQL_LIMITS): AppError {
  return new AppError(
    "QUERY_TOO_COMPLEX",
    `問い合わせが複雑すぎるため受け付けられません（${WHAT[limit]}が上限の${GRAPHQL_LIMITS[limit].toLocaleString("ja-JP")}を超えています）。`,
  );
}

/**
 * Reports the rejection as our coded error. Apollo wraps validation errors (code
 * GRAPHQL_VALIDATION_FAILED, HTTP 400) but keeps `originalError`, which format-error.ts reads.
 */
const reject =
  (limit: keyof typeof GRAPHQL_LIMITS): GraphQLArmorRejectCallback =>
  (context) => {
    const error = tooComplex(limit);
    context?.reportError(new GraphQLError(error.message, { originalError: error }));
  };

/** graphql-js's own message when `parseOptions.maxTokens` stops the parser. */
export const TOO_MANY_TOKENS = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens/;

/**
 * What ApolloServer takes: validation rules (depth, aliases, directives, cost) from graphql-armor,
 * the token limit as graphql-js's `parseOptions.maxTokens`, batching off, and field suggestions
 * ("Did you mean …?", a map of the schema) hidden in production.
 *
 * graphql-armor's own token limit is off on purpose: its Apollo plugin throws from
 * `parsingDidStart`, which Apollo Server 5 treats as an unexpected failure (HTTP 500, message
 * masked); graphql-js's parser limit gives a proper 400 parse error instead.
 */
export function graphqlLimits(options: { production: boolean }): {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  allowBatchedHttpRequests: false;
} {
  const armor = new ApolloArmor({
    maxDepth: { n: GRAPHQL_LIMITS.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [reject("maxDepth")] },
    maxAliases: { n: GRAPHQL_LIMITS.maxAliases, propagateOnRejection: false, onReject: [reject("maxAliases")] },
    maxDirectives: { n: GRAPHQL_LIMITS.maxDirectives, propagateOnRejection: false, onReject: [reject("maxDirectives")] },
    costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, flattenFragments: true, propagateOnRejection: false, onReject: [reject("maxCost")] },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: options.production },
  });
  const { plugins, validationRules } = armor.protect();
  // graphql-armor's types name @apollo/server's CommonJS declarations; ours are the ESM ones (same code).
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules, parseOptions: { maxTokens: GRAPHQL_LIMITS.maxTokens }, allowBatchedHttpRequests: false };
}
