/**
 * The national-scale data set of `npm run bench` (issue 17): generated organisations in roughly the
 * proportions of Japan's 地方公共団体, cases spread over them by size, with realistic 公開範囲; and
 * the measuring tools that go with it (the engine's own indexing limit, the memory of each process).
 */
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import type { MikroORM } from "@mikro-orm/postgresql";
import { localGovernmentCheckDigit, PREFECTURES, type InterchangeCaseInput, type OrganisationKind } from "@kb/shared";
import { createOrganisation } from "../../server/dist/organisations/index.js";
import { CaseSearchIndex } from "../../server/dist/search/case-search-index.js";
import { publishedDocumentBatches } from "../../server/dist/search/search-documents.loader.js";
import { generateCase, mulberry32 } from "../support/case-generator.ts";

export interface GeneratedOrganisation {
  name: string;
  kana: string;
  prefecture: (typeof PREFECTURES)[number];
  kind: OrganisationKind;
  code: string;
  population: number;
  populationAsOf: string;
  publicReading: boolean;
  /** Cases this organisation gets in the data set. */
  cases: number;
}

/**
 * Japan has 47 都道府県 and 1,741 市区町村 (+23 特別区): 20 政令市, 62 中核市, ~690 other 市, 743 町,
 * 183 村. Shares of 1,700 in those proportions, with each kind's population range (log-uniform
 * inside it, so most 一般市 are small and a few large: the skew of the real list).
 */
const KINDS: { kind: OrganisationKind; share: number; min: number; max: number; suffix: string; kana: string }[] = [
  { kind: "PREFECTURE", share: 47 / 1788, min: 550_000, max: 14_000_000, suffix: "県", kana: "けん" },
  { kind: "DESIGNATED_CITY", share: 20 / 1788, min: 700_000, max: 3_700_000, suffix: "市", kana: "し" },
  { kind: "CORE_CITY", share: 62 / 1788, min: 200_000, max: 600_000, suffix: "市", kana: "し" },
  { kind: "SPECIAL_WARD", share: 23 / 1788, min: 60_000, max: 950_000, suffix: "区", kana: "く" },
  { kind: "CITY", share: 690 / 1788, min: 20_000, max: 450_000, suffix: "市", kana: "し" },
  { kind: "TOWN", share: 743 / 1788, min: 3_000, max: 50_000, suffix: "町", kana: "ちょう" },
  { kind: "VILLAGE", share: 183 / 1788, min: 300, max: 12_000, suffix: "村", kana: "むら" },
];

/** Population weight of each 都道府県 (roughly its share of the national population, in per mille). */
const PREFECTURE_WEIGHTS = [
  41, 10, 10, 18, 8, 8, 15, 23, 16, 16, 59, 50, 112, 73, 18, 8, 9, 6, 7, 16, 16, 29, 60, 14, 11, 21, 70, 43, 11, 7,
  4, 5, 15, 22, 11, 6, 8, 11, 6, 41, 7, 10, 14, 9, 9, 13, 12,
];

/**
 * `count` organisations (at least 7: one of each kind) and `cases` cases spread over them by
 * population^0.8 (a 政令市 files hundreds of times what a 村 does). Codes are valid (check digit,
 * 都道府県 prefix) but clearly generated: municipal part 800–999, names 生成〇〇市0123.
 */
export function generateOrganisations(count: number, cases: number, seed = 1700): GeneratedOrganisation[] {
  const random = mulberry32(seed);
  const n = Math.max(KINDS.length, count);
  // Every 都道府県 once from 470 organisations up; fewer (a small smoke run) in proportion.
  const perKind = KINDS.map((k) => (k.kind === "PREFECTURE" ? Math.max(1, Math.min(PREFECTURES.length, Math.round(n / 36))) : Math.max(1, Math.round(k.share * n))));
  // Rounding: the 一般市 (the largest kind) absorb the difference.
  perKind[4]! += n - perKind.reduce((a, b) => a + b, 0);
  const usedPerPrefecture = new Map<number, number>();
  const totalWeight = PREFECTURE_WEIGHTS.reduce((a, b) => a + b, 0);
  const pickPrefecture = (): number => {
    let r = random() * totalWeight;
    for (let p = 0; p < PREFECTURE_WEIGHTS.length; p++) {
      r -= PREFECTURE_WEIGHTS[p]!;
      if (r < 0) return p;
    }
    return PREFECTURE_WEIGHTS.length - 1;
  };
  const organisations: Omit<GeneratedOrganisation, "cases">[] = [];
  KINDS.forEach((k, kindIndex) => {
    for (let i = 0; i < perKind[kindIndex]!; i++) {
      // 都道府県 one each in order; 特別区 all in 東京都; the rest by population weight, up to 200 per prefix.
      let p = k.kind === "PREFECTURE" ? i % PREFECTURES.length : k.kind === "SPECIAL_WARD" ? 12 : pickPrefecture();
      while ((usedPerPrefecture.get(p) ?? 0) >= 200) p = (p + 1) % PREFECTURES.length;
      const serial = usedPerPrefecture.get(p) ?? 0;
      usedPerPrefecture.set(p, serial + 1);
      const firstFive = `${String(p + 1).padStart(2, "0")}${800 + serial}`;
      const code = `${firstFive}${localGovernmentCheckDigit(firstFive)}`;
      const population = Math.round(Math.exp(Math.log(k.min) + random() * (Math.log(k.max) - Math.log(k.min))));
      organisations.push({
        name: `生成${k.suffix}${code}`,
        kana: `せいせい${k.kana}${code}`,
        prefecture: PREFECTURES[p]!,
        kind: k.kind,
        code,
        population,
        populationAsOf: "2020-10-01",
        publicReading: random() < 0.25,
      });
    }
  });
  // Cases by population^0.8, largest remainder, so the total is exact. A 都道府県 files like a large
  // city, not like all its 市町村 together: it weighs as a fifth of its population.
  const weights = organisations.map((o) => (o.kind === "PREFECTURE" ? o.population / 5 : o.population) ** 0.8);
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (w / sum) * cases);
  const counts = exact.map(Math.floor);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0]);
  for (let r = 0, left = cases - counts.reduce((a, b) => a + b, 0); r < left; r++) counts[order[r % order.length]![1]]!++;
  return organisations.map((o, i) => ({ ...o, cases: counts[i]! }));
}

/**
 * Case `index` of the national data set, in organisation `code`: ~60 % 自治体間で共有, ~37 % 庁内限定,
 * ~3 % still drafts (which the index never holds).
 */
export function nationalCase(index: number, code: string): InterchangeCaseInput {
  const base = generateCase(index, 4242);
  const r = mulberry32(index * 7919 + 17)();
  if (r < 0.03) return { ...base, organisation: code, status: "DRAFT" };
  return { ...base, organisation: code, sharing: r < 0.63 ? "COMMONS" : "ORGANISATION" };
}

/** Creates the organisations through the product's own path (validation, audit row), as `kb organisation create` does. */
export async function createOrganisations(orm: MikroORM, organisations: readonly GeneratedOrganisation[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const { cases: _cases, ...input } of organisations) {
    const created = await createOrganisation(orm.em.fork(), input, null);
    ids.set(input.code, created.id);
  }
  return ids;
}

/**
 * The engine's limit: every published case's document, built by the product's own builder
 * (publishedDocumentBatches), written to NDJSON first (not timed), then pushed straight into a fresh
 * index with the product's settings, `chunk` documents per request, all enqueued at once; timed from
 * the first push until Meilisearch has indexed the last. The index is deleted afterwards.
 */
export async function engineLimit(
  orm: MikroORM,
  meiliUrl: string,
  meiliKey: string,
  uid: string,
  chunk = 20_000,
): Promise<{ documents: number; buildSeconds: number; seconds: number; bytes: number }> {
  const file = path.join(os.tmpdir(), `kb-engine-${uid}.ndjson`);
  const index = CaseSearchIndex.connect(meiliUrl, meiliKey, uid, { resultCacheEntries: 0, requestTimeoutMs: 120_000 });
  try {
    const t0 = performance.now();
    const out = fs.createWriteStream(file);
    let documents = 0;
    for await (const batch of publishedDocumentBatches(orm, 2000)) {
      const text = batch.map((d) => JSON.stringify(d)).join("\n");
      if (!out.write(`${text}\n`)) await new Promise<void>((r) => out.once("drain", () => r()));
      documents += batch.length;
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    const buildSeconds = (performance.now() - t0) / 1000;
    await index.ensure();
    const auth = { authorization: `Bearer ${meiliKey}` };
    let bytes = 0;
    const t1 = performance.now();
    let last = -1;
    // Read back line by line: a million documents are more than one string can hold.
    let pending: string[] = [];
    const push = async () => {
      const body = `${pending.join("\n")}\n`;
      pending = [];
      bytes += Buffer.byteLength(body);
      const res = await fetch(`${meiliUrl}/indexes/${uid}/documents?primaryKey=id`, { method: "POST", headers: { ...auth, "content-type": "application/x-ndjson" }, body });
      if (res.status !== 202) throw new Error(`engine push ${res.status}: ${await res.text()}`);
      last = ((await res.json()) as { taskUid: number }).taskUid;
    };
    for await (const line of readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity })) {
      if (!line) continue;
      pending.push(line);
      if (pending.length >= chunk) await push();
    }
    if (pending.length) await push();
    for (;;) {
      const task = (await (await fetch(`${meiliUrl}/tasks/${last}`, { headers: auth })).json()) as { status: string; error?: unknown };
      if (task.status === "succeeded") break;
      if (task.status === "failed" || task.status === "canceled") throw new Error(`engine task ${last}: ${JSON.stringify(task.error)}`);
      if (performance.now() - t1 > 60 * 60_000) throw new Error("engine push not indexed within 60 minutes");
      await new Promise((r) => setTimeout(r, 200));
    }
    const seconds = (performance.now() - t1) / 1000;
    const count = await index.documentCount();
    if (count !== documents) throw new Error(`engine index holds ${count} documents, ${documents} pushed`);
    return { documents, buildSeconds, seconds, bytes };
  } finally {
    await fsp.rm(file, { force: true });
    await index.client.deleteIndex(uid).waitTask({ timeout: 600_000 }).catch(() => {});
  }
}

/** Resident memory in MiB of a process (VmRSS), its peak (VmHWM), and its proportional share (Pss). */
function processMemory(pid: number): { rss: number; peak: number; pss: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN);
    let pss = NaN;
    try {
      pss = kb(fs.readFileSync(`/proc/${pid}/smaps_rollup`, "utf8"), "Pss");
    } catch {
      // smaps_rollup needs a recent kernel; RSS alone then.
    }
    return { rss: kb(status, "VmRSS") / 1024, peak: kb(status, "VmHWM") / 1024, pss: pss / 1024 };
  } catch {
    return undefined;
  }
}

/** A process and its descendants (PostgreSQL: the postmaster and its backends and workers). */
function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    out.push(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  walk(root);
  return out;
}

export interface MemoryFigures {
  rss: number;
  /** Highest sampled RSS (the sum over the group's processes). */
  sampledPeak: number;
  /** VmHWM of the main process (the kernel's own peak), for single-process services. */
  peak?: number;
  /** Proportional set size: shared memory (PostgreSQL's shared buffers) counted once. */
  pss: number;
  processes: number;
}

/**
 * Samples the memory of named process groups every `intervalMs` (a group is a root pid and its
 * descendants): RSS now, the highest sampled sum, and the kernel's peak of the root.
 */
export class MemorySampler {
  private peaks = new Map<string, number>();
  private timer: NodeJS.Timeout;
  private readonly groups: () => Record<string, number | undefined>;

  constructor(groups: () => Record<string, number | undefined>, intervalMs = 2000) {
    this.groups = groups;
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  sample(): Record<string, MemoryFigures> {
    const out: Record<string, MemoryFigures> = {};
    for (const [name, root] of Object.entries(this.groups())) {
      if (!root) continue;
      const pids = processTree(root);
      const each = pids.map(processMemory).filter((m) => m !== undefined);
      if (!each.length) continue;
      const rss = each.reduce((s, m) => s + m.rss, 0);
      const pss = each.reduce((s, m) => s + m.pss, 0);
      const sampledPeak = Math.max(this.peaks.get(name) ?? 0, rss);
      this.peaks.set(name, sampledPeak);
      out[name] = { rss, pss, sampledPeak, peak: processMemory(root)?.peak, processes: each.length };
    }
    return out;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
