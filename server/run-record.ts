// `chokepoint record`: receives like `serve` (no console) into a scratch store, and when the duration ends or
// on SIGINT/SIGTERM writes everything received to one incident file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoreOptions } from './core-options.ts';
import { startCore } from './core.ts';
import { exportIncident } from './incident-export.ts';

export interface RecordOptions extends CoreOptions {
  out: string;
  /** Stop after this long; 0 = until interrupted. */
  durationMs: number;
  title: string;
  notes: string;
  plain: boolean;
  /** Keep the scratch store (dataDir given by the user) instead of deleting it. */
  keepData: boolean;
}

export interface RecordOutcome {
  file: string;
  bytes: number;
  counts: { spans: number; metricPoints: number; logs: number };
}

/** Records until `stopped` resolves (or the duration ends), then writes the file. */
export async function record(options: RecordOptions, stopped: Promise<string>, log: (line: string) => void): Promise<RecordOutcome> {
  const outDir = path.dirname(path.resolve(options.out));
  if (!fs.existsSync(outDir)) throw new Error(`the folder for ${options.out} does not exist`);
  const core = await startCore(options, { info: log, warn: (message) => process.stderr.write(`chokepoint: ${message}\n`) });
  try {
    const info = core.info();
    const receivers = [
      info.otlpHttp.listening ? `OTLP/HTTP ${info.otlpHttp.endpoint}` : '',
      info.otlpGrpc.listening ? `OTLP/gRPC ${info.otlpGrpc.endpoint}` : '',
      info.hostMetrics.enabled ? 'sampling this host' : '',
    ].filter((part) => part !== '');
    log(`recording: ${receivers.join(' · ')} → ${options.out}${options.durationMs > 0 ? ` for ${options.durationMs / 1000}s` : ''} (Ctrl+C to stop)`);
    let timer: NodeJS.Timeout | undefined;
    const reason = await Promise.race([
      stopped,
      new Promise<string>((resolve) => {
        if (options.durationMs > 0) timer = setTimeout(() => resolve('duration reached'), options.durationMs);
      }),
    ]);
    clearTimeout(timer);
    log(`${reason}: writing ${options.out}…`);
    await core.stopInputs();
    const result = await exportIncident(core.store, options.out, {
      title: options.title,
      notes: options.notes,
      plain: options.plain,
    });
    return { file: options.out, bytes: result.bytes, counts: result.header.counts };
  } finally {
    await core.close();
  }
}

export async function runRecord(options: Omit<RecordOptions, 'dataDir' | 'keepData'> & { dataDir?: string }): Promise<void> {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const scratch = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-record-'));
  const stopped = new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
  try {
    const outcome = await record({ ...options, dataDir: scratch, keepData: options.dataDir !== undefined }, stopped, log);
    const { spans, metricPoints, logs } = outcome.counts;
    log(`saved ${outcome.file} (${spans} spans, ${metricPoints} metric points, ${logs} logs, ${(outcome.bytes / 1024).toFixed(0)} KiB)`);
  } finally {
    if (options.dataDir === undefined) fs.rmSync(scratch, { recursive: true, force: true });
  }
}
