// Optional tee: every request that decoded cleanly is also sent, unchanged, to an upstream OTLP/HTTP endpoint,
// so Chokepoint can sit between an app and the team's real Collector. Forwarding never slows or fails ingest:
// it runs with bounded concurrency and drops (and counts) what the upstream cannot take.
import type { Signal } from '../../common/telemetry.ts';
import { OTLP_SIGNAL_PATHS } from './otlp-sink.ts';
import type { OtlpEncoding } from './otlp-sink.ts';

export interface ForwarderStats {
  sent: number;
  failed: number;
  dropped: number;
}

export interface OtlpForwarder {
  readonly endpoint: string;
  forward(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): void;
  stats(): ForwarderStats;
  /** Waits for requests in flight (bounded by their timeout). */
  drain(): Promise<void>;
}

export interface ForwarderOptions {
  /** Base URL of an OTLP/HTTP receiver, e.g. http://collector:4318 */
  endpoint: string;
  headers?: Record<string, string>;
  maxInFlight?: number;
  timeoutMs?: number;
  onError?: (error: Error) => void;
}

export function createOtlpForwarder(options: ForwarderOptions): OtlpForwarder {
  const base = new URL(options.endpoint);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`forwarding endpoint must be an http(s) URL, got ${options.endpoint}`);
  }
  const maxInFlight = options.maxInFlight ?? 16;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const stats: ForwarderStats = { sent: 0, failed: 0, dropped: 0 };
  const inFlight = new Set<Promise<void>>();
  let reportedError = false;

  const send = async (signal: Signal, encoding: OtlpEncoding, body: Uint8Array): Promise<void> => {
    const url = new URL(OTLP_SIGNAL_PATHS[signal].slice(1), base.href.endsWith('/') ? base.href : `${base.href}/`);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { ...options.headers, 'Content-Type': encoding === 'json' ? 'application/json' : 'application/x-protobuf' },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer();
      if (response.ok) stats.sent += 1;
      else throw new Error(`upstream ${url.href} answered ${response.status}`);
    } catch (error) {
      stats.failed += 1;
      if (!reportedError) {
        reportedError = true;
        options.onError?.(error as Error);
      }
    }
  };

  return {
    endpoint: base.href,
    forward(signal, encoding, body) {
      if (inFlight.size >= maxInFlight) {
        stats.dropped += 1;
        return;
      }
      const task = send(signal, encoding, body).finally(() => inFlight.delete(task));
      inFlight.add(task);
    },
    stats: () => ({ ...stats }),
    async drain() {
      await Promise.all([...inFlight]);
    },
  };
}
