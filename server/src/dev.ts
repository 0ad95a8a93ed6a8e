/**
 * `npm run dev`: the API server (embedded services and all, as `npm start`) plus Vite's dev
 * server with HMR, whose proxy sends /graphql to the API. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { loadConfigOrExit } from "./config/index.js";

const config = loadConfigOrExit();
const apiPort = config.port || 4000;
const children: ChildProcess[] = [];

function run(command: string, args: string[], env: Record<string, string>): ChildProcess {
  // The children read their own configuration: pass the environment through unchanged.
  // eslint-disable-next-line no-restricted-properties
  const child = spawn(command, args, { cwd: config.repoRoot, stdio: "inherit", env: { ...process.env, ...env } });
  child.once("exit", (code) => {
    // One half without the other is not a dev environment: stop everything.
    process.exitCode = code ?? 1;
    for (const other of children) if (other !== child && other.exitCode === null) other.kill("SIGTERM");
  });
  children.push(child);
  return child;
}

run(process.execPath, [path.join(config.repoRoot, "server/dist/main.js")], { PORT: String(apiPort) });
run(process.execPath, [path.join(config.repoRoot, "node_modules/vite/bin/vite.js"), "client", "--host", "127.0.0.1"], {
  KB_API_URL: `http://127.0.0.1:${apiPort}`,
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    for (const child of children) if (child.exitCode === null) child.kill(signal);
  });
}
