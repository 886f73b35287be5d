// The core, composed: store + batched writer + OTLP receivers + host sampler + retention + live stats.
// `chokepoint serve` and the Electron main process both run exactly this.
import type { LiveMessage, InfoResponse } from '../common/api-contract.ts';
import type { TelemetryCounts } from '../common/telemetry.ts';
import { ChokepointError } from '../common/error-codes.ts';
import { StoreClient } from '../store/index.ts';
import type { WriteProblem } from '../store/index.ts';
import { createOtlpForwarder, startOtlpGrpcReceiver, startOtlpHttpReceiver } from '../collectors/otlp/index.ts';
import type { OtlpForwarder, OtlpGrpcReceiver, OtlpHttpReceiver } from '../collectors/otlp/index.ts';
import { startHostSampler } from '../collectors/host/index.ts';
import type { CoreOptions } from './core-options.ts';
import { assertBindAllowed } from './access-token.ts';
import { LiveRates } from './live-rates.ts';
import { startLiveRules, type FindingsSnapshot } from './live-rules.ts';
import { openIncidentSession, type IncidentSession } from './incident-session.ts';
import { Recordings } from './recordings.ts';
import { CHOKEPOINT_VERSION } from './version.ts';
import { BATCH_DECODER_MODULE, createWorkerIngestSink } from './worker-ingest-sink.ts';

export interface CoreLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface Core {
  /** The store, running in its own worker thread. */
  readonly store: StoreClient;
  info(): InfoResponse;
  /** Stored counts, asked of the store now. */
  counts(): Promise<TelemetryCounts>;
  /** Resource key of this machine's host metrics, when the sampler runs (the console's host gauges show it). */
  readonly hostResourceKey: string | undefined;
  /** The counts the store last gave (zeros before the first answer). */
  lastKnownCounts(): TelemetryCounts;
  /** Why ingest is paused (the store cannot write: disk full, read-only file…), or null. */
  writeProblem(): WriteProblem | null;
  /** Subscribe to live messages (one per second); returns the unsubscribe function. */
  onLive(listener: (message: LiveMessage) => void): () => void;
  /** Recording from the console, and exports of time ranges, into the data dir's recordings folder. */
  readonly recordings: Recordings;
  /** Findings of the live rules (evaluated every few seconds on what arrives). */
  liveFindings(): FindingsSnapshot;
  /** The incident open in the console, if any. */
  incident(): IncidentSession | undefined;
  /** Opens an incident file (closing the one open); the demo when `demo` is set. */
  openIncident(file: string, demo?: boolean, overrides?: Record<string, number>): Promise<IncidentSession>;
  closeIncident(): Promise<void>;
  /** Opens the open incident again with other thresholds (a backtest). */
  rerunIncident(overrides: Record<string, number>): Promise<IncidentSession>;
  /** Stops receivers and sampler; what they accepted is still written (the store stays open). */
  stopInputs(): Promise<void>;
  /** Stops receivers and sampler, flushes what was accepted, closes the database. */
  close(): Promise<void>;
}

const RETENTION_INTERVAL_MS = 60_000;

export async function startCore(options: CoreOptions, logger: CoreLogger): Promise<Core> {
  assertBindAllowed(options.host, options.token, 'the OTLP receivers');
  const token = options.token === '' ? undefined : options.token;
  const store = await StoreClient.open({
    dataDir: options.dataDir,
    retention: options.retention,
    maxQueuedItems: options.maxQueuedItems,
    decoderModule: BATCH_DECODER_MODULE,
  });
  if (store.checkpointerProblem !== null) logger.warn(`WAL checkpoints run on the writing thread (slower ingest): ${store.checkpointerProblem}`);

  let forwarder: OtlpForwarder | undefined;
  if (options.forwardTo !== '') {
    forwarder = createOtlpForwarder({
      endpoint: options.forwardTo,
      onError: (error) => logger.warn(`forwarding to ${options.forwardTo} failed: ${error.message}`),
    });
  }
  const sink = createWorkerIngestSink(store, forwarder);

  const closers: (() => Promise<void>)[] = [];
  let httpReceiver: OtlpHttpReceiver | undefined;
  let grpcReceiver: OtlpGrpcReceiver | undefined;
  try {
    if (options.otlpHttpPort !== null) {
      httpReceiver = await startOtlpHttpReceiver({ host: options.host, port: options.otlpHttpPort, sink, corsOrigins: options.corsOrigins, token });
      closers.push(() => httpReceiver!.close());
    }
    if (options.otlpGrpcPort !== null) {
      grpcReceiver = await startOtlpGrpcReceiver({ host: options.host, port: options.otlpGrpcPort, sink, token });
      closers.push(() => grpcReceiver!.close());
    }
  } catch (error) {
    await Promise.all(closers.map((close) => close()));
    await store.close();
    throw error;
  }

  let hostSamplerError = false;
  let hostWriteFailing = false;
  const sampler = options.hostMetrics
    ? startHostSampler({
        intervalMs: options.hostMetricsIntervalMs,
        onBatch: (batch) => {
          // Said once per run of failures (a full disk would otherwise print a line every sample).
          const failed = (error: unknown) => {
            if (!hostWriteFailing) logger.warn(`host metrics not stored: ${(error as Error).message}`);
            hostWriteFailing = true;
          };
          try {
            store.write(batch).then(() => {
              hostWriteFailing = false;
            }, failed);
          } catch (error) {
            failed(error);
          }
        },
        onError: (error) => {
          if (!hostSamplerError) logger.warn(`host sampler: ${error.message}`);
          hostSamplerError = true;
        },
      })
    : undefined;

  const retentionTimer = setInterval(() => {
    store
      .query('applyRetention', { ...options.retention, nowUnixNano: BigInt(Date.now()) * 1_000_000n })
      .catch((error: unknown) => logger.warn(`retention pass failed: ${(error as Error).message}`));
  }, options.retentionIntervalMs ?? RETENTION_INTERVAL_MS);
  retentionTimer.unref();

  let lastCounts: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
  const counts = async (): Promise<TelemetryCounts> => {
    lastCounts = await store.query('counts');
    return lastCounts;
  };

  const liveListeners = new Set<(message: LiveMessage) => void>();
  const rates = new LiveRates();
  const liveTimer = setInterval(() => {
    if (liveListeners.size === 0) return;
    counts().then(
      (current) => {
        const atUnixMs = Date.now();
        rates.record(current, atUnixMs);
        const message: LiveMessage = { type: 'stats', counts: current, rates: rates.rates(), atUnixMs };
        for (const listener of liveListeners) listener(message);
      },
      () => undefined,
    );
  }, 1_000);
  liveTimer.unref();

  const liveRules = startLiveRules(store, {
    intervalMs: options.rulesIntervalMs,
    onChange: (snapshot) => {
      const message: LiveMessage = { type: 'findings', ...snapshot };
      for (const listener of liveListeners) listener(message);
    },
    onError: (error) => logger.warn(`rules: ${error.message}`),
    onRuleError: (ruleId, error) => logger.warn(`rule ${ruleId} failed: ${error.message}`),
  });
  let incident: IncidentSession | undefined;

  const openIncident = async (file: string, demo = false, overrides: Record<string, number> = {}): Promise<IncidentSession> => {
    const previous = incident;
    incident = undefined;
    await previous?.close();
    incident = await openIncidentSession(file, { demo, overrides });
    return incident;
  };

  let inputsStopped: Promise<void> | undefined;
  const stopInputs = (): Promise<void> => {
    inputsStopped ??= (async () => {
      sampler?.stop();
      await Promise.all(closers.map((close) => close()));
    })();
    return inputsStopped;
  };

  return {
    store,
    info: () => ({
      version: CHOKEPOINT_VERSION,
      dataDir: options.dataDir,
      databaseFile: store.databaseFile,
      databaseMovedAside: store.movedAside ?? '',
      otlpHttp: { endpoint: httpReceiver?.endpoint ?? '', listening: httpReceiver !== undefined },
      otlpGrpc: { endpoint: grpcReceiver?.endpoint ?? '', listening: grpcReceiver !== undefined },
      hostMetrics: { enabled: sampler !== undefined, intervalMs: options.hostMetricsIntervalMs },
      forwardingTo: forwarder?.endpoint ?? '',
      retention: { ...options.retention },
      rulesIntervalMs: options.rulesIntervalMs,
    }),
    counts,
    hostResourceKey: sampler?.resource.key,
    lastKnownCounts: () => ({ ...lastCounts }),
    writeProblem: () => store.writeProblem,
    onLive(listener) {
      liveListeners.add(listener);
      return () => liveListeners.delete(listener);
    },
    stopInputs,
    liveFindings: () => liveRules.snapshot(),
    incident: () => incident,
    recordings: new Recordings(options.dataDir, store),
    openIncident,
    async rerunIncident(overrides) {
      if (incident === undefined) throw new ChokepointError('NOT_FOUND', 'no incident is open');
      return openIncident(incident.file, incident.demo, overrides);
    },
    async closeIncident() {
      const previous = incident;
      incident = undefined;
      await previous?.close();
    },
    async close() {
      clearInterval(retentionTimer);
      clearInterval(liveTimer);
      liveRules.stop();
      await incident?.close();
      await stopInputs();
      await store.close();
      await forwarder?.drain();
    },
  };
}
