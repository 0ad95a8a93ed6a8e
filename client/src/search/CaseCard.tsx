import { graphql } from "../gql";
import type { CaseCard_CaseFragment, CaseCard_HitFragment } from "../gql/graphql";
import { formatWarekiFiscalYear, ORGANISATION_KIND_LABELS } from "@kb/shared/plain";
import { Link } from "react-router";
import { Highlighted } from "../components/Highlighted";
import { KindBadge } from "../components/KindBadge";
import { TagList } from "../components/TagList";
import { highlightText } from "../highlight";
import { searchPageMessages as m } from "../messages/searchPage";
import { preloadCasePage } from "../routes/lazy";
import { CaseSelectBox } from "./CaseSelectBox";

/**
 * What a card needs of a case, spread into the search query as `...CaseCard_case`. \`adoptionCount\`
 * (横展開: departments trying or using it) is, in search results, the indexed value the page sorts by.
 */
graphql(`
  fragment CaseCard_case on Case {
    id
    title
    kind
    fiscalYear
    tags
    department {
      id
      name
    }
    adoptionCount
  }
`);

/**
 * A search hit as a card shows it: the highlights (the snippet is the passage around the match,
 * cropped, and snippetField the section it is from) and why it matched when its text does not
 * show the words.
 */
graphql(`
  fragment CaseCard_hit on CaseSearchHit {
    case {
      id
      ...CaseCard_case
    }
    highlights {
      title
      summary
      snippet
      snippetField
    }
    matchReasons {
      kind
      term
    }
    organisation {
      id
      name
      prefecture
      kind
    }
    likeness {
      samePrefecture
      sameKind
      samePopulationBand
    }
  }
`);

type MatchReason = CaseCard_HitFragment["matchReasons"][number];
type HitOrganisation = NonNullable<CaseCard_HitFragment["organisation"]>;
type Likeness = NonNullable<CaseCard_HitFragment["likeness"]>;

interface Props {
  case: CaseCard_CaseFragment;
  highlights: CaseCard_HitFragment["highlights"];
  /** Said on the card, so a result without a highlight is not a mystery. */
  matchReasons?: MatchReason[] | undefined;
  /** The search's query string ("?q=…"), handed to the case page for its back link. */
  from: string;
  /** The secretariat's tools on many results (好事例集に追加, 一括タグ付け): a checkbox that puts the case in the selection. */
  selection?: { checked: boolean; onChange: (checked: boolean) => void } | undefined;
  /** The case's organisation: named on the card when it is not the reader's own (`ownOrganisationId`). */
  organisation?: HitOrganisation | null | undefined;
  ownOrganisationId?: string | undefined;
  /** 似た自治体: why the search favoured this case (how its organisation is like the reader's). */
  likeness?: Likeness | null | undefined;
}

/** 「人口規模が近い中核市の事例」「同じ兵庫県の事例」: each way the organisation is like the reader's, once. */
export function likenessTexts(likeness: Likeness, organisation: HitOrganisation): string[] {
  const t = m.similarTowns;
  const kind = ORGANISATION_KIND_LABELS[organisation.kind];
  const texts: string[] = [];
  if (likeness.sameKind && likeness.samePopulationBand) texts.push(t.sameKindAndSize(kind));
  else if (likeness.sameKind) texts.push(t.sameKind(kind));
  else if (likeness.samePopulationBand) texts.push(t.sameSize);
  if (likeness.samePrefecture) texts.push(t.samePrefecture(organisation.prefecture));
  return texts;
}

function reasonText(reason: MatchReason): string {
  return reason.kind === "SYNONYM" && reason.term ? m.searchTools.matchSynonym(reason.term) : m.searchTools.matchRelaxed;
}

export function CaseCard({ case: c, highlights, matchReasons = [], from, selection, organisation, ownOrganisationId, likeness }: Props) {
  const otherOrganisation = organisation && organisation.id !== ownOrganisationId ? organisation : null;
  const similar = likeness && organisation ? likenessTexts(likeness, organisation) : [];
  // The link's accessible name must be exactly the title: use the highlight only if it says the same.
  const title = highlightText(highlights.title) === c.title ? <Highlighted value={highlights.title} /> : c.title;
  const to = {
    pathname: `/cases/${encodeURIComponent(c.id)}`,
    search: from ? `?${new URLSearchParams({ from }).toString()}` : "",
  };

  return (
    <article className="rounded-8 border border-solid-gray-200 bg-white p-4 md:p-6">
      {selection && <CaseSelectBox title={c.title} {...selection} />}
      <h3 className="text-std-20B-150">
        <Link to={to} onMouseEnter={preloadCasePage} onFocus={preloadCasePage}>
          {title}
        </Link>
      </h3>
      <dl className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-dns-16N-130 text-solid-gray-700">
        <div>
          <dt className="sr-only">{m.card.kind}</dt>
          <dd>
            <KindBadge kind={c.kind} />
          </dd>
        </div>
        {otherOrganisation && (
          <div>
            <dt className="sr-only">{m.card.organisation}</dt>
            <dd className="text-dns-16B-130 text-solid-gray-800">{otherOrganisation.name}</dd>
          </div>
        )}
        <div>
          <dt className="sr-only">{m.card.department}</dt>
          <dd>{c.department.name}</dd>
        </div>
        <div>
          <dt className="sr-only">{m.card.fiscalYear}</dt>
          <dd>{formatWarekiFiscalYear(c.fiscalYear)}</dd>
        </div>
        {matchReasons.length > 0 && (
          <div className="flex flex-wrap gap-2">
            <dt className="sr-only">{m.searchTools.matchReasonsLabel}</dt>
            {[...new Set(matchReasons.map(reasonText))].map((text) => (
              <dd key={text} className="rounded-4 border border-solid-gray-300 bg-solid-gray-50 px-2 py-0.5 text-dns-14N-130 text-solid-gray-800">
                {text}
              </dd>
            ))}
          </div>
        )}
        {similar.length > 0 && (
          <div className="flex flex-wrap gap-2">
            <dt className="sr-only">{m.similarTowns.reasonsLabel}</dt>
            {similar.map((text) => (
              <dd key={text} className="rounded-4 border border-blue-700 bg-blue-50 px-2 py-0.5 text-dns-14N-130 text-blue-1000">
                {text}
              </dd>
            ))}
          </div>
        )}
        {c.adoptionCount > 0 && (
          <div>
            <dt className="sr-only">{m.adoptions.cardCountLabel}</dt>
            <dd className="text-dns-14B-130 text-blue-1000">{m.adoptions.cardCount(c.adoptionCount)}</dd>
          </div>
        )}
      </dl>
      {highlights.snippet && (
        <p className="mt-3 text-std-16N-170 text-solid-gray-800">
          {highlights.snippetField !== "summary" && m.searchTools.snippetFrom[highlights.snippetField] && (
            <span className="mr-2 text-dns-14B-130 text-solid-gray-700">
              {m.searchTools.snippetLabel(m.searchTools.snippetFrom[highlights.snippetField]!)}
            </span>
          )}
          <Highlighted value={highlights.snippet} />
        </p>
      )}
      {c.tags.length > 0 && (
        <div className="mt-3">
          <TagList tags={c.tags} label={m.card.tags} />
        </div>
      )}
    </article>
  );
}
