/**
 * Writes the example files in seeds/import-examples/ (committed; run again only to change them):
 *   node test/support/build-import-examples.ts
 * - kintone-export.csv: a kintone 業務改善事例 app exported with 「ファイルに書き出す」 as kintone
 *   writes it on a Japanese PC: Shift_JIS, CRLF, every value quoted, multi-value fields one value
 *   per line, the 効果 table as repeated rows marked by 「レコードの開始行」.
 * - case-list.xlsx: the secretariat's Excel list of cases, 年度 written in several ways.
 * The texts are illustrative cases in the spirit of the source documents, in our own words.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import { writeXlsx, type XlsxCell } from "./xlsx.ts";

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../seeds/import-examples");

// ── kintone CSV export ───────────────────────────────────────────────────────────────────────

const KINTONE_HEADER = [
  "レコードの開始行", "レコード番号", "事例名", "種別", "所属課", "所属部局", "年度", "概要", "背景・課題", "取組内容",
  "成果", "工夫・苦労した点", "タグ", "アプリの目的", "主なフィールド", "LGWANで利用", "効果の項目", "導入前", "導入後",
  "単位", "ステータス", "作成者", "作成日時", "更新者", "更新日時",
];

type KintoneRecord = { fields: Record<string, string>; effects: [string, string, string, string][] };

const KINTONE_RECORDS: KintoneRecord[] = [
  {
    fields: {
      レコード番号: "101",
      事例名: "道路占用許可 申請進捗共有アプリ",
      種別: "kintoneアプリ",
      所属課: "道路管理課",
      所属部局: "都市整備部",
      年度: "令和6年度",
      概要: "道路占用許可の申請ごとの審査状況をkintoneで共有し、事業者からの進捗の問い合わせに窓口の誰でも答えられるようにした。",
      "背景・課題": "審査の進み具合が担当者の手元の台帳にしかなく、問い合わせのたびに担当者を探して確認していた。",
      取組内容: "申請の受付から許可書の交付までをプロセス管理の4段階で表し、一覧画面で誰が何を持っているかを見えるようにした。\n事業者には受付番号で状況を電話案内している。",
      成果: "進捗の問い合わせにその場で答えられるようになり、担当者への取り次ぎがほぼなくなった。",
      "工夫・苦労した点": "審査の段階名は、事業者に説明するときの言葉にそろえた。",
      タグ: "kintone\n進捗管理\n窓口DX",
      アプリの目的: "道路占用許可の審査状況を課内で共有し、問い合わせ対応を担当者に頼らず行う。",
      主なフィールド: "受付番号\n申請者（事業者名）\n占用場所\n審査段階\n担当者",
      LGWANで利用: "はい",
      ステータス: "完了",
      作成者: "道路 太郎",
      作成日時: "2024-06-03 09:12",
      更新者: "道路 太郎",
      更新日時: "2025-01-20 17:40",
    },
    effects: [
      ["進捗の問い合わせの取り次ぎ", "20", "3", "件/週"],
      ["許可までの日数", "14", "10", "日"],
    ],
  },
  {
    fields: {
      レコード番号: "102",
      事例名: "ふるさと納税 返礼品事業者との連絡帳アプリ",
      種別: "kintoneアプリ",
      所属課: "シティプロモーション課",
      所属部局: "市長公室",
      年度: "R5",
      概要: "返礼品を出す事業者とのやり取りをメールと電話からkintoneの連絡帳に移し、在庫切れや発送遅れの連絡を課内の全員が追えるようにした。",
      "背景・課題": "事業者ごとの連絡がそれぞれの職員のメールに散らばり、担当の異動や休みのたびに経緯が分からなくなっていた。",
      取組内容: "事業者ごとにレコードを作り、連絡の履歴をコメント欄に残す運用にした。ゲストスペースで事業者にも書き込んでもらう。",
      成果: "繁忙期の12月でも、発送遅れの問い合わせへの回答が当日中にできるようになった。",
      "工夫・苦労した点": "事業者向けに1枚ものの操作説明を作り、最初の1か月は電話で書き込み方を案内した。",
      タグ: "kintone\nふるさと納税\n情報共有",
      アプリの目的: "返礼品事業者との連絡の経緯を課内で共有する。",
      主なフィールド: "事業者名\n返礼品\n在庫状況\n連絡内容",
      LGWANで利用: "いいえ",
      ステータス: "完了",
      作成者: "納税 花子",
      作成日時: "2023-09-01 10:00",
      更新者: "納税 花子",
      更新日時: "2024-02-15 12:30",
    },
    effects: [["発送遅れの問い合わせへの回答日数", "3", "1", "日"]],
  },
  {
    fields: {
      レコード番号: "103",
      事例名: "会計年度任用職員の勤怠届 電子化",
      種別: "その他の業務改善",
      所属課: "人事課",
      所属部局: "総務部",
      年度: "2024",
      概要: "紙で回していた会計年度任用職員の休暇・勤怠届を電子申請に切り替え、押印と回付の手間をなくした。",
      "背景・課題": "届の回付に数日かかり、月末の集計では紙の届を一枚ずつ手で転記していた。",
      取組内容: "届出の様式を整理して電子申請のフォームにし、所属長の承認を画面上で行うようにした。",
      成果: "月末の集計作業が半日から1時間ほどに減った。",
      "工夫・苦労した点": "",
      タグ: "ペーパーレス\n電子申請",
      アプリの目的: "",
      主なフィールド: "",
      LGWANで利用: "",
      ステータス: "完了",
      作成者: "人事 次郎",
      作成日時: "2024-10-10 15:00",
      更新者: "人事 次郎",
      更新日時: "2024-12-01 09:00",
    },
    effects: [["月末の集計作業", "4", "1", "時間"]],
  },
];

const EFFECT_COLUMNS = ["効果の項目", "導入前", "導入後", "単位"];

export function kintoneExportRows(): string[][] {
  const rows: string[][] = [KINTONE_HEADER];
  for (const record of KINTONE_RECORDS) {
    record.effects.forEach((effect, i) => {
      rows.push(
        KINTONE_HEADER.map((h) => {
          if (h === "レコードの開始行") return i === 0 ? "*" : "";
          const e = EFFECT_COLUMNS.indexOf(h);
          if (e >= 0) return effect[e]!;
          // kintone repeats nothing on a table's later rows: only the table's columns are filled.
          return i === 0 ? (record.fields[h] ?? "") : "";
        }),
      );
    });
  }
  return rows;
}

export function toKintoneCsv(rows: string[][]): string {
  return rows.map((r) => r.map((v) => `"${v.replace(/"/g, '""')}"`).join(",")).join("\r\n") + "\r\n";
}

// ── The secretariat's Excel list ─────────────────────────────────────────────────────────────

const LIST_HEADER = [
  "No.", "年度", "部局", "所属", "種別", "件名", "概要", "取組内容", "成果", "工夫・苦労した点", "タグ", "効果の項目",
  "導入前", "導入後", "単位", "実施日", "参加者数",
];

export const CASE_LIST_ROWS: XlsxCell[][] = [
  LIST_HEADER,
  [
    1, "R6", "総務部", "総務課", "その他の業務改善", "会議録の作成に音声文字起こしを導入",
    "庁内会議の議事録づくりに音声の文字起こしツールを使い、担当者の作業時間を大きく減らした。",
    "会議を録音してツールで文字にし、担当者は要点の整理と確認だけを行う。", "1時間の会議の議事録作成が約3時間から1時間に減った。",
    "固有名詞の誤変換は用語集を登録して減らした。", "議事録、文字起こし、業務効率化", "議事録の作成時間", 180, 60, "分/回", null, null,
  ],
  [
    2, "令和5年度", "財政局", "納税課", "kintoneアプリ", "滞納整理の折衝記録アプリ",
    "滞納者との折衝記録を紙のファイルからkintoneに移し、担当替えのときの引き継ぎを短くした。",
    "折衝の日時と内容、次回の予定を1画面で記録し、期限が近い案件を一覧で確認できるようにした。", "引き継ぎに必要な時間が1人あたり2日から半日になった。",
    "", "kintone、引き継ぎ", "引き継ぎにかかる時間", 2, 0.5, "日", null, null,
  ],
  [
    3, 2024, "総務部", "業務改革推進課", "研修・ワークショップ", "公用車の貸出管理 Excel卒業ワークショップ",
    "共有のExcelで管理していた公用車の貸出を、参加者自身がkintoneアプリに作り替えるハンズオン研修。",
    "2時間で貸出管理アプリを作り、各課の貸出表をその場で移し替えた。", "参加した課のうち6課が研修後1か月以内にアプリへ切り替えた。",
    "研修の前に各課の貸出表を集めておき、自分の課のデータで手を動かしてもらった。", "研修、kintone、ノーコード", "", null, null, "",
    new Date(Date.UTC(2024, 10, 12)), 18,
  ],
  [
    4, "2023年度", "都市整備部", "道路管理課", "その他の業務改善", "道路照明の点検結果を地図で共有",
    "道路照明の点検結果を庁内GISの地図に載せ、修繕の優先順位を地図を見ながら決められるようにした。",
    "点検票の結果を毎月GISに取り込み、不具合の種類ごとに色分けして表示した。", "修繕の発注先との打合せ資料を作る時間がなくなった。",
    "", "GIS、点検", "", null, null, "", null, null,
  ],
];

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "kintone-export.csv"), iconv.encode(toKintoneCsv(kintoneExportRows()), "cp932"));
  fs.writeFileSync(path.join(dir, "case-list.xlsx"), writeXlsx("好事例一覧", CASE_LIST_ROWS));
  process.stdout.write(`written to ${dir}\n`);
}
