import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { TAG_CATEGORY_LABELS } from "@kb/shared";
import { useId } from "react";
import { messages as m } from "../messages";

export const TAGS_IN_TEXT = graphql(`
  query TagsInText($text: String!, $exclude: [String!]!) {
    tagsInText(text: $text, exclude: $exclude, first: 8) {
      name
      category
      description
      terms
      usage
    }
  }
`);

/**
 * Vocabulary tags that a text mentions (by name, alias or search synonym), as buttons: the case
 * form adds them to the case, the case page to a proposal. Nothing is shown for an empty text.
 */
export function TagsFromText({
  text,
  exclude,
  heading,
  addLabel,
  onAdd,
}: {
  text: string;
  exclude: readonly string[];
  heading: string;
  addLabel: (tag: string) => string;
  onAdd: (tag: string) => void;
}) {
  const headingId = useId();
  const trimmed = text.trim().slice(0, 20_000);
  const { data, previousData } = useQuery(TAGS_IN_TEXT, {
    variables: { text: trimmed, exclude: [...exclude] },
    skip: trimmed === "",
    fetchPolicy: "cache-first",
  });
  const matches = (data ?? previousData)?.tagsInText ?? [];
  const taken = new Set(exclude.map((t) => t.toLowerCase()));
  const shown = matches.filter((t) => !taken.has(t.name.toLowerCase()));
  if (trimmed === "" || shown.length === 0) return null;
  return (
    <div role="group" aria-labelledby={headingId} className="space-y-2 rounded-8 bg-solid-gray-50 p-3">
      <p id={headingId} className="text-dns-14B-130 text-solid-gray-900">
        {heading}
      </p>
      <ul className="flex flex-wrap gap-2">
        {shown.map((t, i) => (
          <li key={t.name}>
            <button
              type="button"
              className="inline-flex cursor-pointer items-baseline gap-1 rounded-full border border-blue-900 bg-white px-3 py-1 text-dns-14N-130 text-blue-1000 hover:bg-blue-50"
              aria-label={addLabel(t.name)}
              aria-describedby={`${headingId}-${i}`}
              onClick={() => onAdd(t.name)}
            >
              <span aria-hidden="true">＋</span>
              {t.name}
            </button>
            <span id={`${headingId}-${i}`} className="sr-only">
              {`${TAG_CATEGORY_LABELS[t.category]}、${m.tags.fromText.via(t.terms.join("」「"))}`}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
