import {
  CASE_CONTENT_FIELDS,
  CASE_KIND_LABELS,
  CASE_TEXT_FIELDS,
  caseTextOf,
  formatFiscalYear,
  meaningfulTags,
  meaningfulText,
  nameKey,
  sameMeaning,
  type CaseContent,
  type CaseContentField,
  type CaseKind,
  type CaseTextField,
} from "@kb/shared";
import { diffChars, diffLines, diffWords, type Change } from "diff";
import { messages as m } from "../messages";
import { detailRows } from "./details";

/**
 * What changed between two versions of a case, field by field, for people to read: long texts
 * by character when they are Japanese (Japanese has no spaces to split words on) and by word
 * otherwise; lists, effects and details line by line.
 */
export type DiffUnit = "chars" | "words" | "lines";

export interface DiffPart {
  value: string;
  added: boolean;
  removed: boolean;
}

export interface FieldDiff {
  field: string;
  label: string;
  unit: DiffUnit;
  parts: DiffPart[];
  added: number;
  removed: number;
}

const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff66-\uff9f]/u;

/** Stop diffing a pathological pair after this long and show it as replaced instead. */
const DIFF_TIMEOUT_MS = 500;

const number = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 2 });

function effectLine(e: CaseContent["effects"][number]): string {
  const value = (v: number | null | undefined) => (typeof v === "number" ? number.format(v) : m.casePage.effects.none);
  const unit = meaningfulText(e.unit ?? "");
  return `${meaningfulText(e.label)}：${value(e.before)} → ${value(e.after)}${unit ? ` ${unit}` : ""}`;
}

function detailLines(kind: CaseKind, details: unknown): string {
  return detailRows(kind, details)
    .map((row) => meaningfulText(`${row.label}：${Array.isArray(row.value) ? row.value.join("、") : row.value}`))
    .join("\n");
}

/** Tags in one fixed order (as the server compares them: a set), so a reorder is no change. */
function tagLines(tags: readonly string[]): string {
  const byKey = new Map(tags.map((t) => [nameKey(t), t.trim()]));
  return meaningfulTags(tags)
    .map((key) => byKey.get(key) ?? key)
    .sort((a, b) => a.localeCompare(b, "ja"))
    .join("\n");
}

/**
 * Each field of a version as the text its diff is made of: white space at line ends and the
 * order of tags left out, as shared/src/revision-content.ts decides what a change is.
 */
function fieldTexts(c: CaseContent | null): Record<string, string> {
  if (!c) return {};
  return {
    kind: CASE_KIND_LABELS[c.kind] ?? c.kind,
    ...caseTextOf(c, meaningfulText),
    fiscalYear: Number.isFinite(c.fiscalYear) ? formatFiscalYear(c.fiscalYear) : "",
    tags: tagLines(c.tags ?? []),
    effects: (c.effects ?? []).map(effectLine).join("\n"),
    details: detailLines(c.kind, c.details),
  };
}

function labelOf(field: CaseContentField): string {
  return field === "details" ? m.revisions.detailsLabel : m.caseForm.fields[field];
}

/**
 * An unchanged run of one or two characters between two changes (a stray の or 、) is folded into
 * the changes around it, so a rewritten phrase reads as one replacement and not as confetti.
 */
export function foldShortEqualities(parts: DiffPart[], maxLength = 2): DiffPart[] {
  const out: DiffPart[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const prev = out[out.length - 1];
    const next = parts[i + 1];
    const isChange = (p: DiffPart | undefined) => !!p && (p.added || p.removed);
    if (!part.added && !part.removed && [...part.value].length <= maxLength && isChange(prev) && isChange(next) && !part.value.includes("\n")) {
      out.push({ value: part.value, added: false, removed: true }, { value: part.value, added: true, removed: false });
      continue;
    }
    out.push({ ...part });
  }
  // Gather each run of changes into one removal followed by one addition.
  const merged: DiffPart[] = [];
  let removed = "";
  let added = "";
  const flush = () => {
    if (removed) merged.push({ value: removed, added: false, removed: true });
    if (added) merged.push({ value: added, added: true, removed: false });
    removed = "";
    added = "";
  };
  for (const part of out) {
    if (part.removed) removed += part.value;
    else if (part.added) added += part.value;
    else {
      flush();
      merged.push(part);
    }
  }
  flush();
  return merged;
}

function count(parts: DiffPart[], unit: DiffUnit, which: "added" | "removed"): number {
  return parts
    .filter((p) => p[which])
    .reduce((sum, p) => {
      if (unit === "chars") return sum + [...p.value.replace(/\s/gu, "")].length;
      if (unit === "words") return sum + (p.value.match(/\S+/gu)?.length ?? 0);
      return sum + p.value.split("\n").filter((line) => line !== "").length;
    }, 0);
}

function diffText(before: string, after: string, unit: DiffUnit): DiffPart[] {
  const run = (): Change[] | undefined =>
    unit === "lines"
      ? diffLines(before ? `${before}\n` : "", after ? `${after}\n` : "", { timeout: DIFF_TIMEOUT_MS })
      : unit === "chars"
        ? diffChars(before, after, { timeout: DIFF_TIMEOUT_MS })
        : diffWords(before, after, { timeout: DIFF_TIMEOUT_MS });
  const changes = run() ?? [
    { value: before, added: false, removed: true, count: 1 },
    { value: after, added: true, removed: false, count: 1 },
  ];
  const parts = changes.filter((c) => c.value !== "").map((c) => ({ value: c.value, added: c.added, removed: c.removed }));
  return unit === "chars" ? foldShortEqualities(parts) : parts;
}

/** The fields that differ between `before` (null: nothing yet) and `after`, in form order. */
export function diffCaseContent(before: CaseContent | null, after: CaseContent): FieldDiff[] {
  const a = fieldTexts(before);
  const b = fieldTexts(after);
  return CASE_CONTENT_FIELDS.flatMap((field) => {
    const old = a[field] ?? "";
    const now = b[field] ?? "";
    if (old === now) return [];
    const isText = (CASE_TEXT_FIELDS as readonly string[]).includes(field) || field === "kind" || field === "fiscalYear";
    const unit: DiffUnit = !isText ? "lines" : JAPANESE.test(old) || JAPANESE.test(now) ? "chars" : "words";
    const parts = diffText(old, now, unit);
    return [{ field, label: labelOf(field), unit, parts, added: count(parts, unit, "added"), removed: count(parts, unit, "removed") }];
  });
}

/** A revision snapshot (JSON from the server) read defensively as case content. */
export function snapshotContent(snapshot: unknown): CaseContent | null {
  if (!snapshot || typeof snapshot !== "object") return null;
  const s = snapshot as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === "string" ? v : "");
  const kind = (typeof s["kind"] === "string" && Object.hasOwn(CASE_KIND_LABELS, s["kind"]) ? s["kind"] : "PRACTICE") as CaseKind;
  return {
    kind,
    ...caseTextOf(s as Record<CaseTextField, unknown>, str),
    fiscalYear: typeof s["fiscalYear"] === "number" ? s["fiscalYear"] : Number.NaN,
    tags: Array.isArray(s["tags"]) ? s["tags"].filter((t): t is string => typeof t === "string") : [],
    effects: Array.isArray(s["effects"])
      ? s["effects"].flatMap((e) => {
          if (!e || typeof e !== "object") return [];
          const r = e as Record<string, unknown>;
          const n = (v: unknown) => (typeof v === "number" ? v : null);
          return [{ label: str(r["label"]), before: n(r["before"]), after: n(r["after"]), unit: str(r["unit"]) }];
        })
      : [],
    details: s["details"] && typeof s["details"] === "object" ? (s["details"] as Record<string, unknown>) : null,
  };
}

export interface NumberedRevision<R> {
  revision: R;
  /** 第N版 as the person counts: 1, 2, 3… over the saves that changed something. */
  number: number;
  /** The version it is compared with (the numbered one before it). */
  previous: R | undefined;
}

/**
 * The history a person can read, newest first. The case's own `version` also counts submissions
 * and reviews (it is the optimistic lock), so it jumps (第1版 → 第4版); the history numbers the saves
 * instead, and leaves out a save identical in meaning to the one before it (recorded before the
 * server stopped recording those).
 */
export function numberRevisions<R extends { version: number; snapshot: unknown; removedAttachment?: unknown }>(revisions: readonly R[]): NumberedRevision<R>[] {
  const oldestFirst = [...revisions].sort((a, b) => a.version - b.version);
  const out: NumberedRevision<R>[] = [];
  let previous: { revision: R; content: CaseContent | null } | undefined;
  for (const revision of oldestFirst) {
    const content = snapshotContent(revision.snapshot);
    // A removed attachment is a change a person made, though the case's text stayed the same.
    if (!revision.removedAttachment && previous?.content && content && sameMeaning(previous.content, content)) continue;
    out.push({ revision, number: out.length + 1, previous: previous?.revision });
    previous = { revision, content };
  }
  return out.reverse();
}
