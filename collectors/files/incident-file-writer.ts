// Writes an incident file: a header line, then OTLP JSON Lines (one export request per line), gzip'd for
// `.chokepoint` and `.gz` names. The data goes to a side file first so the header, written last but placed
// first, can state the counts, time range and services of what was written; the two are then joined (two
// gzip members read as one stream) and renamed into place, so a reader never sees half a file.
import fs from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';
import { INCIDENT_FORMAT, INCIDENT_FORMAT_VERSION, INCIDENT_HEADER_KEY, type IncidentHeader } from '../../common/incident.ts';
import type { TelemetryBatch, TelemetryCounts } from '../../common/telemetry.ts';
import { logsRequestJson } from '../otlp/encode-json-logs.ts';
import { metricsRequestJson } from '../otlp/encode-json-metrics.ts';
import { tracesRequestJson } from '../otlp/encode-json-traces.ts';

export interface IncidentFileWriterOptions {
  /** Leave out the header line: a plain OTLP JSON Lines file, as the Collector's file exporter writes. */
  plain?: boolean;
  /** Items per line at most (default 1000), so no line comes near a reader's line limit. */
  maxItemsPerLine?: number;
}

/** What the caller says about the incident; the writer adds what it saw (counts, time range, services). */
export type IncidentDescription = Pick<IncidentHeader, 'title' | 'notes' | 'host' | 'chokepointVersion' | 'findings' | 'thresholds'> & {
  /** The range asked for, when wider than the data (a quiet window is still the window). */
  fromUnixNano?: bigint;
  toUnixNano?: bigint;
};

/** Whether a file of this name is written gzip'd. */
export function isCompressedName(file: string): boolean {
  return file.endsWith('.gz') || file.endsWith('.chokepoint');
}

export class IncidentFileWriter {
  private readonly file: string;
  private readonly bodyFile: string;
  private readonly out: Writable;
  private readonly bodyClosed: Promise<unknown>;
  private readonly maxItems: number;
  private readonly compressed: boolean;
  private readonly plain: boolean;
  private readonly counts: TelemetryCounts = { spans: 0, metricPoints: 0, logs: 0 };
  private readonly services = new Set<string>();
  private from: bigint | null = null;
  private to: bigint | null = null;
  private lines = 0;

  constructor(file: string, options: IncidentFileWriterOptions = {}) {
    this.file = file;
    this.bodyFile = `${file}.body-${process.pid}`;
    this.compressed = isCompressedName(file);
    this.plain = options.plain === true;
    // Side files are created exclusively (O_EXCL) after removing any leftover: a symlink planted under their
    // names is removed, never written through. The file itself is renamed into place, which replaces a link too.
    fs.rmSync(this.bodyFile, { force: true });
    const sink = fs.createWriteStream(this.bodyFile, { flags: 'wx' });
    this.bodyClosed = once(sink, 'close');
    if (this.compressed) {
      const gzip = createGzip({ level: 6 });
      gzip.pipe(sink);
      this.out = gzip;
    } else {
      this.out = sink;
    }
    this.maxItems = options.maxItemsPerLine ?? 1000;
  }

  /** Appends a batch as up to three kinds of lines (traces, metrics, logs), split to the per-line item limit. */
  async write(batch: TelemetryBatch): Promise<void> {
    for (const span of batch.spans) {
      this.see(span.startTimeUnixNano, span.endTimeUnixNano);
      this.services.add(span.resource.serviceName);
    }
    for (const point of batch.metricPoints) this.see(point.timeUnixNano, point.timeUnixNano);
    for (const log of batch.logs) this.see(log.timeUnixNano === 0n ? log.observedTimeUnixNano : log.timeUnixNano, log.timeUnixNano);
    this.counts.spans += batch.spans.length;
    this.counts.metricPoints += batch.metricPoints.length;
    this.counts.logs += batch.logs.length;
    for (let i = 0; i < batch.spans.length; i += this.maxItems) await this.line(tracesRequestJson(batch.spans.slice(i, i + this.maxItems)));
    for (let i = 0; i < batch.metricPoints.length; i += this.maxItems) await this.line(metricsRequestJson(batch.metricPoints.slice(i, i + this.maxItems)));
    for (let i = 0; i < batch.logs.length; i += this.maxItems) await this.line(logsRequestJson(batch.logs.slice(i, i + this.maxItems)));
  }

  /** Finishes the file under its name and returns its header, size and line count. */
  async close(description: IncidentDescription): Promise<{ header: IncidentHeader; bytes: number; lines: number }> {
    this.out.end();
    await this.bodyClosed;
    const from = minOf(this.from, description.fromUnixNano) ?? 0n;
    const to = maxOf(this.to === null ? null : this.to + 1n, description.toUnixNano) ?? from;
    const header: IncidentHeader = {
      format: INCIDENT_FORMAT,
      formatVersion: INCIDENT_FORMAT_VERSION,
      title: description.title,
      notes: description.notes,
      createdAtUnixNano: (BigInt(Date.now()) * 1_000_000n).toString(),
      fromUnixNano: from.toString(),
      toUnixNano: to.toString(),
      services: [...this.services].sort(),
      host: description.host,
      chokepointVersion: description.chokepointVersion,
      counts: { ...this.counts },
      ...(description.findings === undefined ? {} : { findings: description.findings }),
      ...(description.thresholds === undefined ? {} : { thresholds: description.thresholds }),
    };
    const partial = `${this.file}.partial-${process.pid}`;
    try {
      const headerLine = Buffer.from(`${JSON.stringify({ [INCIDENT_HEADER_KEY]: header })}\n`);
      await fs.promises.rm(partial, { force: true });
      await fs.promises.writeFile(partial, this.plain ? Buffer.alloc(0) : this.compressed ? gzipSync(headerLine) : headerLine, { flag: 'wx' });
      await pipeline(fs.createReadStream(this.bodyFile), fs.createWriteStream(partial, { flags: 'a' }));
      await fs.promises.rename(partial, this.file);
    } finally {
      await fs.promises.rm(this.bodyFile, { force: true });
      await fs.promises.rm(partial, { force: true });
    }
    return { header, bytes: (await fs.promises.stat(this.file)).size, lines: this.lines + (this.plain ? 0 : 1) };
  }

  /** Gives up: removes what was written. */
  async abort(): Promise<void> {
    this.out.destroy();
    await fs.promises.rm(this.bodyFile, { force: true });
  }

  private see(start: bigint, end: bigint): void {
    if (start > 0n && (this.from === null || start < this.from)) this.from = start;
    if (this.to === null || end > this.to) this.to = end;
  }

  private async line(value: unknown): Promise<void> {
    this.lines += 1;
    if (!this.out.write(`${JSON.stringify(value)}\n`)) await once(this.out, 'drain');
  }
}

function minOf(a: bigint | null, b: bigint | undefined): bigint | null {
  if (b === undefined) return a;
  return a === null || b < a ? b : a;
}

function maxOf(a: bigint | null, b: bigint | undefined): bigint | null {
  if (b === undefined) return a;
  return a === null || b > a ? b : a;
}
