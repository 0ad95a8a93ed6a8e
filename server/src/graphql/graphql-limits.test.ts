import { costLimitRule } from "@escape.tech/graphql-armor-cost-limit";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesRule } from "@escape.tech/graphql-armor-max-directives";
import { Lexer, parse, Source, specifiedRules, TokenKind, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import { readClientOperations, type ClientOperation } from "../../../test/support/client-documents.js";
import { REPO_ROOT } from "../config/index.js";
import { GRAPHQL_LIMITS, graphqlLimits } from "./graphql-limits.js";
import { buildAppSchema } from "./schema.js";

/**
 * Every operation the client sends (read from client/src) passes the operation limits with room
 * to spare: a screen that needs a deeper or bigger query fails here first, with the numbers.
 */
let schema: GraphQLSchema;
let operations: ClientOperation[];

beforeAll(async () => {
  schema = await buildAppSchema();
  operations = readClientOperations(REPO_ROOT);
});

/** The same measures the limits take (graphql-armor's rules with an accept callback, graphql-js's lexer). */
function measure(operation: ClientOperation) {
  const found = { maxDepth: 0, maxAliases: 0, maxDirectives: 0, maxCost: 0, maxTokens: 0 };
  const keep = (key: keyof typeof found) => ({
    propagateOnRejection: false,
    onAccept: [(_context: unknown, details: { n: number }) => void (found[key] = Math.max(found[key], details.n))],
  });
  const errors = validate(schema, operation.document, [
    ...specifiedRules,
    // Fragments flattened, as the production rules count them (graphql-limits.ts).
    maxDepthRule({ n: Number.MAX_SAFE_INTEGER, flattenFragments: true, ...keep("maxDepth") }),
    maxAliasesRule({ n: Number.MAX_SAFE_INTEGER, ...keep("maxAliases") }),
    maxDirectivesRule({ n: Number.MAX_SAFE_INTEGER, ...keep("maxDirectives") }),
    costLimitRule({ maxCost: Number.MAX_SAFE_INTEGER, flattenFragments: true, ...keep("maxCost") }),
  ]);
  const lexer = new Lexer(new Source(operation.source));
  while (lexer.advance().kind !== TokenKind.EOF) found.maxTokens++;
  return { found, errors };
}

describe("GraphQL operation limits", () => {
  it("reads the client's operations (all of them, resolving shared fragments and field lists)", () => {
    expect(operations.length).toBeGreaterThan(50);
    expect(operations.map((o) => o.name)).toEqual(expect.arrayContaining([expect.stringMatching(/SearchPage\.tsx: SearchCases$/), expect.stringMatching(/CasePage\.tsx: CasePage$/)]));
  });

  it("lets every client operation through with at least half the limit to spare", () => {
    const largest = { maxDepth: 0, maxAliases: 0, maxDirectives: 0, maxCost: 0, maxTokens: 0 };
    for (const operation of operations) {
      const { found, errors } = measure(operation);
      expect(errors.map((e) => e.message), operation.name).toEqual([]);
      for (const key of Object.keys(largest) as (keyof typeof largest)[]) {
        largest[key] = Math.max(largest[key], found[key]);
        expect(found[key] * 1.5, `${operation.name}: ${key} ${found[key]} of ${GRAPHQL_LIMITS[key]}`).toBeLessThanOrEqual(GRAPHQL_LIMITS[key]);
      }
    }
    // The production rules themselves accept them all.
    const { validationRules } = graphqlLimits({ production: true });
    for (const operation of operations) {
      expect(validate(schema, operation.document, [...specifiedRules, ...validationRules]), operation.name).toEqual([]);
      expect(() => parse(operation.source, { maxTokens: GRAPHQL_LIMITS.maxTokens })).not.toThrow();
    }
    // The largest client operation, for the record (see graphql-limits.ts).
    console.info("largest client operation", largest, "limits", GRAPHQL_LIMITS);
  });

  it("refuses an operation past each limit with a Japanese QUERY_TOO_COMPLEX error", () => {
    const { validationRules } = graphqlLimits({ production: true });
    const refused = (query: string) => {
      const errors = validate(schema, parse(query), [...specifiedRules, ...validationRules]);
      return errors.map((e) => ({ message: e.message, code: (e.originalError as { code?: string } | undefined)?.code }));
    };
    // The schema has cycles (a case's adoptions each have a case): myCases { items { adoptions { case { adoptions … } } } }.
    const cycle = (n: number): string => (n <= 0 ? "id" : `adoptions { case { ${cycle(n - 1)} } }`);
    const deep = `{ myCases { items { ${cycle(GRAPHQL_LIMITS.maxDepth / 2)} } } }`;
    // Fragments do not hide depth: the same nesting spread over fragments is refused too.
    const levels = GRAPHQL_LIMITS.maxDepth / 2 + 1;
    const deepThroughFragments = `{ myCases { items { ...F1 } } } ${Array.from({ length: levels }, (_, i) => `fragment F${i + 1} on Case { ${i + 1 < levels ? `adoptions { case { ...F${i + 2} } }` : "id"} }`).join(" ")}`;
    expect(refused(deepThroughFragments).map((e) => e.message)).toContain("問い合わせが複雑すぎるため受け付けられません（入れ子の深さが上限の12を超えています）。");
    // (Deep operations cost more too: each level multiplies the estimate by 1.5.)
    expect(refused(deep)).toContainEqual({ code: "QUERY_TOO_COMPLEX", message: "問い合わせが複雑すぎるため受け付けられません（入れ子の深さが上限の12を超えています）。" });
    const aliases = `{ ${Array.from({ length: GRAPHQL_LIMITS.maxAliases + 1 }, (_, i) => `a${i}: me { id }`).join(" ")} }`;
    expect(refused(aliases)).toEqual([{ code: "QUERY_TOO_COMPLEX", message: expect.stringContaining("別名（エイリアス）の数が上限の10を超えています") }]);
    const directives = `{ me { id ${"@include(if: true) ".repeat(GRAPHQL_LIMITS.maxDirectives + 1)} } }`;
    expect(refused(directives).map((e) => e.message)).toContain("問い合わせが複雑すぎるため受け付けられません（ディレクティブの数が上限の10を超えています）。");
    const costly = `{ searchCases(query: "a", first: 5000) { hits { case { title summary department { name } } } } }`;
    expect(refused(costly).map((e) => e.code)).toContain("QUERY_TOO_COMPLEX");
  });
});
