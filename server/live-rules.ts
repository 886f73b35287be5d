// Live diagnosis: every few seconds the rules read what arrived since the last tick and re-evaluate. Findings
// are kept with when they were first and last seen (a finding that stops firing stays listed, inactive, for a
// while), stored in the findings table, and pushed to listeners.
import type { Finding } from '../common/findings.ts';
import type { StoreClient } from '../store/index.ts';
import { StoreRulesRunner, type RulesRunnerOptions } from './rules-runner.ts';

export interface TrackedFinding extends Finding {
  /** Seen in the latest evaluation. */
  active: boolean;
  firstSeenUnixNano: string;
  lastSeenUnixNano: string;
}

export interface FindingsSnapshot {
  findings: TrackedFinding[];
  /** When the rules last ran; null before the first run. */
  evaluatedAtUnixNano: string | null;
}

export interface LiveRules {
  snapshot(): FindingsSnapshot;
  /** Runs one evaluation now (tests, and "re-check" in the console). */
  evaluateNow(): Promise<FindingsSnapshot>;
  stop(): void;
}

/** Most spans the live rules keep in their window (at higher rates they see the newest ones). */
export const LIVE_MAX_SPANS = 10_000;
/** Most rows read per tick: one message of this size is cheap to receive on the receivers' thread. */
export const LIVE_PAGE_ROWS = 2_500;

/** Inactive findings are dropped from the list after this long. */
const KEEP_INACTIVE_NANOS = 15n * 60n * 1_000_000_000n;

export function startLiveRules(
  store: StoreClient,
  options: RulesRunnerOptions & { intervalMs: number; onChange?: (snapshot: FindingsSnapshot) => void; onError?: (error: Error) => void; now?: () => bigint },
): LiveRules {
  // Live evaluation shares the receivers' thread: bounded reads and windows, and it yields between rules.
  const runner = new StoreRulesRunner(store, { live: { maxSpans: LIVE_MAX_SPANS }, pageSize: LIVE_PAGE_ROWS, ...options });
  const tracked = new Map<string, TrackedFinding>();
  const now = options.now ?? (() => BigInt(Date.now()) * 1_000_000n);
  let evaluatedAt: bigint | null = null;
  let running: Promise<FindingsSnapshot> | null = null;

  const snapshot = (): FindingsSnapshot => ({
    findings: [...tracked.values()].sort((a, b) => Number(b.active) - Number(a.active)),
    evaluatedAtUnixNano: evaluatedAt === null ? null : evaluatedAt.toString(),
  });

  const evaluate = async (): Promise<FindingsSnapshot> => {
    const at = now();
    const found = await runner.evaluate(at);
    const seen = new Set<string>();
    for (const finding of found) {
      seen.add(finding.id);
      const known = tracked.get(finding.id);
      tracked.set(finding.id, { ...finding, active: true, firstSeenUnixNano: known?.firstSeenUnixNano ?? at.toString(), lastSeenUnixNano: at.toString() });
    }
    for (const [id, finding] of tracked) {
      if (seen.has(id)) continue;
      if (at - BigInt(finding.lastSeenUnixNano) > KEEP_INACTIVE_NANOS) tracked.delete(id);
      else finding.active = false;
    }
    evaluatedAt = at;
    if (found.length > 0) {
      await store.query(
        'upsertFindings',
        found.map((f) => ({
          id: f.id, kind: f.kind, ruleId: f.ruleId, severity: f.severity, score: f.score, title: f.title, summary: f.summary,
          firstSeenUnixNano: BigInt(tracked.get(f.id)!.firstSeenUnixNano), lastSeenUnixNano: at, payload: f,
        })),
      );
    }
    const result = snapshot();
    options.onChange?.(result);
    return result;
  };

  const evaluateNow = (): Promise<FindingsSnapshot> => {
    running ??= evaluate().finally(() => {
      running = null;
    });
    return running;
  };

  const timer = setInterval(() => {
    evaluateNow().catch((error: unknown) => options.onError?.(error instanceof Error ? error : new Error(String(error))));
  }, options.intervalMs);
  timer.unref();
  return { snapshot, evaluateNow, stop: () => clearInterval(timer) };
}
