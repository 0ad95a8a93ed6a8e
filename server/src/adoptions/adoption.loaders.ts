import DataLoader from "dataloader";
import type { EntityManager } from "@mikro-orm/postgresql";
import { type CaseView, loadPublishedCaseViews } from "../cases/index.js";
import type { Readership } from "../organisations/index.js";
import { freshnessOfCases, type Freshness } from "../freshness/index.js";
import { Organisation, type OrganisationView, presentOrganisation } from "../organisations/index.js";
import type { AnswerRecord, QuestionRecord, QuestionService } from "../questions/index.js";
import type { LineageService } from "./lineage.service.js";
import {
  adoptionCountsByCase,
  type AdoptionService,
  type AdoptionCounts,
  type AdoptionEventRecord,
  type AdoptionRecord,
} from "./adoption.service.js";

/**
 * Per-request batch loaders for 横展開 (adoptions, Q&A, freshness), like case.loaders: a page of
 * cases, adoptions or questions costs one query per kind of thing, never one per row.
 */
/** `readership`: who is reading (organisations/readership.ts), read once per request. */
export function createAdoptionLoaders(
  em: EntityManager,
  adoptions: AdoptionService,
  questions: QuestionService,
  lineage: LineageService,
  readership: () => Promise<Readership>,
) {
  const fromMap = <V>(load: (ids: readonly string[]) => Promise<Map<string, V>>, empty: V) =>
    new DataLoader<string, V>(async (ids) => {
      const map = await load(ids);
      return ids.map((id) => map.get(id) ?? empty);
    });
  return {
    adoptionsByCase: fromMap<AdoptionRecord[]>((ids) => adoptions.forCases(ids), []),
    adoptionEvents: fromMap<AdoptionEventRecord[]>((ids) => adoptions.eventsFor(ids), []),
    adoptionCounts: new DataLoader<string, AdoptionCounts>(async (ids) => {
      const map = await adoptionCountsByCase(em, ids);
      return ids.map((id) => map.get(id)!);
    }),
    questionsByCase: fromMap<QuestionRecord[]>((ids) => questions.forCases(ids), []),
    answersByQuestion: fromMap<AnswerRecord[]>((ids) => questions.answersFor(ids), []),
    freshnessByCase: fromMap<Freshness | null>((ids) => freshnessOfCases(em, ids), null),
    /** Organisations by id (a case's, an adoption's, a flow's ends): public facts of the installation. */
    organisationsById: new DataLoader<string, OrganisationView | null>(async (ids) => {
      const rows = await em.find(Organisation, { id: { $in: [...ids] } });
      const byId = new Map(rows.map((o) => [o.id, presentOrganisation(o)]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    /** The organisation of each department (an asker's 課 of another 自治体 on a commons case). */
    organisationOfDepartment: fromMap<string | null>(async (ids) => {
      const rows = await em.execute<{ id: string; organisation_id: string }[]>("select id, organisation_id from departments where id in (?)", [[...ids]]);
      return new Map(rows.map((r) => [r.id, r.organisation_id]));
    }, null),
    /** 参考にした好事例 of each case (its id; the caller reads it through `publishedCase`). */
    basedOnOf: fromMap<string | null>((ids) => lineage.basedOnOf(ids), null),
    /** Published cases derived from each case (ids; the caller keeps those the reader may read). */
    derivedCaseIds: fromMap<string[]>((ids) => lineage.derivedCaseIds(ids), []),
    /** Published cases as views (an adoption's or a question's case on a department page). */
    publishedCase: fromMap<CaseView | null>(async (ids) => loadPublishedCaseViews(em, ids, await readership()), null),
  };
}

export type AdoptionLoaders = ReturnType<typeof createAdoptionLoaders>;
