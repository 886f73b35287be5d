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
import { DocumentLines } from './document-lines.ts';
import { DEFAULT_LINE_READER_LIMITS, readLineBlocks, type LineReaderLimits } from './line-reader.ts';

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
 * Lines without telemetry (unreadable, blank, or OTLP with nothing in it) after which a file that has shown none
 * yet is judged not to be a telemetry file: a garbage file, or a bomb of bad or blank lines, fails in milliseconds
 * instead of being read to its end.
 */
export const MAX_LINES_BEFORE_TELEMETRY = 1_000;

/** Blank lines skipped outside a document (a block's worth): counted towards MAX_LINES_BEFORE_TELEMETRY, never passed on. */
type LineEvent = TelemetryFileEvent | { type: 'blank'; count: number };

function notTelemetry(file: string, why: string, first: { line: number; message: string } | undefined): ChokepointError {
  return new ChokepointError('INVALID_FILE', `${file}: not a telemetry file: ${why}${first === undefined ? '' : ` (line ${first.line}: ${first.message})`}`);
}

/**
 * Streams a file's events. Errors about the file as a whole (missing, too large, not gzip it claims to be) are
 * thrown as ChokepointError; errors about a line are events. A file with no telemetry at all (empty, garbage, or a
 * header followed only by unreadable lines) is INVALID_FILE, at its end or after MAX_LINES_BEFORE_TELEMETRY lines.
 * An aborted `signal` ends the events early (and quietly).
 */
export async function* readTelemetryFile(
  file: string,
  limits: LineReaderLimits = DEFAULT_LINE_READER_LIMITS,
  signal?: AbortSignal,
): AsyncGenerator<TelemetryFileEvent> {
  let sawTelemetry = false;
  let sawHeader = false;
  let linesWithout = 0;
  let firstProblem: { line: number; message: string } | undefined;
  for await (const event of readEvents(file, limits, signal)) {
    if (event.type === 'header') {
      sawHeader = true;
    } else if (event.type === 'batch' && event.batch.spans.length + event.batch.metricPoints.length + event.batch.logs.length + event.rejected > 0) {
      sawTelemetry = true;
    } else if (!sawTelemetry) {
      if (event.type === 'error') firstProblem ??= { line: event.line, message: event.message };
      linesWithout += event.type === 'blank' ? event.count : 1;
      if (linesWithout >= MAX_LINES_BEFORE_TELEMETRY) throw notTelemetry(file, `none of its first ${linesWithout} lines holds OTLP telemetry`, firstProblem);
    }
    if (event.type !== 'blank') yield event;
  }
  if (signal?.aborted === true || sawTelemetry) return;
  // A header alone is an incident with nothing in it (an idle recording); a header and only bad lines is not.
  if (sawHeader && firstProblem === undefined) return;
  throw notTelemetry(file, firstProblem === undefined ? 'it holds no telemetry' : 'no line of it holds OTLP telemetry', firstProblem);
}

/** The events of a file, line by line, with the blank lines skipped outside a document. */
async function* readEvents(file: string, limits: LineReaderLimits, signal: AbortSignal | undefined): AsyncGenerator<LineEvent> {
  // Document mode: the first non-blank line did not parse alone, so the file may be one multi-line JSON body.
  let documentLines: DocumentLines | undefined;
  let firstLine = 0;
  let firstError = '';
  let sawContent = false;
  for await (const block of readLineBlocks(file, limits, signal)) {
    let blank = 0;
    for (const { number, text } of block) {
      if (documentLines !== undefined) {
        const whole = text.startsWith('{') ? tryParse(text) : undefined;
        if (whole !== undefined) {
          // A complete object on a line of its own: this is JSON Lines after all, and the first line was bad.
          yield { type: 'error', line: firstLine, message: firstError };
          let offset = 0;
          for (const line of documentLines.lines()) {
            if (offset > 0) yield* lineEvents(line, firstLine + offset);
            offset += 1;
          }
          documentLines = undefined;
          sawContent = true;
          yield* documentEvents(whole.value, number);
          continue;
        }
        if (documentLines.length + text.length + 1 > limits.maxLineBytes) {
          throw new ChokepointError('FILE_TOO_LARGE', `${file}:${firstLine}: a JSON document longer than ${Math.round(limits.maxLineBytes / 1024 ** 2)} MiB`);
        }
        documentLines.push(text);
        continue;
      }
      if (text.trim() === '') {
        blank += 1;
        continue;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (error) {
        if (!sawContent && text.trimStart().startsWith('{')) {
          documentLines = new DocumentLines();
          documentLines.push(text);
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
    if (blank > 0) yield { type: 'blank', count: blank };
  }
  if (documentLines !== undefined && signal?.aborted !== true) {
    let value: unknown;
    try {
      value = JSON.parse(documentLines.text());
    } catch (error) {
      yield { type: 'error', line: firstLine, message: `invalid JSON: ${(error as Error).message}` };
      return;
    }
    yield* documentEvents(value, firstLine);
  }
}
