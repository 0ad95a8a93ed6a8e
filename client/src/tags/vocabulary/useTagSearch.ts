import { graphql } from "../../gql";
import { useQuery } from "@apollo/client/react";
import type { TagCategory } from "@kb/shared";
import { useEffect, useRef, useState, type ChangeEvent, type CompositionEvent } from "react";

/** The vocabulary's list: each row's fields are the row's own fragment (TagTable.tsx). */
const TAGS = graphql(`
  query VocabularyTags($search: String!, $category: TagCategory, $includeRetired: Boolean!) {
    tags(search: $search, category: $category, includeRetired: $includeRetired, first: 500) {
      total
      items {
        ...TagRow_tag
      }
    }
  }
`);

const SEARCH_DEBOUNCE_MS = 250;

/**
 * The vocabulary's list and its filters: the search text is sent after a pause in typing, never
 * while an IME composition is open; while a new search loads the previous list stays (so an open
 * edit or merge form is not lost).
 */
export function useTagSearch() {
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  const [category, setCategory] = useState<TagCategory | "">("");
  const [includeRetired, setIncludeRetired] = useState(false);
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  useEffect(() => () => window.clearTimeout(timer.current), []);
  const schedule = (value: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setSearch(value), SEARCH_DEBOUNCE_MS);
  };

  const { data: current, previousData, loading, error, refetch } = useQuery(TAGS, {
    variables: { search, category: category || null, includeRetired },
    fetchPolicy: "cache-and-network",
  });
  const data = current ?? previousData;

  const textHandlers = {
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      setText(e.currentTarget.value);
      if (!composing.current) schedule(e.currentTarget.value);
    },
    onCompositionStart: () => {
      composing.current = true;
      window.clearTimeout(timer.current);
    },
    onCompositionEnd: (e: CompositionEvent<HTMLInputElement>) => {
      composing.current = false;
      schedule(e.currentTarget.value);
    },
  };

  return {
    text,
    textHandlers,
    category,
    setCategory,
    includeRetired,
    setIncludeRetired,
    data,
    loading,
    error,
    refetch,
  };
}

export type TagSearch = ReturnType<typeof useTagSearch>;
