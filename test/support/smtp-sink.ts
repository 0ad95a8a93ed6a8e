/**
 * A real SMTP server for the e-mail tests, run as its own process (`node test/support/smtp-sink.ts
 * <file>`): nodemailer's `smtp-server` accepts every message on a free port on 127.0.0.1 (no TLS, no
 * auth), `mailparser` decodes it, and each arrives as one JSON line in <file> — {to, from, subject,
 * text}. Prints "smtp sink listening on <port>" once ready. Nothing of the mail path is mocked.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

const file = process.argv[2];
if (!file) throw new Error("usage: smtp-sink.ts <file>");
writeFileSync(file, "");

const server = new SMTPServer({
  secure: false,
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const to = session.envelope.rcptTo.map((r) => r.address);
        appendFileSync(file, `${JSON.stringify({ to, from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, subject: mail.subject ?? "", text: mail.text ?? "" })}\n`);
        callback();
      })
      .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
  },
});

server.listen(0, "127.0.0.1", () => {
  const address = server.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`smtp sink listening on ${port}\n`);
});

for (const signal of ["SIGTERM", "SIGINT"] as const) process.on(signal, () => server.close(() => process.exit(0)));
