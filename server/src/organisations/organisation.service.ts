import type { EntityManager } from "@mikro-orm/postgresql";
import { organisationInputSchema, populationBandOf, prefectureOfCode, type OrganisationData } from "@kb/shared";
import { badInputFromZod, forbidden, isHubSecretariat, recordEvent, requireOperator, requireRole, requireViewer, type Viewer } from "../kernel/index.js";
import { Organisation } from "./organisation.entity.js";
import { organisationErrors } from "./organisation.errors.js";
import { organisationOfCasesChanged } from "./organisation.events.js";
import { forgetPublicOrganisations, type Readership } from "./readership.js";

/**
 * What the config says the installation's own organisation is (KB_ORGANISATION_*), applied once, at
 * the first start after the migration made it; afterwards only `kb organisation set` changes it.
 */
export interface HomeOrganisationSettings {
  name?: string;
  kana?: string;
  code?: string;
  kind?: string;
  publicReading?: boolean;
}

/** Organisations of the installation: operators create and list them; everyone else sees their own. */
export class OrganisationService {
  constructor(
    private readonly em: EntityManager,
    /** The request's readership, read once per request (app/request-context.ts). */
    private readonly readershipOfRequest: () => Promise<Readership>,
  ) {}

  /** Who is reading: the visibility rule for published cases (organisations/readership.ts). */
  readership(): Promise<Readership> {
    return this.readershipOfRequest();
  }

  /** Every organisation, by 団体コード (operators only). */
  async list(viewer: Viewer | null): Promise<Organisation[]> {
    requireOperator(viewer);
    return listOrganisations(this.em);
  }

  /** The viewer's own organisation. */
  async own(viewer: Viewer): Promise<Organisation> {
    return this.em.findOneOrFail(Organisation, { id: viewer.organisationId });
  }

  /** Creates an organisation (operators only); its 団体コード must be new. */
  async create(viewer: Viewer | null, raw: unknown): Promise<Organisation> {
    const operator = requireOperator(viewer);
    return createOrganisation(this.em, raw, operator);
  }
}

/** Creates an organisation: GraphQL (operators) and `kb organisation create`. Validated by the shared schema. */
export async function createOrganisation(em: EntityManager, raw: unknown, actor: Viewer | null): Promise<Organisation> {
  const parsed = organisationInputSchema.safeParse(raw);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  const data: OrganisationData = parsed.data;
  const created = await em.transactional(async (tx) => {
    if (await tx.count(Organisation, { code: data.code })) throw organisationErrors.codeTaken(data.code);
    const organisation = tx.create(Organisation, { ...data, configuredAt: new Date() });
    tx.persist(organisation);
    await tx.flush();
    // The audit row is the new organisation's own: it is the first thing that happened in it.
    await tx.execute(
      `insert into audit_log (organisation_id, actor_id, action, subject_type, subject_id, before, after, at)
       values (?, ?, 'organisation.create', 'Organisation', ?, null, ?, now())`,
      [organisation.id, actor?.userId ?? null, organisation.id, JSON.stringify({ name: data.name, code: data.code })],
    );
    return organisation;
  });
  // After the commit: a read racing the transaction cannot keep the old list.
  forgetPublicOrganisations(em);
  return created;
}

/** Every organisation, by 団体コード (the CLI; GraphQL goes through OrganisationService.list). */
export async function listOrganisations(em: EntityManager): Promise<Organisation[]> {
  return em.find(Organisation, {}, { orderBy: { code: "asc", name: "asc" } });
}

/** The installation's own organisation (the one the migration made). */
export async function homeOrganisation(em: EntityManager): Promise<Organisation> {
  const home = await em.findOne(Organisation, { home: true });
  if (!home) throw organisationErrors.noHomeOrganisation();
  return home;
}

/** The organisation with this 団体コード, or the installation's own when `code` is undefined. */
export async function organisationByCode(em: EntityManager, code: string | undefined): Promise<Organisation> {
  if (code === undefined) return homeOrganisation(em);
  const key = code.normalize("NFKC").trim();
  // Only six digits can be a 団体コード; anything else (a NUL byte included, which PostgreSQL refuses
  // in text) is simply not one, and never reaches SQL.
  if (!/^\d{6}$/.test(key)) throw organisationErrors.noSuchOrganisation(key.replace(/[\p{Cc}\p{Cf}]/gu, "?"));
  const found = await em.findOne(Organisation, { code: key });
  if (!found) throw organisationErrors.noSuchOrganisation(key);
  return found;
}

/**
 * Sets the installation's own organisation's name, code and the rest (`kb organisation set`, and the
 * config at first start). Validated like a new organisation; what is not given keeps its value.
 */
export async function updateHomeOrganisation(em: EntityManager, settings: Partial<OrganisationData>): Promise<Organisation> {
  return updateOrganisation(em, (await homeOrganisation(em)).id, settings);
}

/** Sets an organisation's name, code, public reading and the rest; what is not given keeps its value. */
export async function updateOrganisation(em: EntityManager, organisationId: string, settings: Partial<OrganisationData>): Promise<Organisation> {
  const updated = await em.transactional(async (tx) => {
    const organisation = await tx.findOne(Organisation, organisationId);
    if (!organisation) throw organisationErrors.notFound();
    const merged = {
      name: organisation.name,
      kana: organisation.kana,
      prefecture: organisation.prefecture,
      kind: organisation.kind,
      code: organisation.code ?? undefined,
      population: organisation.population ?? null,
      populationAsOf: organisation.populationAsOf ?? null,
      publicReading: organisation.publicReading,
      ...settings,
    };
    const parsed = organisationInputSchema.safeParse(merged);
    if (!parsed.success) throw badInputFromZod(parsed.error);
    const data = parsed.data;
    if (await tx.count(Organisation, { code: data.code, id: { $ne: organisation.id } })) throw organisationErrors.codeTaken(data.code);
    const before = searchedFactsOf(organisation);
    tx.assign(organisation, { ...data, configuredAt: new Date() });
    if (searchedFactsOf(organisation) !== before) {
      // Its cases' search documents carry these (name, 都道府県, 団体区分, 人口規模): re-index them with this commit.
      const rows = await tx.execute<{ id: string }[]>("select id from cases where organisation_id = ? and status = 'PUBLISHED'", [organisation.id]);
      if (rows.length) recordEvent(tx, organisationOfCasesChanged({ organisationId: organisation.id, caseIds: rows.map((r) => r.id) }));
    }
    return organisation;
  });
  forgetPublicOrganisations(em);
  return updated;
}

/** What search documents say of an organisation (search/search-document.ts organisationFacts), as one comparable string. */
function searchedFactsOf(o: Organisation): string {
  return JSON.stringify([o.name, o.prefecture, o.kind, populationBandOf(o.population)]);
}

/**
 * At start: when the installation's own organisation still has the migration's placeholder and the
 * config names it (KB_ORGANISATION_NAME and KB_ORGANISATION_CODE), takes the config's values. Answers
 * whether it changed anything.
 */
export async function applyHomeOrganisationConfig(em: EntityManager, settings: HomeOrganisationSettings): Promise<boolean> {
  if (!settings.name || !settings.code) return false;
  const home = await homeOrganisation(em);
  if (home.configuredAt) return false;
  const code = settings.code.normalize("NFKC").trim();
  await updateHomeOrganisation(em, {
    name: settings.name,
    kana: settings.kana ?? settings.name,
    code,
    // The first two digits of a 団体コード are the prefecture's number.
    prefecture: prefectureOfCode(code) ?? home.prefecture,
    ...(settings.kind ? { kind: settings.kind as OrganisationData["kind"] } : {}),
    ...(settings.publicReading !== undefined ? { publicReading: settings.publicReading } : {}),
  });
  return true;
}



/**
 * Tags and search synonyms are the installation's vocabulary (DESIGN §10): a change renames, merges
 * or retires them for every organisation's cases. The installation's 広域事務局 (HUB_SECRETARIAT,
 * issue 16) owns it, whatever its role in its own organisation; organisations propose (their
 * secretariats' tag decisions, tag-proposals/). While no active account is the hub — a single-city
 * installation, or before `kb user-hub --grant` — the curators of the installation's own
 * organisation keep this power, as before; those of another organisation never have it.
 */
export async function requireVocabularyCurator(em: EntityManager, viewer: Viewer | null): Promise<Viewer> {
  const v = requireViewer(viewer);
  if (isHubSecretariat(v)) return v;
  const curator = requireRole(v, "SECRETARIAT", "ADMIN");
  const [row] = await em.execute<{ home: boolean; hub: boolean }[]>(
    `select exists (select 1 from organisations where home and id = ?) as home,
            exists (select 1 from users where installation_role = 'HUB_SECRETARIAT' and active) as hub`,
    [curator.organisationId],
  );
  if (row?.hub) throw forbidden("タグと同義語の管理は広域事務局が行います。タグの追加や変更は、好事例へのタグの提案から広域事務局に届きます。");
  if (!row?.home) throw forbidden("タグと同義語の管理は、この設置を運営する団体の事務局が行います。");
  return curator;
}

/** Whether `viewer` may manage the vocabulary (the same rule as requireVocabularyCurator, as a yes or no for screens). */
export async function mayCurateVocabulary(em: EntityManager, viewer: Viewer | null): Promise<boolean> {
  try {
    await requireVocabularyCurator(em, viewer);
    return true;
  } catch {
    return false;
  }
}
