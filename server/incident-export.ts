// Exports a time range of the store to an incident file, window by window so memory stays bounded.
import os from 'node:os';
import type { IncidentHeader, IncidentHost } from '../common/incident.ts';
import { IncidentFileWriter } from '../collectors/files/index.ts';
import type { StoreClient } from '../store/index.ts';
import { CHOKEPOINT_VERSION } from './version.ts';

export interface ExportOptions {
  /** Defaults: everything stored. */
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
  title?: string;
  notes?: string;
  /** Write plain OTLP JSON Lines without the header. */
  plain?: boolean;
  /** Width of the windows read from the store (default 10 s). */
  windowNanos?: bigint;
  findings?: unknown[];
  thresholds?: Record<string, number>;
  /** Leave out host details (name, OS) from the header. */
  anonymousHost?: boolean;
}

export function describeHost(): IncidentHost {
  return { name: os.hostname(), os: `${os.type()} ${os.release()}`, arch: os.arch(), cpus: os.cpus().length, memoryBytes: os.totalmem() };
}

export interface ExportResult {
  header: IncidentHeader;
  bytes: number;
  lines: number;
}

export async function exportIncident(store: StoreClient, file: string, options: ExportOptions = {}): Promise<ExportResult> {
  await store.settled();
  const stored = await store.query('timeRange');
  const from = options.fromUnixNano ?? stored?.fromUnixNano ?? 0n;
  const to = options.toUnixNano ?? stored?.toUnixNano ?? from;
  const step = options.windowNanos ?? 10_000_000_000n;
  const writer = new IncidentFileWriter(file, { plain: options.plain });
  try {
    if (stored !== null) {
      const start = from > stored.fromUnixNano ? from : stored.fromUnixNano;
      const end = to < stored.toUnixNano ? to : stored.toUnixNano;
      for (let at = start; at < end; at += step) {
        const windowEnd = at + step < end ? at + step : end;
        await writer.write(await store.query('telemetryInRange', at, windowEnd));
      }
    }
    return await writer.close({
      title: options.title ?? 'Untitled incident',
      notes: options.notes ?? '',
      host: options.anonymousHost === true ? null : describeHost(),
      chokepointVersion: CHOKEPOINT_VERSION,
      fromUnixNano: options.fromUnixNano,
      toUnixNano: options.toUnixNano,
      findings: options.findings,
      thresholds: options.thresholds,
    });
  } catch (error) {
    await writer.abort();
    throw error;
  }
}
