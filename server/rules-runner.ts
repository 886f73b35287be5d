// The three ways the rules are fed: live (reading new rows from the store each tick), a replay into a store
// (batches teed to the store and the window), and analyze (files straight into the window, no store).
import type { Finding } from '../common/findings.ts';
import type { TelemetryBatch } from '../common/telemetry.ts';
import { ALL_RULES, RollingEvidence, runRules, runRulesYielding, type AnyRule } from '../rules/index.ts';
import type { StoreClient, TelemetryCursor } from '../store/index.ts';
import type { IncidentEvaluator, ReplayTarget } from './replay.ts';

export interface RulesRunnerOptions {
  rules?: readonly AnyRule[];
  /** "rule-id.threshold" → value. */
  overrides?: Readonly<Record<string, number>>;
  onRuleError?: (ruleId: string, error: Error) => void;
  /** Rows read per store round trip (default 20 000). */
  pageSize?: number;
  /** How far back the rules see spans (default: RollingEvidence's 2 min). */
  spanWindowNanos?: bigint;
  /** Most spans the window keeps (default: RollingEvidence's 200,000); the oldest go first. */
  maxSpans?: number;
  /**
   * Live mode: read at most one page per tick, the newest rows (skipping a backlog the rules cannot keep up
   * with), keep at most this many spans in the window, and give the event loop back between rules.
   */
  live?: { maxSpans: number };
}

/**
 * The span window of live and replayed evaluation: 60 s holds the baseline a rule compares with when it detects
 * (detection comes within 30 s of an onset) and costs half what two minutes cost on every 5 s tick.
 */
export const LIVE_SPAN_WINDOW_NANOS = 60_000_000_000n;

type LiveRunnerOptions = RulesRunnerOptions & Required<Pick<RulesRunnerOptions, 'live'>>;

/**
 * Live data: each tick reads the rows stored since the last one (the newest page only, so a backlog is skipped
 * and counted) into the rolling window and runs the rules, yielding between them. Replays use
 * StoreTeeRulesRunner instead, and `analyze` DirectRulesRunner.
 */
/** Rows read from the store per call by the live runner (see StoreRulesRunner.evaluate). */
export const LIVE_READ_CHUNK_ROWS = 500;

export class StoreRulesRunner implements IncidentEvaluator {
  private readonly store: StoreClient;
  private readonly options: LiveRunnerOptions;
  private readonly evidence: RollingEvidence;
  private cursor: TelemetryCursor = { spanRowid: 0n, pointRowid: 0n };

  constructor(store: StoreClient, options: LiveRunnerOptions) {
    this.store = store;
    this.options = options;
    this.evidence = new RollingEvidence({ spanWindowNanos: options.spanWindowNanos ?? LIVE_SPAN_WINDOW_NANOS, maxSpans: options.live.maxSpans });
  }

  /** Rows the live runner skipped because they arrived faster than the rules could read them. */
  skipped = 0;

  async evaluate(atUnixNano: bigint): Promise<Finding[]> {
    // Read in chunks: each answer is copied from the store worker in one piece on this thread, and 2,500 spans at
    // once stalled the receivers' event loop for ~100 ms in the soak test; a chunk of 500 is a fifth of that.
    const tick = Math.min(this.options.pageSize ?? 20_000, this.options.live.maxSpans);
    const chunk = Math.min(tick, LIVE_READ_CHUNK_ROWS);
    let read = 0;
    for (let first = true; read < tick; first = false) {
      const page = await this.store.query('telemetrySince', this.cursor, Math.min(chunk, tick - read), first, tick);
      this.evidence.add(page);
      this.cursor = page.cursor;
      this.skipped += page.skipped;
      read += Math.max(page.spans.length, page.metricPoints.length);
      if (page.spans.length < chunk && page.metricPoints.length < chunk) break;
    }
    return runRulesYielding(this.options.rules ?? ALL_RULES, this.evidence.snapshot(atUnixNano), this.options);
  }
}

/** The same rules fed directly (no store): for `analyze`, where files go straight into the evidence window. */
export class DirectRulesRunner implements IncidentEvaluator {
  private readonly options: RulesRunnerOptions;
  private readonly evidence: RollingEvidence;

  constructor(options: RulesRunnerOptions = {}) {
    this.options = options;
    this.evidence = new RollingEvidence({ spanWindowNanos: options.spanWindowNanos, maxSpans: options.maxSpans });
  }

  /** Puts a batch into the window. */
  add(batch: Parameters<RollingEvidence['add']>[0]): void {
    this.evidence.add(batch);
  }

  write(batch: Parameters<RollingEvidence['add']>[0]): Promise<void> {
    this.add(batch);
    return Promise.resolve();
  }

  evaluate(atUnixNano: bigint): Promise<Finding[]> {
    return Promise.resolve(runRules(this.options.rules ?? ALL_RULES, this.evidence.snapshot(atUnixNano), this.options));
  }
}

/**
 * For replaying into a store: each batch goes to the store and, in the same step, into the rules' window. The
 * rules see exactly what is being stored without waiting for its commit or reading back what the replay itself
 * just wrote, so the store worker commits while the rules run.
 */
export class StoreTeeRulesRunner implements IncidentEvaluator, ReplayTarget {
  readonly readsTarget = false;
  private readonly store: ReplayTarget;
  private readonly direct: DirectRulesRunner;

  constructor(store: ReplayTarget, options: RulesRunnerOptions = {}) {
    this.store = store;
    this.direct = new DirectRulesRunner({ ...options, spanWindowNanos: options.spanWindowNanos ?? LIVE_SPAN_WINDOW_NANOS });
  }

  write(batch: TelemetryBatch): Promise<void> {
    // The store copies the batch as it is sent; only then does the window annotate the same span objects.
    const stored = this.store.write(batch);
    this.direct.add(batch);
    return stored;
  }

  evaluate(atUnixNano: bigint): Promise<Finding[]> {
    return this.direct.evaluate(atUnixNano);
  }
}
