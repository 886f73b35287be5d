// One live feed for the whole console: stored counts, ingest rates and the live findings from the live
// channel, falling back to polling `health` (every 2 s) and `findings` while the channel is down or silent.
import { createContext, useContext, useEffect, useMemo, useRef, useState } from 'react';
import type { ReactNode } from 'react';
import type { FindingsResponse, HealthResponse } from '../../../common/api-contract.ts';
import type { TelemetryCounts } from '../../../common/telemetry.ts';
import { request, subscribeLive, onRetryRequested, toApiRequestError } from '../api/index.ts';
import type { ApiRequestError, LiveStatus } from '../api/index.ts';
import { ratesFromCounts } from './rates-from-counts.ts';
import type { CountSample } from './rates-from-counts.ts';
import { useFindingsFallback } from './use-findings-fallback.ts';

export type LiveSource = 'live' | 'polling' | 'offline' | 'connecting';

export interface LiveState {
  counts: TelemetryCounts | null;
  /** Items stored per second; null until two samples exist. */
  rates: TelemetryCounts | null;
  /** Where the numbers come from right now. */
  source: LiveSource;
  /** Unix ms of the latest numbers. */
  updatedAt: number | null;
  /** Latest health answer (status/problem), refreshed at least every 10 s. */
  health: HealthResponse | null;
  healthError: ApiRequestError | null;
  /** Recent rate samples, oldest first, for sparklines (about the last two minutes). */
  history: RateSample[];
  /** The live rules' latest findings; null until the first answer. */
  findings: FindingsResponse | null;
}

export interface RateSample extends TelemetryCounts {
  /** Unix ms. */
  t: number;
}

const HISTORY_LENGTH = 120;

function appendSample(history: RateSample[], rates: TelemetryCounts, t: number): RateSample[] {
  const next = history.length >= HISTORY_LENGTH ? history.slice(history.length - HISTORY_LENGTH + 1) : history.slice();
  next.push({ t, spans: rates.spans, metricPoints: rates.metricPoints, logs: rates.logs });
  return next;
}

const POLL_MS = 2000;
/** Without a frame for this long the channel counts as silent and polling takes over. */
const SILENT_MS = 5000;
/** Health is still read this often while live frames flow, for its status and problem. */
const HEALTH_REFRESH_MS = 10_000;

const LiveContext = createContext<LiveState | null>(null);

export function LiveProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<LiveStatus>('connecting');
  const [frame, setFrame] = useState<{ counts: TelemetryCounts; rates: TelemetryCounts; at: number } | null>(null);
  const [polled, setPolled] = useState<{ counts: TelemetryCounts; rates: TelemetryCounts | null; at: number } | null>(
    null,
  );
  const [health, setHealth] = useState<HealthResponse | null>(null);
  const [healthError, setHealthError] = useState<ApiRequestError | null>(null);
  const [history, setHistory] = useState<RateSample[]>([]);
  const [findings, setFindings] = useState<FindingsResponse | null>(null);
  const lastFrameAt = useRef(0);
  const lastFindingsAt = useRef(0);
  const statusRef = useRef<LiveStatus>('connecting');
  useFindingsFallback(lastFindingsAt, setFindings);

  useEffect(
    () =>
      subscribeLive({
        onMessage(message) {
          if (message.type === 'findings') {
            lastFindingsAt.current = Date.now();
            setFindings({ findings: message.findings, evaluatedAtUnixNano: message.evaluatedAtUnixNano });
            return;
          }
          const at = Date.now();
          lastFrameAt.current = at;
          setFrame({ counts: message.counts, rates: message.rates, at });
          setHistory((previous) => appendSample(previous, message.rates, at));
        },
        onStatus(next) {
          statusRef.current = next;
          setStatus(next);
        },
      }),
    [],
  );

  useEffect(() => {
    const controller = new AbortController();
    let previous: CountSample | null = null;
    let lastHealthAt = 0;
    let inFlight = false;

    const tick = (force: boolean): void => {
      const liveHealthy = statusRef.current === 'open' && Date.now() - lastFrameAt.current < SILENT_MS;
      if (inFlight || (!force && liveHealthy && Date.now() - lastHealthAt < HEALTH_REFRESH_MS)) return;
      inFlight = true;
      request('health', {}, { signal: controller.signal })
        .then((answer) => {
          const now = Date.now();
          lastHealthAt = now;
          const sample = { counts: answer.counts, atMs: now };
          const rates = ratesFromCounts(previous, sample);
          previous = sample;
          setHealth(answer);
          setHealthError(null);
          setPolled({ counts: answer.counts, rates, at: now });
          const liveFlowing = statusRef.current === 'open' && now - lastFrameAt.current < SILENT_MS;
          if (rates && !liveFlowing) setHistory((previous) => appendSample(previous, rates, now));
        })
        .catch((error: unknown) => {
          if (controller.signal.aborted) return;
          previous = null;
          setHealthError(toApiRequestError(error, 'health'));
        })
        .finally(() => {
          inFlight = false;
        });
    };

    tick(true);
    const timer = setInterval(() => tick(false), POLL_MS);
    const stopRetry = onRetryRequested(() => tick(true));
    return () => {
      controller.abort();
      clearInterval(timer);
      stopRetry();
    };
  }, []);

  const value = useMemo<LiveState>(() => {
    const liveFresh = frame !== null && status === 'open' && (polled === null || frame.at >= polled.at - SILENT_MS);
    if (liveFresh) {
      return { counts: frame.counts, rates: frame.rates, source: 'live', updatedAt: frame.at, health, healthError, history, findings };
    }
    if (polled && !healthError) {
      return {
        counts: polled.counts,
        rates: polled.rates,
        source: 'polling',
        updatedAt: polled.at,
        health,
        healthError,
        history,
        findings,
      };
    }
    const source: LiveSource = healthError ? 'offline' : 'connecting';
    return {
      counts: polled?.counts ?? frame?.counts ?? null,
      rates: null,
      source,
      updatedAt: polled?.at ?? frame?.at ?? null,
      health,
      healthError,
      history,
      findings,
    };
  }, [frame, polled, status, health, healthError, history, findings]);

  return <LiveContext.Provider value={value}>{children}</LiveContext.Provider>;
}

export function useLive(): LiveState {
  const value = useContext(LiveContext);
  if (!value) throw new Error('useLive must be used inside <LiveProvider>.');
  return value;
}
