import { graphql } from "../gql";
import { useQuery } from "@apollo/client/react";
import { nameKey, normalizeName, TAG_CATEGORIES, TAG_CATEGORY_LABELS, type TagCategory } from "@kb/shared";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import type { Control } from "react-hook-form";
import { messages as m } from "../messages";
import type { CaseFormValues } from "./formValues";
import { TagTextSuggestions } from "./TagTextSuggestions";

export const TAG_SUGGESTIONS = graphql(`
  query TagSuggestions($text: String!, $category: TagCategory, $first: Int = 8) {
    tagSuggestions(text: $text, first: $first, category: $category) {
      name
      count
      category
      description
      matchedAlias
    }
  }
`);

const SUGGEST_DEBOUNCE_MS = 200;
/** With an empty box, ↓ lists the most used tags (grouped by category). */
const BROWSE_COUNT = 20;

interface Option {
  id: string;
  name: string;
  count: number | null;
  category: TagCategory | null;
  matchedAlias: string | null;
}

interface Props {
  id: string;
  value: string[];
  onChange: (tags: string[]) => void;
  onBlur?: () => void;
  /** The case form: suggest vocabulary tags found in its text (title and body). */
  textSource?: Control<CaseFormValues>;
  "aria-describedby"?: string | undefined;
  "aria-invalid"?: boolean | undefined;
}

/**
 * Tags with autocomplete (the ARIA combobox pattern): suggestions from `tagSuggestions`, grouped by
 * category (テーマ, ツール, スキル …) with how many published cases use each, optionally narrowed to
 * one category; ↑↓ choose, Enter adds (the highlighted suggestion or the typed text), Escape
 * closes, Backspace in an empty box removes the last tag, ↓ in an empty box lists the most used
 * tags. Safe for Japanese input: no lookup while a composition is open, and the Enter that confirms
 * a conversion adds nothing.
 */
export function TagInput({ id, value, onChange, onBlur, textSource, ...aria }: Props) {
  const listboxId = useId();
  const categoryId = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
  const [browsing, setBrowsing] = useState(false);
  const [category, setCategory] = useState<TagCategory | "">("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [announcement, setAnnouncement] = useState("");
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const inputRef = useRef<HTMLInputElement>(null);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const schedule = (raw: string) => {
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => setQuery(normalizeName(raw)), SUGGEST_DEBOUNCE_MS);
  };

  const lookup = query !== "" || browsing;
  const { data } = useQuery(TAG_SUGGESTIONS, {
    variables: { text: query, category: category || null, first: query === "" ? BROWSE_COUNT : 8 },
    skip: !lookup,
  });
  const taken = new Set(value.map(nameKey));
  const typed = normalizeName(text);
  const suggestions = (lookup ? (data?.tagSuggestions ?? []) : []).filter((s) => !taken.has(nameKey(s.name)));
  // Grouped by category (in the vocabulary's order), most used first within a group.
  const grouped = TAG_CATEGORIES.flatMap((c) => suggestions.filter((s) => s.category === c));
  const options: Option[] = grouped.map((s, i) => ({
    id: `${listboxId}-${i}`,
    name: s.name,
    count: s.count,
    category: s.category,
    matchedAlias: s.matchedAlias,
  }));
  if (typed && !taken.has(nameKey(typed)) && !options.some((o) => nameKey(o.name) === nameKey(typed) || (o.matchedAlias && nameKey(o.matchedAlias) === nameKey(typed)))) {
    options.push({ id: `${listboxId}-new`, name: typed, count: null, category: null, matchedAlias: null });
  }
  const expanded = open && (typed !== "" || browsing) && options.length > 0;
  const activeOption = expanded && active >= 0 ? options[active] : undefined;

  const close = () => {
    setOpen(false);
    setBrowsing(false);
    setActive(-1);
  };

  const add = (raw: string) => {
    const tag = normalizeName(raw);
    if (!tag) return;
    if (taken.has(nameKey(tag))) {
      setAnnouncement(m.caseForm.tags.duplicate(tag));
    } else {
      onChange([...value, tag]);
      setAnnouncement(m.caseForm.tags.added(tag));
    }
    setText("");
    setQuery("");
    close();
  };

  const remove = (tag: string, refocus: boolean) => {
    onChange(value.filter((t) => t !== tag));
    setAnnouncement(m.caseForm.tags.removed(tag));
    if (refocus) inputRef.current?.focus();
  };

  const move = (step: 1 | -1) => {
    setOpen(true);
    setActive((i) => {
      if (options.length === 0) return -1;
      if (step === 1) return (i + 1) % options.length;
      return i <= 0 ? options.length - 1 : i - 1;
    });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The Enter (or arrow) that belongs to an IME conversion is the IME's, not ours.
    if (composing.current || event.nativeEvent.isComposing || event.keyCode === 229) return;
    switch (event.key) {
      case "ArrowDown":
        if (!typed) {
          // An empty box: browse the most used tags.
          event.preventDefault();
          if (!browsing) {
            setBrowsing(true);
            setOpen(true);
            setActive(-1);
            return;
          }
        }
        event.preventDefault();
        move(1);
        return;
      case "ArrowUp":
        if (!typed && !browsing) return;
        event.preventDefault();
        move(-1);
        return;
      case "Enter":
        // Never submits the surrounding form.
        event.preventDefault();
        if (activeOption) add(activeOption.name);
        else if (typed) add(typed);
        return;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          close();
        }
        return;
      case "Backspace": {
        const last = value[value.length - 1];
        if (text === "" && last !== undefined) {
          event.preventDefault();
          remove(last, false);
        }
        return;
      }
    }
  };

  // Options in groups: one group per category, then the "new tag" option.
  const groups: { key: string; label: string; options: { option: Option; index: number }[] }[] = [];
  options.forEach((option, index) => {
    const key = option.category ?? "new";
    const label = option.category ? TAG_CATEGORY_LABELS[option.category] : m.tags.input.newGroup;
    const group = groups.find((g) => g.key === key) ?? groups[groups.push({ key, label, options: [] }) - 1]!;
    group.options.push({ option, index });
  });

  return (
    <div className="space-y-3">
      {value.length > 0 ? (
        <ul aria-label={m.caseForm.tags.listLabel} className="flex flex-wrap gap-2">
          {value.map((tag) => (
            <li key={tag} className="inline-flex items-center gap-1 rounded-full border border-blue-900 bg-blue-50 py-0.5 pl-3 pr-1 text-dns-16N-130 text-blue-1000">
              {tag}
              <button
                type="button"
                aria-label={m.caseForm.tags.remove(tag)}
                onClick={() => remove(tag, true)}
                className="inline-flex size-8 cursor-pointer items-center justify-center rounded-full hover:bg-blue-200"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-dns-14N-130 text-solid-gray-700">{m.caseForm.tags.none}</p>
      )}
      <div className="flex flex-wrap items-start gap-3">
        <div className="relative min-w-0 flex-1 basis-64">
          <input
            ref={inputRef}
            id={id}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listboxId}
            aria-activedescendant={activeOption?.id}
            autoComplete="off"
            enterKeyHint="enter"
            maxLength={50}
            value={text}
            onChange={(event) => {
              setText(event.target.value);
              setActive(-1);
              setBrowsing(false);
              setOpen(true);
              if (!composing.current && !(event.nativeEvent as InputEvent).isComposing) schedule(event.target.value);
            }}
            onCompositionStart={() => {
              composing.current = true;
              window.clearTimeout(timer.current);
            }}
            onCompositionEnd={(event) => {
              composing.current = false;
              schedule(event.currentTarget.value);
            }}
            onKeyDown={onKeyDown}
            onBlur={() => {
              close();
              onBlur?.();
            }}
            className="input-text w-full"
            {...aria}
          />
          <div
            id={listboxId}
            role="listbox"
            aria-label={m.caseForm.tags.suggestions}
            hidden={!expanded}
            className="absolute left-0 right-0 top-full z-20 mt-1 max-h-80 overflow-y-auto rounded-8 border border-solid-gray-600 bg-white py-1 shadow-lg"
          >
            {groups.map((group) => (
              <div key={group.key} role="group" aria-labelledby={`${listboxId}-g-${group.key}`}>
                <div id={`${listboxId}-g-${group.key}`} role="presentation" className="px-4 pb-1 pt-2 text-dns-14B-130 text-solid-gray-700">
                  {group.label}
                </div>
                {group.options.map(({ option, index }) => (
                  <div
                    key={option.id}
                    id={option.id}
                    role="option"
                    aria-selected={index === active}
                    aria-label={option.count === null ? undefined : m.caseForm.tags.optionLabel(option.name, option.count)}
                    // Keep focus in the input; the click adds.
                    onMouseDown={(event) => event.preventDefault()}
                    onClick={() => add(option.name)}
                    className={`flex cursor-pointer items-baseline justify-between gap-4 px-4 py-2 text-dns-16N-130 ${
                      index === active ? "bg-blue-900 text-white" : "text-solid-gray-900 hover:bg-blue-50"
                    }`}
                  >
                    {option.count === null ? (
                      <span>{m.caseForm.tags.addNew(option.name)}</span>
                    ) : (
                      <>
                        <span>
                          {option.name}
                          {option.matchedAlias && (
                            <span className={`ml-2 text-dns-14N-130 ${index === active ? "text-white" : "text-solid-gray-700"}`}>
                              {m.tags.input.viaAlias(option.matchedAlias)}
                            </span>
                          )}
                        </span>
                        <span className={`text-dns-14N-130 ${index === active ? "text-white" : "text-solid-gray-700"}`}>
                          {m.caseForm.tags.usage(option.count)}
                        </span>
                      </>
                    )}
                  </div>
                ))}
              </div>
            ))}
          </div>
        </div>
        <div className="flex items-center gap-2">
          <label htmlFor={categoryId} className="text-dns-14N-130 text-solid-gray-800">
            {m.tags.input.categoryFilter}
          </label>
          <select
            id={categoryId}
            value={category}
            onChange={(event) => setCategory(event.currentTarget.value as TagCategory | "")}
            className="rounded-8 border border-solid-gray-600 px-2 py-2 text-dns-16N-130"
          >
            <option value="">{m.tags.allCategories}</option>
            {TAG_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {TAG_CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p className="text-dns-14N-130 text-solid-gray-700">{m.tags.input.browseHint}</p>
      {textSource && <TagTextSuggestions control={textSource} taken={value} onAdd={add} />}
      <p role="status" className="sr-only">
        {announcement || (expanded ? m.caseForm.tags.count(options.length) : "")}
      </p>
    </div>
  );
}
