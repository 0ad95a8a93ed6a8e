import type { EntityManager } from "@mikro-orm/postgresql";
import { coveringSynonymGroup, duplicateSynonymGroupMessage, synonymGroupInputSchema, SYNONYM_MODES, type SynonymMode, isUuid } from "@kb/shared";
import { recordAudit } from "../audit/index.js";
import { badInput, badInputFromZod, isHubSecretariat, notFound, requireRole, type Viewer, recordEvent } from "../kernel/index.js";
import { synonymErrors } from "./synonym.errors.js";
import { SynonymGroup } from "./synonym.entity.js";
import { synonymsChanged } from "./synonym.events.js";
import { SynonymExpander, type SynonymRule } from "./synonym-expander.js";
import { requireVocabularyCurator } from "../organisations/index.js";

export interface SynonymChange {
  group: SynonymGroup | null;
  /** Published cases whose documents are re-expanded because of the change. */
  affectedCases: number;
}

/** The current synonym rules, read fresh (one small query). */
export async function loadSynonymExpander(em: EntityManager): Promise<SynonymExpander> {
  const rows = await em.execute<{ mode: SynonymMode; terms: string[] }[]>(
    "select mode, terms from synonym_groups order by created_at, id",
  );
  return new SynonymExpander(rows.filter((r) => (SYNONYM_MODES as readonly string[]).includes(r.mode)));
}

const likeAny = (terms: readonly string[]) => terms.map((t) => `%${t.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);

/**
 * Published cases whose text, tags or department names contain any of `terms` (case-insensitive
 * substring: a superset of what the expansion matches, which is what we want for re-expansion).
 */
export async function casesMentioning(em: EntityManager, terms: readonly string[]): Promise<string[]> {
  if (!terms.length) return [];
  const patterns = likeAny(terms);
  const rows = await em.execute<{ id: string }[]>(
    `select c.id from cases c
      where c.status = 'PUBLISHED' and (
        c.title ilike any (array[?]) or c.summary ilike any (array[?]) or c.background ilike any (array[?])
        or c.actions ilike any (array[?]) or c.results ilike any (array[?]) or c.tips ilike any (array[?])
        or exists (select 1 from case_tags ct join tags t on t.id = ct.tag_id
                    where ct.case_id = c.id and t.name ilike any (array[?]))
        or exists (select 1 from departments d
                     left join departments p on p.id = d.parent_id
                     left join departments g on g.id = p.parent_id
                    where d.id = c.department_id
                      and (d.name ilike any (array[?]) or p.name ilike any (array[?]) or g.name ilike any (array[?]))))`,
    Array(10).fill(patterns),
  );
  return rows.map((r) => r.id);
}

const snapshot = (g: SynonymGroup) => ({ mode: g.mode, terms: [...g.terms], note: g.note ?? null });

/**
 * Synonyms curated by the secretariat. Every change: validated (shared zod schema), authorised
 * (SECRETARIAT / ADMIN), one transaction holding the change, its audit row and its fact
 * (SynonymsChanged, naming every published case the old or new terms appear in: their search
 * documents are re-expanded; see synonyms/synonym-expander.ts for why expansion is ours and not the engine's).
 */
export class SynonymService {
  constructor(private readonly em: EntityManager) {}

  async list(viewer: Viewer | null): Promise<SynonymGroup[]> {
    if (!isHubSecretariat(viewer)) requireRole(viewer, "SECRETARIAT", "ADMIN");
    return this.em.find(SynonymGroup, {}, { orderBy: { createdAt: "asc", id: "asc" } });
  }

  async create(viewer: Viewer | null, raw: unknown): Promise<SynonymChange> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    const input = parse(raw);
    return this.em.transactional(async (tx) => {
      await refuseDuplicate(tx, input);
      const group = tx.create(SynonymGroup, { mode: input.mode, terms: input.terms, note: input.note ?? null, updatedBy: actor.userId });
      tx.persist(group);
      await tx.flush();
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "synonym.create", subjectType: "SynonymGroup", subjectId: group.id, after: snapshot(group) });
      const affected = await casesMentioning(tx, input.terms);
      recordEvent(tx, synonymsChanged({ groupId: group.id, terms: [...input.terms], caseIds: affected }));
      await tx.flush();
      return { group, affectedCases: affected.length };
    });
  }

  async update(viewer: Viewer | null, id: string, version: number, raw: unknown): Promise<SynonymChange> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    const input = parse(raw);
    return this.em.transactional(async (tx) => {
      const group = await this.lockedGroup(tx, id, version);
      await refuseDuplicate(tx, input, id);
      const before = snapshot(group);
      group.mode = input.mode;
      group.terms = input.terms;
      group.note = input.note ?? null;
      group.updatedBy = actor.userId;
      await tx.flush();
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "synonym.update", subjectType: "SynonymGroup", subjectId: id, before, after: snapshot(group) });
      const terms = SynonymExpander.termsOf([before, input]);
      const affected = await casesMentioning(tx, terms);
      recordEvent(tx, synonymsChanged({ groupId: id, terms: [...terms], caseIds: affected }));
      await tx.flush();
      return { group, affectedCases: affected.length };
    });
  }

  async remove(viewer: Viewer | null, id: string, version: number): Promise<SynonymChange> {
    const actor = await requireVocabularyCurator(this.em, viewer);
    return this.em.transactional(async (tx) => {
      const group = await this.lockedGroup(tx, id, version);
      const before = snapshot(group);
      tx.remove(group);
      recordAudit(tx, { organisationId: actor.organisationId, actorId: actor.userId, action: "synonym.delete", subjectType: "SynonymGroup", subjectId: id, before });
      const affected = await casesMentioning(tx, before.terms);
      recordEvent(tx, synonymsChanged({ groupId: id, terms: before.terms, caseIds: affected }));
      await tx.flush();
      return { group: null, affectedCases: affected.length };
    });
  }

  /** The group, locked for this transaction; CONFLICT when someone saved it since `version`. */
  private async lockedGroup(tx: EntityManager, id: string, version: number): Promise<SynonymGroup> {
    if (!isUuid(id)) throw notFound("同義語グループ");
    const rows = await tx.execute<{ id: string }[]>("select id from synonym_groups where id = ? for update", [id]);
    if (!rows.length) throw notFound("同義語グループ");
    const group = await tx.findOneOrFail(SynonymGroup, id, { refresh: true });
    if (group.version !== version) {
      throw synonymErrors.staleVersion();
    }
    return group;
  }
}

/**
 * Refuses a group that an existing group of the same kind already says (equal or contained terms):
 * it would add nothing to search and list the same words twice. Creations and edits of groups take
 * one transaction-scoped lock, so two identical groups sent at once cannot both pass the check.
 */
async function refuseDuplicate(tx: EntityManager, input: SynonymRule, exceptId?: string): Promise<void> {
  await tx.execute("select pg_advisory_xact_lock(hashtext('synonym_groups'))");
  const existing = await tx.find(SynonymGroup, {}, { orderBy: { createdAt: "asc", id: "asc" } });
  const covering = coveringSynonymGroup(input, existing, exceptId);
  if (covering) {
    throw badInput([{ path: "terms", message: duplicateSynonymGroupMessage(input, covering) }], "同じ内容の同義語グループがすでにあります");
  }
}

function parse(raw: unknown): SynonymRule & { note?: string } {
  const parsed = synonymGroupInputSchema.safeParse(raw);
  if (!parsed.success) throw badInputFromZod(parsed.error);
  return parsed.data;
}

