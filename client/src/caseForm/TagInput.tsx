import { gql, type TypedDocumentNode } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { nameKey, normalizeName } from "@kb/shared";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { messages as m } from "../messages";

export const TAG_SUGGESTIONS: TypedDocumentNode<{ tagSuggestions: { name: string; count: number }[] }, { text: string }> = gql`
  query TagSuggestions($text: String!) {
    tagSuggestions(text: $text, first: 8) {
      name
      count
    }
  }
`;

const SUGGEST_DEBOUNCE_MS = 200;

interface Option {
  id: string;
  name: string;
  count: number | null;
}

interface Props {
  id: string;
  value: string[];
  onChange: (tags: string[]) => void;
  onBlur?: () => void;
  "aria-describedby"?: string | undefined;
  "aria-invalid"?: boolean | undefined;
}

/**
 * Tags with autocomplete (the ARIA combobox pattern): suggestions from `tagSuggestions` with how
 * many published cases use each; ↑↓ choose, Enter adds (the highlighted suggestion or the typed
 * text), Escape closes, Backspace in an empty box removes the last tag. Safe for Japanese input:
 * no lookup while a composition is open, and the Enter that confirms a conversion adds nothing.
 */
export function TagInput({ id, value, onChange, onBlur, ...aria }: Props) {
  const listboxId = useId();
  const [text, setText] = useState("");
  const [query, setQuery] = useState("");
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

  const { data } = useQuery(TAG_SUGGESTIONS, { variables: { text: query }, skip: query === "" });
  const taken = new Set(value.map(nameKey));
  const typed = normalizeName(text);
  const suggestions = (query !== "" ? (data?.tagSuggestions ?? []) : []).filter((s) => !taken.has(nameKey(s.name)));
  const options: Option[] = suggestions.map((s, i) => ({ id: `${listboxId}-${i}`, name: s.name, count: s.count }));
  if (typed && !taken.has(nameKey(typed)) && !options.some((o) => nameKey(o.name) === nameKey(typed))) {
    options.push({ id: `${listboxId}-new`, name: typed, count: null });
  }
  const expanded = open && typed !== "" && options.length > 0;
  const activeOption = expanded && active >= 0 ? options[active] : undefined;

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
    setActive(-1);
    setOpen(false);
  };

  const remove = (tag: string, refocus: boolean) => {
    onChange(value.filter((t) => t !== tag));
    setAnnouncement(m.caseForm.tags.removed(tag));
    if (refocus) inputRef.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // The Enter (or arrow) that belongs to an IME conversion is the IME's, not ours.
    if (composing.current || event.nativeEvent.isComposing || event.keyCode === 229) return;
    switch (event.key) {
      case "ArrowDown":
        if (!typed) return;
        event.preventDefault();
        setOpen(true);
        setActive((i) => (options.length === 0 ? -1 : (i + 1) % options.length));
        return;
      case "ArrowUp":
        if (!typed) return;
        event.preventDefault();
        setOpen(true);
        setActive((i) => (options.length === 0 ? -1 : i <= 0 ? options.length - 1 : i - 1));
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
          setOpen(false);
          setActive(-1);
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
      <div className="relative">
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
            setOpen(false);
            onBlur?.();
          }}
          className="input-text"
          {...aria}
        />
        <ul
          id={listboxId}
          role="listbox"
          aria-label={m.caseForm.tags.suggestions}
          hidden={!expanded}
          className="absolute left-0 right-0 top-full z-20 mt-1 max-h-72 overflow-y-auto rounded-8 border border-solid-gray-600 bg-white py-1 shadow-lg"
        >
          {options.map((option, i) => (
            <li
              key={option.id}
              id={option.id}
              role="option"
              aria-selected={i === active}
              aria-label={option.count === null ? undefined : m.caseForm.tags.optionLabel(option.name, option.count)}
              // Keep focus in the input; the click adds.
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => add(option.name)}
              className={`flex cursor-pointer items-baseline justify-between gap-4 px-4 py-2 text-dns-16N-130 ${
                i === active ? "bg-blue-900 text-white" : "text-solid-gray-900 hover:bg-blue-50"
              }`}
            >
              {option.count === null ? (
                <span>{m.caseForm.tags.addNew(option.name)}</span>
              ) : (
                <>
                  <span>{option.name}</span>
                  <span className={`text-dns-14N-130 ${i === active ? "text-white" : "text-solid-gray-700"}`}>
                    {m.caseForm.tags.usage(option.count)}
                  </span>
                </>
              )}
            </li>
          ))}
        </ul>
      </div>
      <p role="status" className="sr-only">
        {announcement || (expanded ? m.caseForm.tags.count(options.length) : "")}
      </p>
    </div>
  );
}
