import {
  ORGANISATION_KIND_LABELS,
  ORGANISATION_KINDS,
  POPULATION_BAND_LABELS,
  POPULATION_BANDS,
  PREFECTURES,
  type SearchState,
} from "@kb/shared/plain";
import { jaCommonsFacets } from "../messages/ja-commons-facets";
import { searchPageMessages as m } from "../messages/searchPage";
import { COLLAPSE_AFTER, FacetGroup, fixedOptions, withSelected, type CaseFacets } from "./Facets";
import { FacetValueSearch } from "./FacetValueSearch";
import { toSearchVariables, type FacetKey } from "./searchParams";

/**
 * The commons' facets (issue 16): the case's 自治体, 都道府県, 団体区分 and 人口規模. Each shows once there
 * is a choice — on an installation of one organisation they would each list one value.
 */
const offers = (options: readonly unknown[], selected: readonly unknown[]) => options.length > 1 || selected.length > 0;

interface Props {
  state: SearchState;
  facets: CaseFacets | undefined;
  loaded: boolean;
  onToggle: (key: FacetKey, value: string | number, selected: boolean) => void;
}

export function CommonsFacets({ state, facets, loaded, onToggle }: Props) {
  // The commons (issue 16): the case's organisation. 自治体 values are ids, the server names them.
  const organisations = withSelected(facets?.organisation, state.organisations)
    .map((c) => ({ ...c, label: ("label" in c ? c.label : null) ?? c.value }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, "ja"));
  const prefectures = fixedOptions(facets?.prefecture, state.prefectures, PREFECTURES, {});
  const organisationKinds = fixedOptions(facets?.organisationKind, state.organisationKinds, ORGANISATION_KINDS, ORGANISATION_KIND_LABELS, true);
  const populationBands = fixedOptions(facets?.populationBand, state.populationBands, POPULATION_BANDS, POPULATION_BAND_LABELS, true);
  return (
    <>
      {offers(organisations, state.organisations) && (
        <FacetGroup
          legend={m.facets.organisation}
          options={organisations}
          selected={state.organisations}
          loaded={loaded}
          onToggle={(v, on) => onToggle("organisations", v, on)}
          search={
            // Nationwide some 1,700 自治体 share: found by name or reading rather than scrolled for.
            organisations.length > COLLAPSE_AFTER && (
              <FacetValueSearch
                facet="ORGANISATION"
                legend={m.facets.organisation}
                query={state.q}
                filter={toSearchVariables(state).filter}
                selected={state.organisations}
                onToggle={(v, on) => onToggle("organisations", v, on)}
                hint={jaCommonsFacets.organisationSearchHint}
              />
            )
          }
        />
      )}
      {offers(prefectures, state.prefectures) && (
        <FacetGroup
          legend={m.facets.prefecture}
          options={prefectures}
          selected={state.prefectures}
          loaded={loaded}
          onToggle={(v, on) => onToggle("prefectures", v, on)}
        />
      )}
      {offers(organisationKinds, state.organisationKinds) && (
        <FacetGroup
          legend={m.facets.organisationKind}
          options={organisationKinds}
          selected={state.organisationKinds}
          loaded={loaded}
          onToggle={(v, on) => onToggle("organisationKinds", v, on)}
        />
      )}
      {offers(populationBands, state.populationBands) && (
        <FacetGroup
          legend={m.facets.populationBand}
          options={populationBands}
          selected={state.populationBands}
          loaded={loaded}
          onToggle={(v, on) => onToggle("populationBands", v, on)}
        />
      )}
    </>
  );
}
