import { normalizeText } from "@kb/shared/plain";
import { useEffect, useId, useRef, useState, type ChangeEvent, type CompositionEvent, type FormEvent, type KeyboardEvent } from "react";
import { searchPageMessages as m } from "../messages/searchPage";
import { forgetTypedSearch, typedSearch } from "./typedBeforeStart";

export const SEARCH_DEBOUNCE_MS = 250;

export type SearchTrigger = "typing" | "submit";

interface Props {
  /** The query currently in the URL. */
  q: string;
  onSearch: (q: string, trigger: SearchTrigger) => void;
}

/**
 * Keyword box with search-as-you-type that is safe for Japanese input methods:
 * nothing is sent while a composition is open (compositionstart … compositionend); the composed
 * value is sent when it ends; typing is debounced; Enter sends at once (but not the Enter that
 * confirms an IME conversion).
 */
export function SearchForm({ q, onSearch }: Props) {
  const inputId = useId();
  const hintId = useId();
  // Words typed into the server's HTML before the app took over start this box (typedBeforeStart.ts).
  const [typed] = useState(typedSearch);
  const [value, setValue] = useState(typed?.value ?? q);
  const input = useRef<HTMLInputElement>(null);
  const composing = useRef(false);
  const imeEnter = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const lastSent = useRef(q);

  const cancel = () => window.clearTimeout(timer.current);

  const send = (raw: string, trigger: SearchTrigger) => {
    cancel();
    const next = normalizeText(raw);
    if (trigger === "typing" && next === lastSent.current) return;
    lastSent.current = next;
    onSearch(next, trigger);
  };

  const schedule = (raw: string) => {
    cancel();
    timer.current = window.setTimeout(() => send(raw, "typing"), SEARCH_DEBOUNCE_MS);
  };

  // The URL changed under us (Back/Forward, a link): show its query unless the user is composing.
  useEffect(() => {
    if (q === lastSent.current) return;
    lastSent.current = q;
    cancel();
    if (!composing.current) setValue(q);
  }, [q]);

  useEffect(() => cancel, []);

  // The box the reader was typing in has been replaced by this one: keep their place and search
  // for what they typed, as if they had typed it here.
  useEffect(() => {
    if (!typed) return;
    forgetTypedSearch();
    const box = input.current;
    if (typed.focused && box) {
      box.focus();
      if (typed.selectionStart !== null && typed.selectionEnd !== null) box.setSelectionRange(typed.selectionStart, typed.selectionEnd);
    }
    schedule(typed.value);
    // Once, on the first mount: later renders have nothing carried over.
  }, []);

  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    setValue(event.target.value);
    const native = event.nativeEvent as InputEvent;
    if (composing.current || native.isComposing) return;
    schedule(event.target.value);
  };

  const onCompositionStart = () => {
    composing.current = true;
    cancel();
  };

  const onCompositionEnd = (event: CompositionEvent<HTMLInputElement>) => {
    composing.current = false;
    schedule(event.currentTarget.value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    // Safari sends the IME-confirming Enter after compositionend, flagged only by keyCode 229.
    imeEnter.current = event.key === "Enter" && (event.nativeEvent.isComposing || event.keyCode === 229);
    if (imeEnter.current) window.setTimeout(() => (imeEnter.current = false), 0);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (composing.current || imeEnter.current) return;
    send(value, "submit");
  };

  return (
    <form role="search" aria-label={m.search.formLabel} onSubmit={onSubmit} className="space-y-2">
      <label htmlFor={inputId} className="block text-std-17B-170 text-solid-gray-900">
        {m.search.keywordLabel}
      </label>
      <p id={hintId} className="text-dns-14N-130 text-solid-gray-700">
        {m.search.keywordHint}
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id={inputId}
          ref={input}
          type="search"
          name="q"
          value={value}
          onChange={onChange}
          onCompositionStart={onCompositionStart}
          onCompositionEnd={onCompositionEnd}
          onKeyDown={onKeyDown}
          aria-describedby={hintId}
          autoComplete="off"
          enterKeyHint="search"
          maxLength={500}
          className="input-text sm:flex-1"
        />
        <button type="submit" className="btn-primary min-h-14 sm:w-32">
          {m.search.submit}
        </button>
      </div>
    </form>
  );
}
