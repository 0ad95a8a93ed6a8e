import { loadConfigOrExit } from "./config/index.js";
import { startApp } from "./app.js";
import { createLogger } from "./logger.js";
import { formatDemoAccounts } from "./users/index.js";

const config = loadConfigOrExit();
const logger = createLogger(config.logLevel, { format: config.logFormat });

let shutdownStartedAt = 0;
async function shutdown(app: Awaited<ReturnType<typeof startApp>> | undefined, code: number): Promise<void> {
  if (shutdownStartedAt) {
    // npm forwards Ctrl-C to us while the terminal sends it too: ignore the echo, honour a real second press.
    if (Date.now() - shutdownStartedAt > 2000) process.exit(code || 130);
    return;
  }
  shutdownStartedAt = Date.now();
  const force = setTimeout(() => process.exit(code || 1), 30_000);
  force.unref();
  try {
    await app?.stop();
  } catch (error) {
    logger.error({ err: error }, "error while stopping");
    code = code || 1;
  }
  process.exit(code);
}

let app: Awaited<ReturnType<typeof startApp>> | undefined;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    logger.info({ signal }, "stopping");
    // A terminal's Ctrl-C reaches PostgreSQL as well: its exit now is a stop, not a crash to restart.
    app?.backend.services.quiesce();
    void shutdown(app, 0);
  });
}

// Under `npm start` (→ `npm run serve`), npm is our parent (the scripts `exec`, so no shell sits in
// between to swallow signals) and forwards SIGINT/SIGTERM. Should npm itself die without forwarding
// (SIGKILL), we would be left running with nobody to stop us: being re-parented means it is gone. Not when started some other way (a
// service manager, `nohup`), where outliving the launching shell is the point.
if (config.npmScript === "serve") {
  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(watch);
      logger.warn({ parent }, "npm, which started this server, is gone; stopping");
      app?.backend.services.quiesce();
      void shutdown(app, 0);
    }
  }, 1000).unref();
}

try {
  app = await startApp(config, logger);
} catch (error) {
  logger.fatal({ err: error }, "could not start");
  process.stderr.write(`\n起動できませんでした / could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}

// The embedded services restart by themselves; this settles only after repeated failures.
void app.backend.services.crashed.then((reason) => {
  logger.fatal(reason);
  process.stderr.write(`\n${reason}; stopping.\n`);
  void shutdown(app, 1);
});

const demo = app.demoAccounts.length ? `\n${formatDemoAccounts(app.demoAccounts)}` : "";
process.stdout.write(
  `\n  好事例ナレッジベース is running: ${app.url}\n  GraphQL: ${app.url}graphql   Health: ${app.url}healthz\n${demo}\n  Ctrl-C to stop.\n\n`,
);
