// Reads telemetry files: Chokepoint incident files, the OpenTelemetry Collector file exporter's OTLP JSON Lines
// (each line an object with resourceSpans, resourceMetrics or resourceLogs), a single OTLP/JSON export body
// (even pretty-printed over many lines), and the .gz form of each. Streamed; a bad line becomes an error
// event naming its line, and reading goes on with the next one.
import { ChokepointError } from '../../common/error-codes.ts';
import { INCIDENT_HEADER_KEY, type IncidentHeader } from '../../common/incident.ts';
import type { Signal, TelemetryBatch } from '../../common/telemetry.ts';
import { decodeJsonObject } from '../otlp/decode-json.ts';
import { normalizeRequest } from '../otlp/decode-and-normalize.ts';
import { parseIncidentHeader } from './incident-header-schema.ts';
import { DEFAULT_LINE_READER_LIMITS, readLines, type LineReaderLimits } from './line-reader.ts';

export type TelemetryFileEvent =
  | { type: 'header'; line: number; header: IncidentHeader }
  | { type: 'batch'; line: number; batch: TelemetryBatch; rejected: number; rejectionMessage: string }
  | { type: 'error'; line: number; message: string };

const SIGNAL_KEYS: [string, Signal][] = [
  ['resourceSpans', 'traces'],
  ['resourceMetrics', 'metrics'],
  ['resourceLogs', 'logs'],
];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The events of one parsed JSON document (a line, or the whole file in document mode). */
export function documentEvents(value: unknown, line: number): TelemetryFileEvent[] {
  if (!isObject(value)) return [{ type: 'error', line, message: 'expected a JSON object' }];
  if (INCIDENT_HEADER_KEY in value) {
    const parsed = parseIncidentHeader(value[INCIDENT_HEADER_KEY]);
    return 'header' in parsed ? [{ type: 'header', line, header: parsed.header }] : [{ type: 'error', line, message: parsed.error }];
  }
  const events: TelemetryFileEvent[] = [];
  for (const [key, signal] of SIGNAL_KEYS) {
    if (!(key in value)) continue;
    try {
      const { batch, rejected, rejectionMessage } = normalizeRequest(signal, decodeJsonObject(signal, { [key]: value[key] }));
      events.push({ type: 'batch', line, batch, rejected, rejectionMessage });
    } catch (error) {
      events.push({ type: 'error', line, message: (error as Error).message });
    }
  }
  if (events.length === 0) {
    events.push({ type: 'error', line, message: 'not OTLP: no resourceSpans, resourceMetrics or resourceLogs' });
  }
  return events;
}

function tryParse(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function lineEvents(text: string, line: number): TelemetryFileEvent[] {
  if (text.trim() === '') return [];
  try {
    return documentEvents(JSON.parse(text), line);
  } catch (error) {
    return [{ type: 'error', line, message: `invalid JSON: ${(error as Error).message}` }];
  }
}

/**
 * Streams a file's events. Errors about the file as a whole (missing, too large, not gzip it claims to be)
 * are thrown as ChokepointError; errors about a line are events.
 */
export async function* readTelemetryFile(file: string, limits: LineReaderLimits = DEFAULT_LINE_READER_LIMITS): AsyncGenerator<TelemetryFileEvent> {
  // Document mode: the first non-blank line did not parse alone, so the file may be one multi-line JSON body.
  let documentLines: string[] | undefined;
  let documentBytes = 0;
  let firstLine = 0;
  let firstError = '';
  let sawContent = false;
  for await (const { number, text } of readLines(file, limits)) {
    if (documentLines !== undefined) {
      const whole = text.startsWith('{') ? tryParse(text) : undefined;
      if (whole !== undefined) {
        // A complete object on a line of its own: this is JSON Lines after all, and the first line was bad.
        yield { type: 'error', line: firstLine, message: firstError };
        for (let i = 1; i < documentLines.length; i += 1) yield* lineEvents(documentLines[i], firstLine + i);
        documentLines = undefined;
        sawContent = true;
        yield* documentEvents(whole.value, number);
        continue;
      }
      documentBytes += text.length + 1;
      if (documentBytes > limits.maxLineBytes) {
        throw new ChokepointError('FILE_TOO_LARGE', `${file}:${firstLine}: a JSON document longer than ${Math.round(limits.maxLineBytes / 1024 ** 2)} MiB`);
      }
      documentLines.push(text);
      continue;
    }
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      if (!sawContent && text.trimStart().startsWith('{')) {
        documentLines = [text];
        documentBytes = text.length + 1;
        firstLine = number;
        firstError = `invalid JSON: ${(error as Error).message}`;
        continue;
      }
      sawContent = true;
      yield { type: 'error', line: number, message: `invalid JSON: ${(error as Error).message}` };
      continue;
    }
    sawContent = true;
    yield* documentEvents(value, number);
  }
  if (documentLines !== undefined) {
    let value: unknown;
    try {
      value = JSON.parse(documentLines.join('\n'));
    } catch (error) {
      yield { type: 'error', line: firstLine, message: `invalid JSON: ${(error as Error).message}` };
      return;
    }
    yield* documentEvents(value, firstLine);
  }
}
