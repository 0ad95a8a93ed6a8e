import type { EntityManager } from "@mikro-orm/postgresql";
import { hasUnusableCharacter, nameKey, TAG_CATEGORIES, type TagCategory } from "@kb/shared";
import { isCurator, type Viewer } from "../kernel/index.js";
import { departmentPaths } from "../departments/index.js";
import { caseReadershipSql, type Readership } from "../organisations/index.js";

/**
 * Reads of the vocabulary: lists with usage counts, one tag by name (aliases resolve), autocomplete,
 * co-occurrence and the departments that use a tag. Plain SQL, a fixed number of statements each.
 * "Usage" counts published cases only: that is what everyone can see and what search finds.
 */
export interface TagRecord {
  id: string;
  name: string;
  category: TagCategory;
  description: string;
  retiredAt: Date | null;
  version: number;
  usage: number;
  /** Every case carrying it, drafts and archived included (for the secretariat's decisions). */
  totalUsage: number;
  aliases: string[];
  updatedAt: Date;
}

interface TagRow {
  id: string;
  name: string;
  category: TagCategory;
  description: string;
  retired_at: Date | string | null;
  version: number;
  usage: string | number;
  total_usage: string | number;
  aliases: string[] | null;
  updated_at: Date | string;
}

/**
 * Whose cases a reader's counts are made of (issues 15, 16): who is reading (organisations/readership.ts).
 * Tags are the installation's vocabulary; how often they are used is counted over what the reader may read.
 */
export type CaseScope = Readership;

/** The published cases of the scope, as a condition on `cases c`. */
function publishedIn(scope: CaseScope): { sql: string; params: unknown[] } {
  const readable = caseReadershipSql(scope, "c");
  return { sql: `(c.status = 'PUBLISHED' and ${readable.sql})`, params: readable.params };
}

/** Every case of the reader's own organisation (drafts too), and the published ones they may read elsewhere. */
function ownOrPublishedIn(scope: CaseScope): { sql: string; params: unknown[] } {
  const published = publishedIn(scope);
  if (scope.organisationId === null) return published;
  return { sql: `(c.organisation_id = ? or ${published.sql})`, params: [scope.organisationId, ...published.params] };
}

/** A tag row with usage counts over the cases of `scope`; its parameters (the scope's) come first. */
function selectTag(scope: CaseScope): { sql: string; params: unknown[] } {
  const cases = ownOrPublishedIn(scope);
  return {
    sql: `
  select t.id, t.name, t.category, t.description, t.retired_at, t.version, t.updated_at,
         u.usage, u.total_usage,
         (select array_agg(a.name order by a.name) from tags a where a.merged_into_id = t.id) as aliases
    from tags t
    cross join lateral (
      select count(*) filter (where c.status = 'PUBLISHED') as usage, count(*) as total_usage
        from case_tags ct join cases c on c.id = ct.case_id
       where ct.tag_id = t.id and ${cases.sql}
    ) u`,
    params: cases.params,
  };
}

const toDate = (v: Date | string) => (v instanceof Date ? v : new Date(v));

function toRecord(r: TagRow): TagRecord {
  return {
    id: r.id,
    name: r.name,
    category: r.category,
    description: r.description,
    retiredAt: r.retired_at == null ? null : toDate(r.retired_at),
    version: Number(r.version),
    usage: Number(r.usage),
    totalUsage: Number(r.total_usage),
    aliases: r.aliases ?? [],
    updatedAt: toDate(r.updated_at),
  };
}

/**
 * Whether tag `t` exists for this reader: through a case the reader may read (published,
 * or their own 課's or their own, as `casePolicy.canRead` says), or because the secretariat took it
 * into the vocabulary (`curated_at`). A name typed on a draft is as private as the draft. The
 * secretariat and admins read every case, so every tag.
 */
export function readableBy(viewer: Viewer | null, scope: CaseScope): { sql: string; params: unknown[] } {
  // Curators read every case of their organisation; a tag on no case at all tells nothing of anyone.
  if (isCurator(viewer)) {
    const cases = ownOrPublishedIn(scope);
    return {
      sql: `(t.curated_at is not null or not exists (select 1 from case_tags ct where ct.tag_id = t.id)
              or exists (select 1 from case_tags ct join cases c on c.id = ct.case_id where ct.tag_id = t.id and ${cases.sql}))`,
      params: cases.params,
    };
  }
  const published = publishedIn(scope);
  const own = viewer ? " or (c.organisation_id = ? and (c.department_id = ? or c.author_id = ?))" : "";
  return {
    sql: `(t.curated_at is not null or exists (select 1 from case_tags ct join cases c on c.id = ct.case_id
            where ct.tag_id = t.id and (${published.sql}${own})))`,
    params: viewer ? [...published.params, viewer.organisationId, viewer.departmentId, viewer.userId] : published.params,
  };
}

/** Of these live tags, the ones that exist for the reader (see `readableBy`). One statement. */
export async function readableTagIds(em: EntityManager, viewer: Viewer | null, scope: CaseScope, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const readable = readableBy(viewer, scope);
  const rows = await em.execute<{ id: string }[]>(`select t.id from tags t where t.id in (?) and ${readable.sql}`, [[...new Set(ids)], ...readable.params]);
  return new Set(rows.map((r) => r.id));
}

export const likeEscape = (s: string) => s.replace(/[\\%_]/g, (ch) => `\\${ch}`);
const isCategory = (c: string | null | undefined): c is TagCategory => !!c && (TAG_CATEGORIES as readonly string[]).includes(c);

export async function tagRecordsByIds(em: EntityManager, scope: CaseScope, ids: readonly string[]): Promise<Map<string, TagRecord>> {
  if (!ids.length) return new Map();
  const select = selectTag(scope);
  const rows = await em.execute<TagRow[]>(`${select.sql} where t.id in (?)`, [...select.params, [...new Set(ids)]]);
  return new Map(rows.map((r) => [r.id, toRecord(r)]));
}

/** A live tag by any of its names (its own, or an alias it absorbed); null when unknown. */
export async function findTagByName(em: EntityManager, name: string, viewer: Viewer | null, scope: CaseScope): Promise<TagRecord | null> {
  const key = nameKey(name);
  // No tag can be named with NUL or a broken character (the schemas refuse them), and PostgreSQL
  // would refuse the parameter: nothing to find.
  if (!key || hasUnusableCharacter(key)) return null;
  const readable = readableBy(viewer, scope);
  const select = selectTag(scope);
  const rows = await em.execute<TagRow[]>(
    `${select.sql} where t.merged_into_id is null
        and t.id = (select coalesce(x.merged_into_id, x.id) from tags x where x.name_key = ?) and ${readable.sql}`,
    [...select.params, key, ...readable.params],
  );
  return rows[0] ? toRecord(rows[0]) : null;
}

export interface VocabularyQuery {
  search: string;
  category?: TagCategory | null;
  includeRetired: boolean;
  first: number;
  offset: number;
}

/** The vocabulary screen: live tags whose name, alias or description contains `search`, most used first. */
export async function listTags(em: EntityManager, q: VocabularyQuery, viewer: Viewer | null, scope: CaseScope): Promise<{ total: number; items: TagRecord[] }> {
  if (hasUnusableCharacter(q.search)) return { total: 0, items: [] }; // no tag holds NUL (see findTagByName)
  const key = likeEscape(nameKey(q.search).slice(0, 50));
  const pattern = `%${key}%`;
  const conditions = ["t.merged_into_id is null"];
  const params: unknown[] = [];
  if (key) {
    conditions.push(
      "(t.name_key like ? or lower(t.description) like ? or exists (select 1 from tags a where a.merged_into_id = t.id and a.name_key like ?))",
    );
    params.push(pattern, pattern, pattern);
  }
  if (isCategory(q.category)) {
    conditions.push("t.category = ?");
    params.push(q.category);
  }
  if (!q.includeRetired) conditions.push("t.retired_at is null");
  const readable = readableBy(viewer, scope);
  conditions.push(readable.sql);
  params.push(...readable.params);
  const where = conditions.join(" and ");
  const select = selectTag(scope);
  const [rows, count] = await Promise.all([
    em.execute<TagRow[]>(`select * from (${select.sql} where ${where}) x order by x.retired_at nulls first, x.usage desc, x.name limit ? offset ?`, [
      ...select.params,
      ...params,
      Math.min(Math.max(q.first, 1), 500),
      Math.max(q.offset, 0),
    ]),
    em.execute<{ n: string }[]>(`select count(*) as n from tags t where ${where}`, params),
  ]);
  return { total: Number(count[0]?.n ?? 0), items: rows.map(toRecord) };
}

export interface TagSuggestion {
  id: string;
  name: string;
  category: TagCategory;
  description: string;
  count: number;
  /** Set when only an alias matched the text (キントーン → kintone). */
  matchedAlias: string | null;
}

/**
 * Autocomplete: live, not retired tags whose name or alias contains the text (prefix matches first),
 * then by usage; the text may be empty (the most used tags). Optionally within one category.
 */
export async function suggestTags(
  em: EntityManager,
  viewer: Viewer | null,
  scope: CaseScope,
  text: string,
  first: number,
  category?: TagCategory | null,
): Promise<TagSuggestion[]> {
  if (hasUnusableCharacter(text)) return []; // no tag holds NUL (see findTagByName)
  const key = likeEscape(nameKey(text).slice(0, 50));
  const published = publishedIn(scope);
  const params: unknown[] = [`%${key}%`, ...published.params, `${key}%`];
  let categoryCondition = "";
  if (isCategory(category)) {
    categoryCondition = "and t.category = ?";
    params.push(category);
  }
  const readable = readableBy(viewer, scope);
  params.push(...readable.params);
  params.push(Math.min(Math.max(first, 1), 50));
  const rows = await em.execute<
    { id: string; name: string; category: TagCategory; description: string; count: string; only_alias: boolean; alias: string | null; prefix: boolean }[]
  >(
    `with hits as (
       select coalesce(x.merged_into_id, x.id) as tag_id, x.merged_into_id is not null as via_alias, x.name, x.name_key
         from tags x where x.name_key like ?
     )
     select t.id, t.name, t.category, t.description,
            (select count(*) from case_tags ct join cases c on c.id = ct.case_id and ${published.sql} where ct.tag_id = t.id) as count,
            bool_and(h.via_alias) as only_alias,
            min(case when h.via_alias then h.name end) as alias,
            bool_or(h.name_key like ?) as prefix
       from hits h join tags t on t.id = h.tag_id
      where t.merged_into_id is null and t.retired_at is null ${categoryCondition} and ${readable.sql}
      group by t.id
      order by prefix desc, count desc, t.name
      limit ?`,
    params,
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    category: r.category,
    description: r.description,
    count: Number(r.count),
    matchedAlias: r.only_alias ? r.alias : null,
  }));
}

export interface RelatedTag {
  id: string;
  name: string;
  category: TagCategory;
  description: string;
  /** Published cases carrying both tags. */
  count: number;
}

/** Tags that appear on the same published cases (co-occurrence), most shared first. */
export async function relatedTags(em: EntityManager, scope: CaseScope, tagId: string, first: number): Promise<RelatedTag[]> {
  const published = publishedIn(scope);
  const rows = await em.execute<{ id: string; name: string; category: TagCategory; description: string; count: string }[]>(
    `select t.id, t.name, t.category, t.description, count(*) as count
       from case_tags a
       join cases c on c.id = a.case_id and ${published.sql}
       join case_tags b on b.case_id = a.case_id and b.tag_id <> a.tag_id
       join tags t on t.id = b.tag_id
      where a.tag_id = ?
      group by t.id
      order by count(*) desc, t.name
      limit ?`,
    [...published.params, tagId, Math.min(Math.max(first, 1), 50)],
  );
  return rows.map((r) => ({ ...r, count: Number(r.count) }));
}

export interface DepartmentUsage {
  department: { id: string; name: string; path: string[] };
  count: number;
}

/** The departments with the most published cases carrying the tag. Two statements. */
export async function topDepartments(em: EntityManager, scope: CaseScope, tagId: string, first: number): Promise<DepartmentUsage[]> {
  const published = publishedIn(scope);
  const rows = await em.execute<{ department_id: string; count: string }[]>(
    `select c.department_id, count(*) as count
       from case_tags ct
       join cases c on c.id = ct.case_id and ${published.sql}
       join departments d on d.id = c.department_id
      where ct.tag_id = ?
      group by c.department_id, d.name
      order by count(*) desc, d.name
      limit ?`,
    [...published.params, tagId, Math.min(Math.max(first, 1), 50)],
  );
  const paths = await departmentPaths(
    em,
    rows.map((r) => r.department_id),
  );
  return rows.map((r) => {
    const path = paths.get(r.department_id) ?? [];
    return { department: { id: r.department_id, name: path[path.length - 1] ?? "", path }, count: Number(r.count) };
  });
}
