import { CASE_SHARING_LABELS, type CaseSharing } from "@kb/shared";

/** 公開範囲 (issue 16): who may read a published case — its own 自治体, or every 自治体 on the installation. */
export const jaSharing = {
  label: "公開範囲",
  labels: CASE_SHARING_LABELS,
  hints: {
    ORGANISATION: "この自治体の職員だけが読めます。",
    COMMONS: (publicReading: boolean) =>
      publicReading
        ? "ほかの自治体の職員も読めます。この自治体はログインなしの閲覧を許可しているため、一般の方も読めます。"
        : "ほかの自治体の職員も読めます（ログインが必要です）。",
  } satisfies Record<CaseSharing, unknown>,
  panel: {
    heading: "公開範囲",
    current: (label: string) => `現在の公開範囲: ${label}`,
    share: "自治体間で共有する",
    withdraw: "共有をやめて庁内限定にする",
    confirmShare: "ほかの自治体の職員もこの好事例を検索し、読めるようになります。共有しますか？",
    confirmWithdraw: "共有をやめると、ほかの自治体の職員はこの好事例を検索でも読めなくなります。庁内限定にしますか？",
    working: "公開範囲を変更しています…",
    done: { COMMONS: "自治体間で共有しました。", ORGANISATION: "庁内限定にしました。ほかの自治体の検索結果からも外れます。" } satisfies Record<CaseSharing, string>,
    failed: "公開範囲を変更できませんでした。時間をおいて、もう一度お試しください。",
  },
};
