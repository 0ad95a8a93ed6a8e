import { CASE_KIND_LABELS, type CaseKind } from "@kb/shared/plain";

const TONE: Record<CaseKind, string> = {
  KINTONE_APP: "border-blue-900 bg-blue-50 text-blue-1000",
  WORKSHOP: "border-green-900 bg-green-50 text-green-1000",
  TALENT_LESSON: "border-purple-900 bg-purple-50 text-purple-1000",
  PRACTICE: "border-solid-gray-700 bg-solid-gray-50 text-solid-gray-900",
};

export function KindBadge({ kind }: { kind: CaseKind }) {
  return (
    <span className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 ${TONE[kind]}`}>
      {CASE_KIND_LABELS[kind] ?? kind}
    </span>
  );
}
