import { ja, type Messages } from "./ja";

/** The active locale's messages. Japanese is the only locale for now (DESIGN §2: English later). */
export const messages: Messages = ja;
export type { Messages };
