import type { Logger } from "../logger.js";
import { sleep, type ChildExit } from "./process-utils.js";

/** What every embedded service start returns. */
export interface RunningChild {
  url: string;
  pid: number;
  exited: Promise<ChildExit>;
  stop(): Promise<void>;
}

export type ChildState = "running" | "restarting" | "failed" | "stopped";

export interface SupervisorOptions {
  /** Wait before the first restart; doubles per failure in the window, up to maxBackoffMs. */
  baseBackoffMs: number;
  maxBackoffMs: number;
  /** Give up after this many crashes or failed starts within windowMs of each other. */
  maxFailures: number;
  windowMs: number;
}

/**
 * 0.5 s, 1, 2, 4, 8 s: about 15 s of trying (plus each start's own time) before the server gives up
 * and exits, so that a process manager, or a person, can take over. A child that ran for more than
 * 10 minutes since its last failure starts the count afresh.
 */
export const DEFAULT_SUPERVISOR_OPTIONS: SupervisorOptions = { baseBackoffMs: 500, maxBackoffMs: 8000, maxFailures: 5, windowMs: 600_000 };

/**
 * Keeps one embedded service running: when it exits without being asked to, it is started again
 * (same data, same port, so the URL the ORM and the search worker hold stays right) after a growing
 * pause. Meanwhile the server keeps serving: what needs the service answers a coded "unavailable"
 * and /healthz says which part is down. Only repeated failures settle `failed`, which makes the
 * server exit.
 */
export class Supervisor<T extends RunningChild> {
  state: ChildState = "running";
  restarts = 0;
  /** Settles with a message once restarting has been given up. */
  readonly failed: Promise<string>;
  private giveUp!: (reason: string) => void;
  private failures: number[] = [];
  private stopping = false;
  private restarting: Promise<void> | undefined;

  constructor(
    readonly name: string,
    private current: T,
    private readonly start: () => Promise<T>,
    private readonly log: Logger,
    private readonly onStarted: (child: T) => void = () => {},
    private readonly options: SupervisorOptions = DEFAULT_SUPERVISOR_OPTIONS,
  ) {
    this.failed = new Promise((resolve) => (this.giveUp = resolve));
    this.watch(current);
  }

  get child(): T {
    return this.current;
  }

  private watch(child: T): void {
    void child.exited.then(({ code, signal }) => {
      if (this.stopping || child !== this.current) return;
      this.log.error({ code, signal, pid: child.pid }, `embedded ${this.name} exited unexpectedly; restarting it`);
      this.restarting = this.restart(`code ${code}, signal ${signal}`);
    });
  }

  private async restart(cause: string): Promise<void> {
    this.state = "restarting";
    const since = Date.now();
    for (;;) {
      const now = Date.now();
      this.failures = [...this.failures.filter((at) => now - at < this.options.windowMs), now];
      if (this.failures.length > this.options.maxFailures) {
        this.state = "failed";
        this.giveUp(`embedded ${this.name} exited unexpectedly (${cause}) and could not be kept running: ${this.failures.length} failures within ${Math.round(this.options.windowMs / 60_000)} minutes`);
        return;
      }
      const backoff = Math.min(this.options.baseBackoffMs * 2 ** (this.failures.length - 1), this.options.maxBackoffMs);
      await sleep(backoff);
      if (this.stopping) return;
      try {
        const child = await this.start();
        if (this.stopping) {
          await child.stop();
          return;
        }
        this.current = child;
        this.restarts++;
        this.state = "running";
        this.onStarted(child);
        this.log.warn({ pid: child.pid, restarts: this.restarts, downMs: Date.now() - since }, `embedded ${this.name} is running again`);
        this.watch(child);
        return;
      } catch (error) {
        cause = error instanceof Error ? error.message : String(error);
        this.log.error({ err: error }, `embedded ${this.name} did not start again; trying once more`);
      }
    }
  }

  /** No more restarts from now on (called first thing when the server shuts down). */
  quiesce(): void {
    this.stopping = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.restarting;
    if (this.state !== "failed") await this.current.stop();
    this.state = "stopped";
  }
}
