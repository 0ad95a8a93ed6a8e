import { CASE_STATUS_LABELS, type CaseStatus } from "@kb/shared/plain";

const TONE: Record<CaseStatus, string> = {
  DRAFT: "border-solid-gray-700 bg-solid-gray-50 text-solid-gray-900",
  SUBMITTED: "border-orange-900 bg-orange-50 text-orange-1100",
  PUBLISHED: "border-green-900 bg-green-50 text-green-1100",
  CHANGES_REQUESTED: "border-red-900 bg-red-50 text-red-1000",
  REJECTED: "border-solid-gray-800 bg-solid-gray-100 text-solid-gray-900",
  ARCHIVED: "border-solid-gray-536 bg-white text-solid-gray-700",
};

/** 下書き / 審査待ち / 公開中 / 差し戻し / 不採用 / アーカイブ, as text (colour only repeats it). */
export function StatusBadge({ status }: { status: CaseStatus }) {
  return (
    <span className={`inline-block rounded-4 border px-2 py-0.5 text-dns-14B-130 ${TONE[status] ?? TONE.DRAFT}`}>
      {CASE_STATUS_LABELS[status] ?? status}
    </span>
  );
}
