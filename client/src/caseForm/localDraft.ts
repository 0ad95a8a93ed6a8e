import { CASE_TEXT_FIELDS } from "@kb/shared";
import { useCallback, useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import type { CaseFormValues } from "./formValues";

/**
 * What the user typed, kept in this browser while they type, so that a reload, a crash or a
 * CONFLICT never loses it. One entry per user and case ("new" for a case not saved yet); removed
 * once the server has the content.
 */
export interface StoredDraft {
  values: CaseFormValues;
  savedAt: string;
  /** The version the edit started from (null for a new case). */
  baseVersion: number | null;
}

export const AUTOSAVE_DEBOUNCE_MS = 600;

export const localDraftKey = (userId: string, caseId: string | null) => `kb:case-draft:v1:${userId}:${caseId ?? "new"}`;

const isStringRecord = (v: unknown): v is Record<string, string> =>
  !!v && typeof v === "object" && !Array.isArray(v) && Object.values(v).every((x) => typeof x === "string");

function isFormValues(v: unknown): v is CaseFormValues {
  if (!v || typeof v !== "object") return false;
  const r = v as Record<string, unknown>;
  const strings = ["kind", ...CASE_TEXT_FIELDS, "fiscalYear"];
  return (
    strings.every((k) => typeof r[k] === "string") &&
    Array.isArray(r["tags"]) &&
    r["tags"].every((t) => typeof t === "string") &&
    Array.isArray(r["effects"]) &&
    r["effects"].every((e) => isStringRecord(e)) &&
    isStringRecord(r["details"])
  );
}

export function readLocalDraft(key: string): StoredDraft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const parsed = JSON.parse(raw) as Partial<StoredDraft>;
    if (!isFormValues(parsed.values) || typeof parsed.savedAt !== "string") return null;
    const baseVersion = typeof parsed.baseVersion === "number" ? parsed.baseVersion : null;
    return { values: parsed.values, savedAt: parsed.savedAt, baseVersion };
  } catch {
    return null;
  }
}

export function writeLocalDraft(key: string, draft: StoredDraft): boolean {
  try {
    window.localStorage.setItem(key, JSON.stringify(draft));
    return true;
  } catch {
    // Storage full or disabled (private mode): the form still works, only without the safety net.
    return false;
  }
}

export function removeLocalDraft(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to do
  }
}

/**
 * Saves the form to localStorage, debounced, and never in the middle of an IME composition (the
 * half-converted text is not worth a write; the composed text is saved when it ends). Spread
 * `compositionHandlers` on the <form>: composition events bubble from every field.
 */
export function useAutosave(form: UseFormReturn<CaseFormValues>, key: string, baseVersion: number | null) {
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const composing = useRef(false);
  const timer = useRef<number | undefined>(undefined);
  const paused = useRef(false);
  const base = useRef(baseVersion);
  base.current = baseVersion;

  const saveNow = useCallback(() => {
    window.clearTimeout(timer.current);
    if (paused.current) return;
    const now = new Date().toISOString();
    if (writeLocalDraft(key, { values: form.getValues(), savedAt: now, baseVersion: base.current })) setSavedAt(now);
  }, [form, key]);

  const schedule = useCallback(() => {
    window.clearTimeout(timer.current);
    if (composing.current) return;
    timer.current = window.setTimeout(saveNow, AUTOSAVE_DEBOUNCE_MS);
  }, [saveNow]);

  useEffect(() => {
    const subscription = form.watch(() => schedule());
    return () => {
      subscription.unsubscribe();
      window.clearTimeout(timer.current);
    };
  }, [form, schedule]);

  // Leaving the page before the debounce fires must not lose the last keystrokes.
  useEffect(() => {
    const flush = () => {
      if (timer.current !== undefined && form.formState.isDirty) saveNow();
    };
    window.addEventListener("pagehide", flush);
    return () => window.removeEventListener("pagehide", flush);
  }, [form, saveNow]);

  return {
    savedAt,
    compositionHandlers: {
      onCompositionStart: () => {
        composing.current = true;
        window.clearTimeout(timer.current);
      },
      onCompositionEnd: () => {
        composing.current = false;
        schedule();
      },
    },
    /** The server has the content: drop the local copy and stop writing until the next change. */
    clear: () => {
      window.clearTimeout(timer.current);
      removeLocalDraft(key);
      setSavedAt(null);
    },
    /** Suspends autosave (while navigating away after a save). */
    pause: () => {
      paused.current = true;
      window.clearTimeout(timer.current);
    },
  };
}
