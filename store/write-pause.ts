// Ingest pauses while the store cannot write (disk full, file read-only, I/O errors): after a failed commit, new
// writes are refused at once with STORE_UNAVAILABLE (503 + Retry-After / gRPC UNAVAILABLE), except one probe every
// few seconds. The first probe that commits ends the pause, so ingest resumes by itself when space returns, and a
// full disk is not hammered with transactions that can only fail.
import { ChokepointError } from '../common/error-codes.ts';

export interface WriteProblem {
  /** What went wrong, in words (the store's error message). */
  message: string;
  sinceUnixMs: number;
  /** Writes refused since the pause began, probes that failed included. */
  refused: number;
}

export const WRITE_PROBE_INTERVAL_MS = 2_000;

export class WritePause {
  private problem: WriteProblem | null = null;
  private nextProbeAt = 0;

  constructor(
    private readonly probeIntervalMs = WRITE_PROBE_INTERVAL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  /** The current problem, or null while writes work. */
  get current(): WriteProblem | null {
    return this.problem === null ? null : { ...this.problem };
  }

  /** Throws STORE_UNAVAILABLE while paused; lets one write through as a probe every probeIntervalMs. */
  check(): void {
    const problem = this.problem;
    if (problem === null) return;
    const now = this.now();
    if (now >= this.nextProbeAt) {
      this.nextProbeAt = now + this.probeIntervalMs;
      return;
    }
    problem.refused += 1;
    throw new ChokepointError('STORE_UNAVAILABLE', `Ingest is paused: ${problem.message} Retrying every ${this.probeIntervalMs / 1000} s.`);
  }

  /** A write failed: a store failure (not bad input) starts or continues the pause. */
  failed(error: ChokepointError): void {
    if (error.code !== 'STORE_UNAVAILABLE') return;
    const now = this.now();
    if (this.problem === null) this.problem = { message: error.message, sinceUnixMs: now, refused: 1 };
    else {
      this.problem.message = error.message;
      this.problem.refused += 1;
    }
    this.nextProbeAt = now + this.probeIntervalMs;
  }

  /** A write committed: the pause is over. */
  succeeded(): void {
    this.problem = null;
  }
}
