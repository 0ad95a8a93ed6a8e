import { readFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { spawnNode, type Spawned } from "./processes.js";

export interface ReceivedMail {
  to: string[];
  from: string | null;
  subject: string;
  text: string;
}

/** A real SMTP server in a child process (test/support/smtp-sink.ts) and what it received. */
export interface SmtpSink {
  port: number;
  /** KB_SMTP_* pointing a server at it. */
  env: Record<string, string>;
  received(): ReceivedMail[];
  /** Waits until a mail matching `match` arrived (polls the sink's file). */
  waitFor(match: (m: ReceivedMail) => boolean, timeoutMs?: number): Promise<ReceivedMail>;
  stop(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const file = path.join(await mkdtemp(path.join(tmpdir(), "kb-smtp-")), "mail.jsonl");
  const child: Spawned = spawnNode("test/support/smtp-sink.ts", [file], {});
  const port = Number((await child.waitForOutput(/smtp sink listening on (\d+)/, 20_000))[1]);
  const received = (): ReceivedMail[] => {
    let text = "";
    try {
      text = readFileSync(file, "utf8");
    } catch {
      return [];
    }
    return text.split("\n").filter(Boolean).map((line) => JSON.parse(line) as ReceivedMail);
  };
  return {
    port,
    env: { KB_SMTP_HOST: "127.0.0.1", KB_SMTP_PORT: String(port), KB_MAIL_FROM: "好事例ナレッジベース <kb@example.lg.jp>" },
    received,
    async waitFor(match, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const found = received().find(match);
        if (found) return found;
        if (Date.now() > until) throw new Error(`no such e-mail arrived; received: ${JSON.stringify(received()).slice(0, 2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async stop() {
      if (child.child.exitCode === null) {
        child.child.kill("SIGTERM");
        await child.exited;
      }
    },
  };
}
