import readline from "node:readline/promises";

/**
 * Reads a secret (password, API token) without echoing it on a terminal, or one line from a pipe,
 * so scripts can pass it on standard input and nothing puts it on a command line.
 */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    if (input.readableEnded) return "";
    const rl = readline.createInterface({ input });
    for await (const line of rl) {
      rl.close();
      return line;
    }
    return "";
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  let secret = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") {
          input.setRawMode(false);
          input.pause();
          input.off("data", onData);
          process.stderr.write("\n");
          resolve(secret);
          return;
        }
        if (ch === "\u0003") {
          input.setRawMode(false);
          input.off("data", onData);
          reject(new Error("中断しました"));
          return;
        }
        if (ch === "\u007f") secret = secret.slice(0, -1);
        else secret += ch;
      }
    };
    input.on("data", onData);
  });
}

/** Asks a yes/no question on a terminal; anything but y/yes/はい is no. */
export async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = (await rl.question(`${question} [y/N] `)).trim().toLowerCase();
    return answer === "y" || answer === "yes" || answer === "はい";
  } finally {
    rl.close();
  }
}
