import fc from "fast-check";
import type { EntityManager } from "@mikro-orm/postgresql";

/**
 * Shared pieces of the property-based (fuzz) tests. Runs are bounded and seeded so `npm test` stays
 * quick and repeatable; FC_SEED and FC_NUM_RUNS widen a run by hand, e.g.
 *   FC_NUM_RUNS=2000 FC_SEED=$RANDOM npx vitest run --config test/vitest.config.ts test/fuzz
 * fast-check prints the seed, the path and the shrunk counterexample when a property fails.
 */
export function fcParams(defaultRuns: number): fc.Parameters<unknown> {
  const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : 20_261_121;
  const numRuns = process.env.FC_NUM_RUNS ? Number(process.env.FC_NUM_RUNS) : defaultRuns;
  return { seed, numRuns, endOnFailure: false, verbose: 1 };
}

/** Strings people (and tools) really send: control characters, NUL, RTL marks, combining marks, full width… */
const EDGE_STRINGS = [
  "",
  " ",
  "\u3000", // ideographic space
  "\u0000",
  "a\u0000b",
  "\u0000\u0000\u0000",
  "\u202Eevil\u202C",
  "\u200B\u200C\u200D\uFEFF",
  "\u200F\u061C右から左",
  "e\u0301\u0301\u0301\u0301",
  "ｶﾞｷﾞｸﾞ ＡＢＣ １２３ ＜ｓｃｒｉｐｔ＞",
  "😀👩‍👩‍👧‍👦🇯🇵",
  "\uD800",
  "x\uDFFFy",
  "\r\n\r\n",
  "\t\v\f\b",
  "'; drop table cases; --",
  "%_\\%\\_",
  "${{}}",
  "<script>alert(1)</script>",
  "null",
  "undefined",
  "-0",
  "1e309",
  "NaN",
  "__proto__",
  "constructor",
  "🀄".repeat(300),
  "あ".repeat(5000),
  "ｱ".repeat(20_001),
];

/** Any text: edge cases, random code points (surrogates included), graphemes, and long runs. */
export const nastyString = (maxLength = 60): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ unit: fc.constantFrom(..."窓口予約の電子化ｶﾅＡＢabc 123\n"), minLength: 1, maxLength }) },
    { weight: 3, arbitrary: fc.constantFrom(...EDGE_STRINGS) },
    // Ordinary text with one character PostgreSQL cannot take (NUL) or a broken surrogate in it.
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.string({ maxLength: 8 }), fc.constantFrom("\u0000", "\uD800", "\uDC00", "\uDBFF\uDBFF"), fc.string({ maxLength: 8 }))
        .map((parts) => parts.join("")),
    },
    { weight: 2, arbitrary: fc.string({ maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength }) },
    { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength }) },
    { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength }) },
    {
      weight: 2,
      arbitrary: fc.array(fc.constantFrom(...EDGE_STRINGS.filter((s) => s.length < 100), "好事例", "kintone", "窓口"), { maxLength: 6 }).map((parts) => parts.join("")),
    },
  );

/** A value of the wrong type (or the right one) for any field: what a hand-written client might send. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  nastyString(),
  fc.integer(),
  fc.constantFrom(0, -1, 2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, 1.5, -0, 1e308),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(nastyString(10), { maxLength: 3 }),
  fc.dictionary(nastyString(8), nastyString(8), { maxKeys: 3 }),
);

/** Sometimes the right type with a nasty value, sometimes the wrong type, sometimes nothing. */
export const field = <T>(good: fc.Arbitrary<T>): fc.Arbitrary<T | unknown> =>
  fc.oneof({ weight: 12, arbitrary: good }, { weight: 1, arbitrary: anyJson }, { weight: 1, arbitrary: fc.constant(undefined) });

/** An ID-shaped argument: a real one, a random UUID, a malformed one. */
export const idArg = (...real: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: nastyString(40) },
    { weight: 1, arbitrary: fc.constantFrom("00000000-0000-0000-0000-000000000000", real[0]!.toUpperCase(), ` ${real[0]}`, "1", "-1") },
  );

/** Every code a client may see besides success; INTERNAL_SERVER_ERROR is the one that must never appear. */
export const CODED = new Set([
  "BAD_USER_INPUT",
  "GRAPHQL_VALIDATION_FAILED",
  "GRAPHQL_PARSE_FAILED",
  "NOT_FOUND",
  "FORBIDDEN",
  "UNAUTHENTICATED",
  "CONFLICT",
  "RATE_LIMITED",
  "SEARCH_UNAVAILABLE",
]);

export type GqlResult = { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] };

/** Fails (with the operation and variables) unless the result is a success or only coded errors. */
export function expectSuccessOrCoded(result: GqlResult, what: unknown): "ok" | "refused" {
  if (!result.errors?.length) return "ok";
  for (const error of result.errors) {
    const code = error.extensions?.code;
    if (typeof code !== "string" || !CODED.has(code)) {
      throw new Error(`uncoded error ${String(code)}: ${error.message}\nfor ${preview(what)}`);
    }
  }
  return "refused";
}

export function preview(value: unknown): string {
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…(${v.length})` : v));
  return text && text.length > 2000 ? `${text.slice(0, 2000)}…` : String(text);
}

/** What JSON over HTTP would deliver: undefined keys dropped, NaN/Infinity → null. */
export function overTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? null)) as T;
}

/**
 * A fingerprint of every table the app writes (all rows, hashed in the database), so a refused write
 * can be checked to have changed nothing at all — cases, revisions, the search outbox, notifications,
 * audit rows. Sessions, login attempts and the search-query statistics are left out: logins and reads write those.
 */
export async function databaseFingerprint(em: EntityManager): Promise<Record<string, string>> {
  const tables = await em.execute<{ tablename: string }[]>(
    "select tablename from pg_tables where schemaname = 'public' and tablename not in ('mikro_orm_migrations', 'sessions', 'login_attempts', 'search_query_stats') order by tablename",
  );
  const select = tables
    .map(({ tablename }) => `(select md5(coalesce(string_agg(t::text, '|' order by t::text), '')) from "${tablename}" t) as "${tablename}"`)
    .join(", ");
  const [row] = await em.execute<Record<string, string>[]>(`select ${select}`);
  return row!;
}
