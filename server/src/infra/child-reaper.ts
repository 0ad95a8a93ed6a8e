import { spawn, type ChildProcess } from "node:child_process";

/**
 * Stops the embedded PostgreSQL and Meilisearch when this process dies in a way that skips every
 * handler (SIGKILL, the OOM killer). Linux has no "kill my children when I die" for Node, so a tiny
 * shell keeps reading our end of a pipe: when the pipe closes — however we ended — it signals the
 * pids it was last told about, waits up to 10 s, then SIGKILLs what is left. It ignores terminal and
 * supervisor signals (its own process group) so that only our death sets it off.
 *
 * Each line we write replaces the whole list: `INT:1234 TERM:5678` (the signal that stops each one
 * cleanly: PostgreSQL's fast shutdown is SIGINT). After an orderly stop we send an empty list first.
 */
const SCRIPT = `
trap '' INT TERM HUP
list=""
while IFS= read -r line; do list="$line"; done
[ -z "$list" ] && exit 0
for entry in $list; do kill -s "\${entry%%:*}" "\${entry#*:}" 2>/dev/null; done
i=0
while [ $i -lt 100 ]; do
  alive=""
  for entry in $list; do kill -0 "\${entry#*:}" 2>/dev/null && alive=1; done
  [ -z "$alive" ] && exit 0
  sleep 0.1
  i=$((i + 1))
done
for entry in $list; do kill -s KILL "\${entry#*:}" 2>/dev/null; done
`;

export interface ChildReaper {
  /** The children to stop if we die, with the signal that stops each cleanly. */
  watch(children: { pid: number; signal: "INT" | "TERM" }[]): void;
  /** After an orderly stop: forget the children and let the reaper exit. */
  close(): void;
  /** The reaper's own pid (tests check it goes away). */
  pid: number | undefined;
}

export function startChildReaper(): ChildReaper {
  const child: ChildProcess = spawn("/bin/sh", ["-c", SCRIPT], { stdio: ["pipe", "ignore", "ignore"], detached: true });
  // Neither the reaper nor its pipe may keep this process alive.
  child.unref();
  (child.stdin as unknown as { _handle?: { unref?(): void } })._handle?.unref?.();
  child.stdin!.on("error", () => {}); // the reaper died first (someone killed it): nothing to do
  let closed = false;
  return {
    pid: child.pid,
    watch(children) {
      if (closed) return;
      child.stdin!.write(`${children.map((c) => `${c.signal}:${c.pid}`).join(" ")}\n`);
    },
    close() {
      if (closed) return;
      closed = true;
      child.stdin!.end("\n");
    },
  };
}
