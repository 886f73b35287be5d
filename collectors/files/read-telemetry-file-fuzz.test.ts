// Property-based fuzz of the telemetry file reader: whatever a file holds (random bytes, a valid incident file with
// bytes mutated before or after gzip, OTLP lines with values of the wrong type), reading it either ends with events
// or throws ChokepointError INVALID_FILE / FILE_TOO_LARGE, never another error, and never reads on for long.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChokepointError } from '../../common/error-codes.ts';
import { INCIDENT_FORMAT } from '../../common/incident.ts';
import { hostileJsonValue, mutatedBytes, mutatedJson } from '../../fixtures/fuzz-arbitraries.ts';
import type { JsonValue } from '../../fixtures/fuzz-arbitraries.ts';
import { makeOtlpBodies } from '../../fixtures/otlp-bodies.ts';
import { recordTrial } from '../../fixtures/reliability-log.ts';
import type { LineReaderLimits } from './line-reader.ts';
import { readTelemetryFile } from './read-telemetry-file.ts';

const SCALE = Math.max(0.01, Number(process.env.CHOKEPOINT_FUZZ_SCALE ?? '1') || 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** The test timeout grows with the number of runs. */
const TIMEOUT_MS = 30_000 * Math.max(1, SCALE);
/** Small limits, so the limits themselves are reached by the fuzz. */
const LIMITS: LineReaderLimits = { maxFileBytes: 1024 * 1024, maxDecompressedBytes: 4 * 1024 * 1024, maxLineBytes: 256 * 1024 };
const SLOW_MS = 2_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-file-fuzz-'));
let fileNumber = 0;

class Tally {
  tried = 0;
  held = 0;
  read = 0;
  refused = new Map<string, number>();

  async check(bytes: Uint8Array | string): Promise<void> {
    this.tried += 1;
    fileNumber += 1;
    const file = path.join(dir, `f${fileNumber}.chokepoint`);
    fs.writeFileSync(file, bytes);
    const started = performance.now();
    try {
      let events = 0;
      for await (const event of readTelemetryFile(file, LIMITS)) {
        events += 1;
        expect(['header', 'batch', 'error']).toContain(event.type);
      }
      expect(events).toBeGreaterThan(0);
      this.read += 1;
    } catch (error) {
      if (!(error instanceof ChokepointError) || (error.code !== 'INVALID_FILE' && error.code !== 'FILE_TOO_LARGE')) throw error;
      expect(error.message).toContain(file);
      this.refused.set(error.code, (this.refused.get(error.code) ?? 0) + 1);
    } finally {
      fs.rmSync(file, { force: true });
    }
    const ms = performance.now() - started;
    if (ms > SLOW_MS) throw new Error(`reading one ${bytes.length}-byte file took ${Math.round(ms)} ms`);
    this.held += 1;
  }

  report(trial: string): void {
    expect(this.held).toBe(this.tried);
    const refused = [...this.refused].map(([code, n]) => `${n} ${code}`).join(', ');
    recordTrial({ area: 'bad input', trial, tried: this.tried, held: this.held, detail: `${this.read} read (bad lines as events), ${refused || 'none refused'}; no other error` });
  }
}

let seedText = '';
let seedLines: JsonValue[] = [];

beforeAll(async () => {
  const bodies = await makeOtlpBodies({ traces: 1, logs: 2 });
  const header = {
    chokepoint: {
      format: INCIDENT_FORMAT, formatVersion: 1, title: 'seed', notes: '', createdAtUnixNano: '1', fromUnixNano: '1', toUnixNano: '2',
      services: ['checkout'], host: null, chokepointVersion: '0.1.0', counts: { spans: 5, metricPoints: 5, logs: 2 },
    },
  };
  seedLines = [header, JSON.parse(bodies.traces.json) as JsonValue, JSON.parse(bodies.metrics.json) as JsonValue, JSON.parse(bodies.logs.json) as JsonValue];
  seedText = `${seedLines.map((line) => JSON.stringify(line)).join('\n')}\n`;
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('telemetry file reader fuzz', () => {
  it('random bytes, plain and gzip’d', async () => {
    const tally = new Tally();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_048 }), fc.boolean(), async (bytes, gzip) => tally.check(gzip ? zlib.gzipSync(bytes) : bytes)),
      { numRuns: runs(300) },
    );
    tally.report('incident file reader fuzz: random bytes (plain and gzip)');
  }, TIMEOUT_MS);

  it('a valid incident file with bytes mutated, before gzip and after', async () => {
    const tally = new Tally();
    const plain = Buffer.from(seedText);
    const gzipped = zlib.gzipSync(plain);
    await fc.assert(
      fc.asyncProperty(mutatedBytes(plain), async ({ bytes }) => tally.check(bytes)),
      { numRuns: runs(250) },
    );
    await fc.assert(
      fc.asyncProperty(mutatedBytes(plain), async ({ bytes }) => tally.check(zlib.gzipSync(bytes))),
      { numRuns: runs(150) },
    );
    await fc.assert(
      fc.asyncProperty(mutatedBytes(gzipped, 3), async ({ bytes }) => tally.check(bytes)),
      { numRuns: runs(250) },
    );
    tally.report('incident file reader fuzz: valid file with bytes mutated (plain, before and after gzip)');
  }, TIMEOUT_MS);

  it('regression: header times that are not digits, or past 2262, are a header problem, not a crash', async () => {
    const tally = new Tally();
    const header = seedLines[0] as { chokepoint: Record<string, unknown> };
    for (const bad of ['abc', '-1', '1e3', '', '\u0000', '99999999999999999999', '9223372036854775808', 12]) {
      const line = JSON.stringify({ chokepoint: { ...header.chokepoint, fromUnixNano: bad } });
      fileNumber += 1;
      const file = path.join(dir, `h${fileNumber}.chokepoint`);
      fs.writeFileSync(file, `${line}\n${JSON.stringify(seedLines[1])}\n`);
      const events = [];
      for await (const event of readTelemetryFile(file, LIMITS)) events.push(event);
      expect(events[0]).toMatchObject({ type: 'error', line: 1, message: expect.stringMatching(/^header: fromUnixNano: /) as unknown });
      expect(events[1]).toMatchObject({ type: 'batch' });
      await tally.check(`${line}\n`);
    }
    tally.report('incident file reader: header times not digits or past 2262');
  }, TIMEOUT_MS);

  it('lines with values of the wrong type, lines replaced by any JSON, lines repeated', async () => {
    const tally = new Tally();
    const lineArbitrary = fc.oneof(
      fc.constantFrom(...seedLines).chain((seed) => mutatedJson(seed, 3).map(({ value }) => JSON.stringify(value))),
      hostileJsonValue.map((value) => JSON.stringify(value)),
      fc.constantFrom(...seedLines.map((line) => JSON.stringify(line))),
      fc.string({ maxLength: 40 }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(lineArbitrary, { minLength: 0, maxLength: 12 }), fc.boolean(), async (lines, gzip) => {
        const text = `${lines.join('\n')}\n`;
        await tally.check(gzip ? zlib.gzipSync(text) : text);
      }),
      { numRuns: runs(300) },
    );
    tally.report('incident file reader fuzz: OTLP lines with wrong types, any JSON, repeated lines');
  }, TIMEOUT_MS);
});
