import { randomBytes } from "node:crypto";
import path from "node:path";
import { ApolloServer } from "@apollo/server";
import type { GraphQLSchema } from "graphql";
import { inject } from "vitest";
import type { InterchangeCaseInput } from "@kb/shared";
import { interchangeCaseSchema } from "@kb/shared";
import { openBackend, type Backend } from "../../server/src/app.js";
import { parseConfig, type AppConfig } from "../../server/src/config/config.js";
import { createRequestContext, type RequestContext } from "../../server/src/app/request-context.js";
import { createFormatError } from "../../server/src/graphql/format-error.js";
import { buildAppSchema } from "../../server/src/graphql/schema.js";
import { importCases, importInterchangeFile, type ImportCasesOptions, type ImportReport } from "../../server/src/importer/import.service.js";
import { ensureDatabase } from "../../server/src/infra/embedded-postgres.js";
import { createLogger } from "../../server/src/logger.js";
import { SearchOutboxWorker } from "../../server/src/search/search-outbox.worker.js";
import { createUser, type NewUser } from "../../server/src/users/user.service.js";
import type { Viewer } from "../../server/src/kernel/index.js";
import { ensureSeedOrganisations, homeOrganisation, readOrganisationSeedFile } from "../../server/src/organisations/index.js";
import { REPO_ROOT } from "../../server/src/config/index.js";

/**
 * A backend of its own for one test file: a fresh database (migrated) and a fresh Meilisearch index
 * on the run's real services. Nothing is mocked.
 */
export interface TestBackend extends Backend {
  /** Environment that points a child process (server, CLI) at this backend's database and index. */
  env: Record<string, string>;
  worker: SearchOutboxWorker;
  schema: GraphQLSchema;
  /** Runs a GraphQL operation in-process, with a fresh request context as the HTTP server would. */
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options?: { viewer?: Viewer | null }): Promise<{ data?: T; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }>;
  /** Imports cases (interchange format) and waits until the index has them. */
  importCases(records: InterchangeCaseInput[], options?: ImportCasesOptions): Promise<{ created: number; updated: number; unchanged: number }>;
  /**
   * The seeds as a first start loads them (seeds/organisations.json, then seeds/cases.jsonl, each case
   * into its organisation; the installation's own becomes 宝塚市), indexed. Answers the import's report.
   */
  loadSeedCases(): Promise<ImportReport>;
  /** Drains the search outbox until empty. */
  syncSearch(): Promise<void>;
  /** The installation's own organisation (the migration made it): where tests' users and cases go by default. */
  homeOrganisationId: string;
  /** Creates a user (and their department if new) and returns them as a request viewer. */
  createViewer(overrides?: Partial<NewUser>): Promise<Viewer & { email: string; password: string }>;
}

let userSequence = 0;

export function testEnv(suffix = randomBytes(4).toString("hex")): { env: Record<string, string>; database: string } {
  const adminUrl = new URL(inject("databaseAdminUrl"));
  const database = `kb_test_${suffix}`;
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return {
    database,
    env: {
      DATABASE_URL: url.toString(),
      MEILI_URL: inject("meiliUrl"),
      MEILI_MASTER_KEY: inject("meiliMasterKey"),
      KB_SEARCH_INDEX: `cases_test_${suffix}`,
      KB_SEED: "false",
      LOG_LEVEL: process.env.LOG_LEVEL ?? "warn",
    },
  };
}

export async function createTestBackend(): Promise<TestBackend> {
  const { env, database } = testEnv();
  const adminUrl = new URL(inject("databaseAdminUrl"));
  adminUrl.pathname = "/postgres";
  await ensureDatabase(adminUrl.toString(), database);
  const config: AppConfig = parseConfig({ ...env, NODE_ENV: "test" });
  const logger = createLogger(config.logLevel);
  const backend = await openBackend(config, logger, { reuseRunningServices: false });
  const worker = new SearchOutboxWorker(backend.orm, backend.index, backend.services.databaseUrl, logger);
  const schema = await buildAppSchema();
  const homeOrganisationId = (await homeOrganisation(backend.orm.em.fork())).id;
  // The same Apollo server, error formatting included, that the HTTP app runs; without HTTP.
  const apollo = new ApolloServer<RequestContext>({ schema, formatError: createFormatError(logger), stopOnTerminationSignals: false });
  await apollo.start();
  const syncSearch = async () => {
    await worker.drainUntilEmpty();
  };
  return {
    ...backend,
    env,
    worker,
    schema,
    homeOrganisationId,
    async gql(query, variables, options) {
      const response = await apollo.executeOperation(
        { query, variables },
        { contextValue: createRequestContext(backend.orm, backend.index, { viewer: options?.viewer ?? null }) },
      );
      if (response.body.kind !== "single") throw new Error("unexpected incremental response");
      return response.body.singleResult as never;
    },
    async importCases(records, options) {
      const parsed = records.map((r) => interchangeCaseSchema.parse(r));
      const counts = await importCases(backend.orm.em.fork(), parsed, options);
      await syncSearch();
      return counts;
    },
    async loadSeedCases() {
      await ensureSeedOrganisations(backend.orm.em.fork(), await readOrganisationSeedFile(path.join(REPO_ROOT, "seeds", "organisations.json")));
      const report = await importInterchangeFile(backend.orm, path.join(REPO_ROOT, "seeds", "cases.jsonl"));
      await syncSearch();
      return report;
    },
    syncSearch,
    async createViewer(overrides = {}) {
      userSequence++;
      const input: NewUser = {
        email: `user${userSequence}-${process.pid}@example.lg.jp`,
        displayName: `テスト 利用者${userSequence}`,
        password: "correct horse battery staple",
        role: "STAFF",
        department: "テスト課",
        ...overrides,
      };
      const user = await createUser(backend.orm.em.fork(), input);
      return {
        userId: user.id,
        // The installation's own organisation unless `organisation` (a 団体コード) says otherwise.
        organisationId: user.organisation.id,
        installationRole: user.installationRole ?? null,
        role: user.role,
        departmentId: user.department.id,
        displayName: user.displayName,
        email: input.email,
        password: input.password,
      };
    },
    async close() {
      await apollo.stop();
      await worker.stop();
      await backend.index.client.deleteIndex(backend.index.uid).waitTask().catch(() => {});
      await backend.close();
    },
  };
}

let sequence = 0;

/** A valid interchange record; override what the test is about, the rest is filled in. */
export function buildCase(overrides: Partial<InterchangeCaseInput> = {}): InterchangeCaseInput {
  sequence++;
  return {
    externalId: `test-${process.pid}-${sequence}`,
    kind: "PRACTICE",
    title: `テスト用の好事例 ${sequence}`,
    summary: "テストのために作った好事例です。",
    department: "テスト課",
    fiscalYear: 2024,
    tags: ["テスト"],
    status: "PUBLISHED",
    ...overrides,
  };
}
