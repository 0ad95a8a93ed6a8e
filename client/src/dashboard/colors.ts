import type { CaseKind } from "@kb/shared";

/** Colours of the Digital Agency palette, distinguishable side by side; kinds as on their badges. */
export const KIND_COLOR: Record<CaseKind, string> = {
  KINTONE_APP: "#0031d8",
  WORKSHOP: "#197a4b",
  TALENT_LESSON: "#6f23d0",
  PRACTICE: "#767676",
};
export const BLUE = "#0031d8";
export const GREEN = "#197a4b";
export const ORANGE = "#c74700";
