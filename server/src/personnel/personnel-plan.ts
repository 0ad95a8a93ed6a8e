import { createHash } from "node:crypto";
import { z } from "zod";
import {
  nameKey,
  normalizeText,
  PERSONNEL_RETIREMENT_WORDS,
  PERSONNEL_ROLE_LABELS,
  PERSONNEL_ROLE_WORDS,
  PERSONNEL_VERDICTS,
  type PersonnelCounts,
  type PersonnelRow,
} from "@kb/shared";
import type { Role } from "../kernel/index.js";
import type { ListLine } from "./personnel-list.js";

/** A member of the organisation as the list is judged against. */
export interface Person {
  id: string;
  email: string;
  displayName: string;
  employeeNumber: string | null;
  role: Role;
  departmentId: string;
  active: boolean;
}

export interface Post {
  id: string;
  name: string;
  nameKey: string;
  code: string | null;
  /** Former names (組織改正: renamed, or merged into this 課), name-keyed. */
  aliasKeys?: readonly string[];
}

export interface PlanState {
  people: Person[];
  departments: Post[];
  /** E-mail addresses of the list that belong to accounts of other organisations. */
  foreignEmails: ReadonlySet<string>;
  /** The ADMIN applying the list: they may not retire themself or give up ADMIN. */
  viewerId: string;
  /** YYYY-MM-DD, to remark on a 発令日 still to come. */
  today: string;
}

export type PersonState = Omit<Person, "id">;

export interface Creation {
  row: number;
  email: string;
  displayName: string;
  employeeNumber: string | null;
  role: Role;
  departmentId: string;
  effectiveDate: string | null;
}

export interface Update {
  row: number;
  userId: string;
  before: PersonState;
  after: PersonState;
  effectiveDate: string | null;
}

export interface Plan {
  rows: PersonnelRow[];
  counts: PersonnelCounts;
  creations: Creation[];
  updates: Update[];
}

const emailSchema = z.email();
const MAX_NAME = 100;

/**
 * Judges every line of the list against the organisation's people and 課: 新規 / 異動 / 退職 /
 * 変更なし / 誤り, with what changes and, for 誤り, why (in Japanese). Pure: the dry run shows it and
 * the apply call recomputes it inside its transaction and does exactly its creations and updates.
 */
export function judgeList(lines: readonly ListLine[], state: PlanState): Plan {
  const byNumber = new Map(state.people.filter((p) => p.employeeNumber).map((p) => [p.employeeNumber!, p]));
  const byEmail = new Map(state.people.map((p) => [p.email, p]));
  const deptById = new Map(state.departments.map((d) => [d.id, d]));
  const deptByCode = new Map(state.departments.filter((d) => d.code).map((d) => [normalizeText(d.code!), d]));
  const deptByKey = new Map(state.departments.map((d) => [d.nameKey, d]));
  const deptByAlias = new Map(state.departments.flatMap((d) => (d.aliasKeys ?? []).map((key) => [key, d] as const)));
  const retirementKeys = new Set(PERSONNEL_RETIREMENT_WORDS.map(nameKey));

  // Lines naming the same person, number or address: all of them are 誤り (which one is right is for the file's author).
  const seen = { number: new Map<string, number[]>(), email: new Map<string, number[]>(), person: new Map<string, number[]>() };
  const add = (map: Map<string, number[]>, key: string, row: number) => map.set(key, [...(map.get(key) ?? []), row]);
  for (const line of lines) {
    if (line.employeeNumber) add(seen.number, line.employeeNumber, line.row);
    const email = emailKey(line.email);
    if (email) add(seen.email, email, line.row);
    const person = (line.employeeNumber ? byNumber.get(line.employeeNumber) : undefined) ?? byEmail.get(email);
    if (person) add(seen.person, person.id, line.row);
  }
  const others = (rows: number[] | undefined, row: number) => (rows ?? []).filter((r) => r !== row).map((r) => `${r}行目`).join("・");

  const plan: Plan = { rows: [], counts: { NEW: 0, TRANSFER: 0, RETIRE: 0, UNCHANGED: 0, ERROR: 0 }, creations: [], updates: [] };
  for (const line of lines) {
    const email = emailKey(line.email);
    const errors: string[] = [];
    const notes: string[] = [];
    const result: PersonnelRow = {
      row: line.row,
      verdict: "ERROR",
      employeeNumber: line.employeeNumber || null,
      displayName: line.displayName,
      email,
      department: null,
      departmentBefore: null,
      role: null,
      roleBefore: null,
      effectiveDate: null,
      changes: [],
      errors,
      notes,
    };

    if (line.employeeNumber && (seen.number.get(line.employeeNumber)?.length ?? 0) > 1) {
      errors.push(`職員番号「${line.employeeNumber}」がファイルの中で重複しています（${others(seen.number.get(line.employeeNumber), line.row)}にもあります）。`);
    }
    if (email && (seen.email.get(email)?.length ?? 0) > 1) {
      errors.push(`メール「${email}」がファイルの中で重複しています（${others(seen.email.get(email), line.row)}にもあります）。`);
    }

    const numbered = line.employeeNumber ? byNumber.get(line.employeeNumber) : undefined;
    const addressed = email ? byEmail.get(email) : undefined;
    if (numbered && addressed && numbered.id !== addressed.id) {
      errors.push(`職員番号「${line.employeeNumber}」は${numbered.displayName}さん、メール「${email}」は${addressed.displayName}さんのものです。どちらかが誤っています。`);
    }
    if (!numbered && addressed?.employeeNumber && line.employeeNumber && addressed.employeeNumber !== line.employeeNumber) {
      errors.push(`メール「${email}」の${addressed.displayName}さんの職員番号は「${addressed.employeeNumber}」です（ファイルでは「${line.employeeNumber}」）。`);
    }
    const person = numbered ?? addressed;
    if (person && (seen.person.get(person.id)?.length ?? 0) > 1 && !errors.length) {
      errors.push(`${person.displayName}さんを指す行が複数あります（${others(seen.person.get(person.id), line.row)}）。`);
    }

    if (!line.email && !person) errors.push("メールがありません。");
    else if (line.email && !emailSchema.safeParse(email).success) errors.push(`メール「${line.email}」の形式が正しくありません。`);
    else if (email && !addressed && state.foreignEmails.has(email)) {
      // Said without naming where: another organisation's members are not this ADMIN's to know.
      errors.push(`メール「${email}」はほかのアカウントで使われているため使えません。`);
    }
    if (line.displayName.length > MAX_NAME) errors.push(`氏名は${MAX_NAME}文字以内にしてください。`);

    const effectiveDate = line.effectiveDate ? isoDateOf(line.effectiveDate) : null;
    if (line.effectiveDate && !effectiveDate) errors.push(`発令日「${line.effectiveDate}」を日付として読めません（2027-04-01 のように書いてください）。`);
    result.effectiveDate = effectiveDate;
    if (effectiveDate && effectiveDate > state.today) notes.push(`発令日（${effectiveDate}）は先の日付です。反映するとその時点で切り替わります。`);

    let role: Role | null = null;
    if (line.role) {
      role = PERSONNEL_ROLE_WORDS[line.role.toLowerCase()] ?? null;
      if (!role) errors.push(`役割「${line.role}」が分かりません（職員・事務局・管理者のどれかを書いてください）。`);
    }

    const retiring = retirementKeys.has(nameKey(line.kind)) || retirementKeys.has(nameKey(line.department));
    let departmentId: string | null = null;
    if (!retiring) {
      if (!line.department) errors.push("所属がありません。");
      else {
        const exact = deptByCode.get(line.department) ?? deptByKey.get(nameKey(line.department));
        const former = exact ? undefined : deptByAlias.get(nameKey(line.department));
        const found = exact ?? former;
        if (found) departmentId = found.id;
        if (former) notes.push(`「${line.department}」は組織改正前の名前です。今の「${former.name}」として扱います。`);
        if (!found) {
          const close = closeNames(line.department, state.departments);
          errors.push(`所属「${line.department}」が見つかりません。${close.length ? `近い名前: ${close.map((n) => `「${n}」`).join("")}。` : ""}課はこの取り込みでは作りません。先に組織の管理画面で作ってください。`);
        }
      }
    }

    if (person) {
      result.departmentBefore = deptById.get(person.departmentId)?.name ?? null;
      result.roleBefore = person.role;
      if (!line.displayName) result.displayName = person.displayName;
      if (!email) result.email = person.email;
    }

    if (retiring) {
      if (!person) errors.push("退職とされた職員が見つかりません（職員番号とメールを確かめてください）。");
      else if (person.id === state.viewerId && person.active) errors.push("取り込んでいるあなた自身を退職にはできません。");
      if (!errors.length && person) {
        if (!person.active) result.verdict = "UNCHANGED";
        else {
          result.verdict = "RETIRE";
          result.changes.push("アカウントを停止します（ログイン中の画面も終了します）");
          plan.updates.push({ row: line.row, userId: person.id, before: stateOf(person), after: { ...stateOf(person), active: false }, effectiveDate });
        }
      }
    } else if (!person) {
      if (!line.displayName) errors.push("新しい職員の氏名がありません。");
      if (!line.email) errors.push("新しい職員のメールがありません。");
      if (!errors.length) {
        result.verdict = "NEW";
        result.role = role ?? "STAFF";
        result.department = deptById.get(departmentId!)!.name;
        result.changes.push("アカウントを作ります（パスワードは未設定）");
        plan.creations.push({
          row: line.row,
          email,
          displayName: line.displayName,
          employeeNumber: line.employeeNumber || null,
          role: role ?? "STAFF",
          departmentId: departmentId!,
          effectiveDate,
        });
      }
    } else {
      const after: PersonState = {
        ...stateOf(person),
        email: email || person.email,
        displayName: line.displayName || person.displayName,
        employeeNumber: line.employeeNumber || person.employeeNumber,
        role: role ?? person.role,
        departmentId: departmentId ?? person.departmentId,
        active: true,
      };
      if (person.id === state.viewerId && after.role !== "ADMIN") errors.push("取り込んでいるあなた自身の役割は管理者から変えられません（ほかの管理者に頼んでください）。");
      result.role = after.role;
      result.department = departmentId ? deptById.get(departmentId)!.name : null;
      if (!errors.length) {
        const changes = result.changes;
        if (after.departmentId !== person.departmentId) changes.push(`所属: ${result.departmentBefore ?? "（不明）"} → ${result.department}`);
        if (after.role !== person.role) changes.push(`役割: ${PERSONNEL_ROLE_LABELS[person.role]} → ${PERSONNEL_ROLE_LABELS[after.role]}`);
        if (after.displayName !== person.displayName) changes.push(`氏名: ${person.displayName} → ${after.displayName}`);
        if (after.email !== person.email) changes.push(`メール: ${person.email} → ${after.email}`);
        if (after.employeeNumber !== person.employeeNumber) changes.push(`職員番号: ${person.employeeNumber ?? "（なし）"} → ${after.employeeNumber}`);
        if (!person.active) changes.push("停止中のアカウントを再開します");
        result.verdict = changes.length ? "TRANSFER" : "UNCHANGED";
        if (changes.length) plan.updates.push({ row: line.row, userId: person.id, before: stateOf(person), after, effectiveDate });
      }
    }
    if (errors.length) {
      result.verdict = "ERROR";
      result.changes = [];
      result.notes = [];
    }
    plan.counts[result.verdict] += 1;
    plan.rows.push(result);
  }
  return plan;
}

export function emptyCounts(): PersonnelCounts {
  return Object.fromEntries(PERSONNEL_VERDICTS.map((v) => [v, 0])) as PersonnelCounts;
}

/**
 * The digest the dry run hands out and the apply call must send back: the file's bytes and every
 * fact the verdicts were judged from (the organisation's people and 課, the foreign addresses met).
 * Any change to them in between gives another digest, and the apply call refuses.
 */
export function planDigest(fileBytes: Buffer, state: PlanState): string {
  const h = createHash("sha256");
  h.update(createHash("sha256").update(fileBytes).digest("hex"));
  const people = [...state.people].sort((a, b) => a.id.localeCompare(b.id));
  h.update(JSON.stringify(people.map((p) => [p.id, p.email, p.displayName, p.employeeNumber, p.role, p.departmentId, p.active])));
  const departments = [...state.departments].sort((a, b) => a.id.localeCompare(b.id));
  // Former names too: a line naming an old 課 is read as its successor (組織改正).
  h.update(JSON.stringify(departments.map((d) => [d.id, d.nameKey, d.code, [...(d.aliasKeys ?? [])].sort()])));
  h.update(JSON.stringify([...state.foreignEmails].sort()));
  h.update(state.viewerId);
  return h.digest("hex");
}

function stateOf(p: Person): PersonState {
  return { email: p.email, displayName: p.displayName, employeeNumber: p.employeeNumber, role: p.role, departmentId: p.departmentId, active: p.active };
}

/** The login key of an address: NFKC, trimmed, lower case (as accounts store it). */
export function emailKey(text: string): string {
  return text.normalize("NFKC").trim().toLowerCase();
}

/** YYYY-MM-DD from 2027-04-01, 2027/4/1, 2027.4.1 or 2027年4月1日; null when it is not a real date. */
export function isoDateOf(text: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return date.toISOString().slice(0, 10);
}

/** Up to three 課 names close to `name` (one contains the other, or a few characters apart). */
export function closeNames(name: string, departments: readonly Post[]): string[] {
  const key = nameKey(name);
  const limit = Math.max(1, Math.floor(key.length / 3));
  return departments
    .map((d) => ({ name: d.name, distance: d.nameKey.includes(key) || key.includes(d.nameKey) ? 0.5 : editDistance(key, d.nameKey, limit) }))
    .filter((d) => d.distance <= limit)
    .sort((a, b) => a.distance - b.distance || a.name.localeCompare(b.name, "ja"))
    .slice(0, 3)
    .map((d) => d.name);
}

/** Levenshtein distance, giving up (limit + 1) once it must exceed `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]!);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
