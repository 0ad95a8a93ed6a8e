/**
 * The search page's HTML comes from the server (ssr.tsx) and its search box works before the app's
 * code has loaded: on a slow phone a reader may type for a second or more. React then replaces that
 * markup with its own (createRoot, not hydration), and the typed words would be lost. main.tsx reads
 * them just before, and the app's search box starts from them (SearchForm).
 */
export interface TypedBeforeStart {
  value: string;
  focused: boolean;
  selectionStart: number | null;
  selectionEnd: number | null;
}

let typed: TypedBeforeStart | undefined;

/** Reads the server-rendered box under `root`, if the reader typed in it or is in it. */
export function keepTypedSearch(root: HTMLElement): void {
  const input = root.querySelector<HTMLInputElement>("form[role=search] input[name=q]");
  if (!input) return;
  const focused = document.activeElement === input;
  if (input.value === input.defaultValue && !focused) return;
  typed = { value: input.value, focused, selectionStart: input.selectionStart, selectionEnd: input.selectionEnd };
}

/** What was typed, for the app's first search box; it stays until `forgetTypedSearch` (StrictMode renders twice). */
export function typedSearch(): TypedBeforeStart | undefined {
  return typed;
}

export function forgetTypedSearch(): void {
  typed = undefined;
}
