import { CASE_WRITTEN_FIELDS, type CaseWrittenField } from "./case-content.js";

/**
 * A guard against personal information in cases, which the whole city hall reads. It flags what
 * looks like a phone number, an e-mail address, a 12-digit individual number (マイナンバー, check digit
 * verified) or a street address with 番地/丁目; the author confirms or fixes each finding before
 * submitting, and the reviewer sees them too. It is a guard, not a guarantee: it errs towards
 * flagging. Positions refer to the original text (full-width digits are matched as they are).
 */
export const PERSONAL_INFO_KINDS = ["PHONE", "EMAIL", "INDIVIDUAL_NUMBER", "ADDRESS"] as const;
export type PersonalInfoKind = (typeof PERSONAL_INFO_KINDS)[number];

export const PERSONAL_INFO_LABELS: Record<PersonalInfoKind, string> = {
  PHONE: "電話番号",
  EMAIL: "メールアドレス",
  INDIVIDUAL_NUMBER: "個人番号（マイナンバー）",
  ADDRESS: "番地までの住所",
};

export interface PersonalInfoFinding {
  kind: PersonalInfoKind;
  /** Which field: "summary", "details.purpose", … */
  field: string;
  start: number;
  end: number;
  text: string;
}

const D = "[0-9０-９]";
const Z = "[0０]"; // a leading zero, half- or full-width
const H = "[-－‐‑–—―−ー]";
const KANJI_NUM = "[0-9０-９一二三四五六七八九十百千]";

const PATTERNS: { kind: PersonalInfoKind; regex: RegExp; accept?: (match: string) => boolean }[] = [
  {
    kind: "EMAIL",
    regex: /[A-Za-z0-9._%+\-Ａ-Ｚａ-ｚ０-９]+[@＠][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９]+(?:[.．][A-Za-z0-9\-Ａ-Ｚａ-ｚ０-９]+)+/gu,
  },
  {
    kind: "INDIVIDUAL_NUMBER",
    regex: new RegExp(`(?<![0-9０-９])${D}{4}[ \u3000－-]?${D}{4}[ \u3000－-]?${D}{4}(?![0-9０-９])`, "gu"),
    accept: (match) => isValidIndividualNumber(toAsciiDigits(match)),
  },
  {
    kind: "PHONE",
    // 03-1234-5678, 090-1234-5678, (078)123-4567, 0120-123-456, and the same without hyphens for mobiles.
    regex: new RegExp(
      `(?<![0-9０-９])(?:[（(]${Z}${D}{1,4}[）)]${D}{1,4}${H}${D}{3,4}|${Z}${D}{1,4}${H}${D}{1,4}${H}${D}{3,4}|${Z}[5789５７８９]${Z}${D}{8})(?![0-9０-９])`,
      "gu",
    ),
  },
  {
    kind: "ADDRESS",
    regex: new RegExp(
      `(?:${KANJI_NUM}+丁目\\s*${KANJI_NUM}+(?:番地?|${H})\\s*(?:${KANJI_NUM}+号?)?|[\\p{Script=Han}\\p{Script=Katakana}\\p{Script=Hiragana}]{2,}${KANJI_NUM}+番地(?:の?${D}+)?(?:${H}${D}+)?)`,
      "gu",
    ),
  },
];

function toAsciiDigits(text: string): string {
  return text.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[^0-9]/g, "");
}

/** The check digit of the 12-digit individual number (番号法施行令 第8条). */
export function isValidIndividualNumber(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  const body = digits.slice(0, 11);
  let sum = 0;
  for (let n = 1; n <= 11; n++) {
    const p = Number(body[11 - n]);
    const q = n <= 6 ? n + 1 : n - 5;
    sum += p * q;
  }
  const remainder = sum % 11;
  const check = remainder <= 1 ? 0 : 11 - remainder;
  return check === Number(digits[11]);
}

/** Findings in one text, in order of position; overlapping findings keep the first kind that matched. */
export function scanText(text: string, field: string): PersonalInfoFinding[] {
  const findings: PersonalInfoFinding[] = [];
  const taken: [number, number][] = [];
  for (const { kind, regex, accept } of PATTERNS) {
    for (const match of text.matchAll(regex)) {
      const start = match.index;
      const end = start + match[0].length;
      if (accept && !accept(match[0])) continue;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      taken.push([start, end]);
      findings.push({ kind, field, start, end, text: match[0] });
    }
  }
  return findings.sort((a, b) => a.start - b.start);
}

/** Scans every text field of a case, including string values inside `details`. */
export function scanCaseForPersonalInfo(fields: Record<string, unknown>): PersonalInfoFinding[] {
  const findings: PersonalInfoFinding[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === "string") findings.push(...scanText(value, path));
    else if (Array.isArray(value)) value.forEach((item, i) => visit(item, `${path}.${i}`));
    else if (value && typeof value === "object")
      for (const [key, inner] of Object.entries(value)) visit(inner, path ? `${path}.${key}` : key);
  };
  visit(fields, "");
  return findings;
}

/**
 * Scans what a person wrote in a case (its text fields, effects and details; not kind, year or tags),
 * from anything that holds them: the form's input, a saved case, a revision. Server and client alike.
 */
export function scanCaseContentForPersonalInfo(content: Readonly<Partial<Record<CaseWrittenField, unknown>>>): PersonalInfoFinding[] {
  return scanCaseForPersonalInfo(Object.fromEntries(CASE_WRITTEN_FIELDS.map((field) => [field, content[field]])));
}
