import { graphql } from "../gql";
import type { Facets_FacetsFragment } from "../gql/graphql";
import {
  CASE_KIND_LABELS,
  CASE_KINDS,
  formatWarekiFiscalYear,
  type CaseKind,
  type SearchState,
} from "@kb/shared/plain";
import { lazy, Suspense, useId, useState, type ReactNode } from "react";
import { searchPageMessages as m } from "../messages/searchPage";
import { FacetCheckboxList, type FacetOption } from "./FacetCheckboxList";
import { activeFilterCount, toSearchVariables, type FacetKey } from "./searchParams";
import { serverRendering } from "../serverRendering";

graphql(`
  fragment Facets_facets on CaseFacets {
    kind { value count }
    department { value count }
    fiscalYear { value count }
    tags { value count }
    organisation { value count label }
    prefecture { value count }
    organisationKind { value count }
    populationBand { value count }
  }
`);

export type CaseFacets = Facets_FacetsFragment;
type FacetCount = CaseFacets["kind"][number];

interface Props {
  state: SearchState;
  /** Undefined until the first result arrives. */
  facets: CaseFacets | undefined;
  onToggle: (key: FacetKey, value: string | number, selected: boolean) => void;
  onClear: () => void;
  /** A tag page: its tag is part of every count, and the tag facet is not offered (related tags are). */
  pinnedTags?: readonly string[];
  /**
   * On a phone the results are below the facet list: a button that stays at the foot of the open list
   * names their number and takes the person there (issue 13: after ticking a facet the view stayed deep
   * in the list). Undefined until a result is known.
   */
  results?: { total: number; show: () => void };
}

export const COLLAPSE_AFTER = 10;

// Shown only once a facet holds more than COLLAPSE_AFTER values: a chunk of its own, out of the first load.
const FacetValueSearch = lazy(() => import("./FacetValueSearch").then((module) => ({ default: module.FacetValueSearch })));
const CommonsFacets = lazy(() => import("./CommonsFacets").then((module) => ({ default: module.CommonsFacets })));
const isCaseKind = (value: string): value is CaseKind => (CASE_KINDS as readonly string[]).includes(value);

/** A facet of fixed values: only those, labelled, in their own order when `ordered`. */
export function fixedOptions<V extends string>(
  counts: FacetCount[] | undefined,
  selected: readonly V[],
  values: readonly V[],
  labels: Partial<Record<V, string>>,
  ordered = false,
): FacetOption[] {
  const at = (value: string) => values.indexOf(value as V);
  const list = withSelected(counts, selected).filter((c) => at(c.value) >= 0);
  if (ordered) list.sort((a, b) => at(a.value) - at(b.value));
  return list.map((c) => ({ ...c, label: labels[c.value as V] ?? c.value }));
}

/** Server counts, plus any selected value the server did not list (so it can still be unticked). */
export function withSelected<C extends FacetCount>(counts: C[] | undefined, selected: readonly string[]): (C | FacetCount)[] {
  const list: (C | FacetCount)[] = [...(counts ?? [])];
  for (const value of selected) if (!list.some((c) => c.value === value)) list.push({ value, count: 0 });
  return list;
}

/** Facets as fieldsets of checkboxes; several values in one facet are ORed by the server. */
export function Facets({ state, facets, onToggle, onClear, pinnedTags, results }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const headingId = useId();
  const active = activeFilterCount(state);
  const loaded = facets !== undefined;

  const kinds = fixedOptions(facets?.kind, state.kinds, CASE_KINDS, CASE_KIND_LABELS);
  const departments = withSelected(facets?.department, state.departments).map((c) => ({ ...c, label: c.value }));
  const fiscalYears = withSelected(facets?.fiscalYear, state.fiscalYears.map(String))
    .filter((c) => /^\d{4}$/.test(c.value))
    .sort((a, b) => Number(b.value) - Number(a.value))
    .map((c) => ({ ...c, label: formatWarekiFiscalYear(Number(c.value)) }));
  const tags = withSelected(facets?.tags, state.tags).map((c) => ({ ...c, label: c.value }));
  const filter = pinnedTags?.length ? { ...toSearchVariables(state).filter, tags: [...pinnedTags] } : toSearchVariables(state).filter;

  return (
    <section aria-labelledby={headingId} inert={serverRendering.active || undefined}>
      <h2 id={headingId} className="sr-only lg:not-sr-only lg:mb-4 lg:text-std-20B-150">
        {m.facets.heading}
      </h2>
      <button
        type="button"
        className="btn-outline w-full lg:hidden"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((v) => !v)}
      >
        {m.facets.toggle}
        {active > 0 && m.facets.selected(active)}
      </button>
      <div id={panelId} className={`${open ? "mt-4 block" : "hidden"} space-y-6 lg:block`}>
        <FacetGroup
          legend={m.facets.kind}
          options={kinds}
          selected={state.kinds}
          loaded={loaded}
          onToggle={(v, on) => isCaseKind(v) && onToggle("kinds", v, on)}
        />
        <FacetGroup
          legend={m.facets.department}
          options={departments}
          selected={state.departments}
          loaded={loaded}
          onToggle={(v, on) => onToggle("departments", v, on)}
          search={
            departments.length > COLLAPSE_AFTER && (
              <Suspense fallback={null}>
                <FacetValueSearch
                  facet="DEPARTMENT"
                  legend={m.facets.department}
                  query={state.q}
                  filter={filter}
                  selected={state.departments}
                  onToggle={(v, on) => onToggle("departments", v, on)}
                />
              </Suspense>
            )
          }
        />
        <FacetGroup
          legend={m.facets.fiscalYear}
          options={fiscalYears}
          selected={state.fiscalYears.map(String)}
          loaded={loaded}
          onToggle={(v, on) => onToggle("fiscalYears", Number(v), on)}
        />
        {!pinnedTags?.length && (
        <FacetGroup
          legend={m.facets.tags}
          options={tags}
          selected={state.tags}
          loaded={loaded}
          onToggle={(v, on) => onToggle("tags", v, on)}
          search={
            tags.length > COLLAPSE_AFTER && (
              <Suspense fallback={null}>
                <FacetValueSearch
                  facet="TAGS"
                  legend={m.facets.tags}
                  query={state.q}
                  filter={toSearchVariables(state).filter}
                  selected={state.tags}
                  onToggle={(v, on) => onToggle("tags", v, on)}
                />
              </Suspense>
            )
          }
        />
        )}
        {/* The commons (issue 16): its own chunk, so the search page's first load stays within budget. */}
        <Suspense fallback={null}>
          <CommonsFacets state={state} facets={facets} loaded={loaded} onToggle={onToggle} />
        </Suspense>
        {active > 0 && (
          <button type="button" className="btn-text" onClick={onClear}>
            {m.facets.clearAll}
          </button>
        )}
        {results && (
          <div className="sticky bottom-0 -mx-1 bg-white/95 px-1 py-3 lg:hidden">
            <button type="button" className="btn-primary w-full" onClick={results.show}>
              {m.facets.showResults(results.total)}
            </button>
          </div>
        )}
      </div>
    </section>
  );
}

interface GroupProps {
  legend: string;
  options: FacetOption[];
  selected: readonly string[];
  loaded: boolean;
  onToggle: (value: string, selected: boolean) => void;
  /** A value search for facets with many values. */
  search?: ReactNode;
}

export function FacetGroup({ legend, options, selected, loaded, onToggle, search }: GroupProps) {
  const [expanded, setExpanded] = useState(false);
  const chosen = new Set(selected);
  const visible = expanded ? options : options.filter((o, i) => i < COLLAPSE_AFTER || chosen.has(o.value));
  const hidden = options.length - visible.length;
  const collapsible = options.length > COLLAPSE_AFTER;

  return (
    <fieldset className="min-w-0">
      <legend className="mb-2 text-std-17B-170 text-solid-gray-900">{legend}</legend>
      {options.length === 0 ? (
        loaded && <p className="text-dns-14N-130 text-solid-gray-700">{m.facets.empty}</p>
      ) : (
        <FacetCheckboxList options={visible} selected={chosen} onToggle={onToggle} />
      )}
      {collapsible && (expanded || hidden > 0) && (
        <button type="button" className="btn-text mt-1" aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          {expanded ? m.facets.showLess(legend) : m.facets.showMore(legend, hidden)}
        </button>
      )}
      {search}
    </fieldset>
  );
}
