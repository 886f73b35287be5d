// Property-based fuzz of the OTLP decoders (decodeBatch: decode + normalize, as the store worker runs it).
// Whatever the bytes, the answer is a result or ChokepointError('MALFORMED_BODY'): never another exception
// (a TypeError or RangeError escaping is a bug, and would be a 500 instead of a 400), never a hang.
// Inputs: random bytes, valid bodies of all three signals (made by the real OpenTelemetry serializers)
// with bytes mutated, random protobuf messages built field by field, arbitrary JSON values, and valid
// OTLP/JSON with values replaced by ones of the wrong type. CHOKEPOINT_FUZZ_SCALE=10 runs ten times as many.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ChokepointError } from '../../common/error-codes.ts';
import type { Signal } from '../../common/telemetry.ts';
import { encodeProtoMessage, hostileJsonValue, mutatedBytes, mutatedJson, nestedAnyValue, protoMessage } from '../../fixtures/fuzz-arbitraries.ts';
import type { JsonValue } from '../../fixtures/fuzz-arbitraries.ts';
import { makeOtlpBodies } from '../../fixtures/otlp-bodies.ts';
import type { OtlpBodies } from '../../fixtures/otlp-bodies.ts';
import { recordTrial } from '../../fixtures/reliability-log.ts';
import { decodeBatch } from './decode-batch.ts';
import type { OtlpEncoding } from './otlp-sink.ts';

const SIGNALS: readonly Signal[] = ['traces', 'metrics', 'logs'];
const SCALE = Math.max(0.01, Number(process.env.CHOKEPOINT_FUZZ_SCALE ?? '1') || 1);
const runs = (n: number): number => Math.max(1, Math.round(n * SCALE));
/** The test timeout grows with the number of runs. */
const TIMEOUT_MS = 30_000 * Math.max(1, SCALE);
/** One small body decoding for longer than this is a hang in the making (quadratic work, a runaway loop). */
const SLOW_MS = 2_000;

class Tally {
  tried = 0;
  held = 0;
  decoded = 0;
  malformed = 0;
  slowestMs = 0;

  /** Decodes once; throws (failing the property, with the input) on any outcome but a result or MALFORMED_BODY. */
  check(signal: Signal, encoding: OtlpEncoding, body: Uint8Array): void {
    this.tried += 1;
    const started = performance.now();
    let decoded: boolean;
    try {
      decodeBatch(signal, encoding, body);
      decoded = true;
    } catch (error) {
      if (!(error instanceof ChokepointError) || error.code !== 'MALFORMED_BODY') throw error;
      expect(error.message).not.toBe('');
      decoded = false;
    }
    const ms = performance.now() - started;
    this.slowestMs = Math.max(this.slowestMs, ms);
    if (ms > SLOW_MS) throw new Error(`${signal}/${encoding}: one ${body.length}-byte body took ${Math.round(ms)} ms to decode`);
    this.held += 1;
    if (decoded) this.decoded += 1;
    else this.malformed += 1;
  }

  detail(): string {
    return `${this.decoded} decoded, ${this.malformed} MALFORMED_BODY, 0 other errors; slowest ${this.slowestMs.toFixed(1)} ms`;
  }

  /** Asserts that every input held, then reports the trial. */
  report(trial: string): void {
    expect(this.tried).toBeGreaterThan(0);
    expect(this.held).toBe(this.tried);
    recordTrial({ area: 'bad input', trial, tried: this.tried, held: this.held, detail: this.detail() });
  }
}

const utf8 = new TextEncoder();
const jsonBytes = (value: JsonValue): Uint8Array => utf8.encode(JSON.stringify(value));

let bodies: OtlpBodies;

beforeAll(async () => {
  bodies = await makeOtlpBodies({ traces: 2, logs: 4 });
});

describe('protobuf decoder fuzz', () => {
  it('the unmutated seeds decode completely', () => {
    for (const signal of SIGNALS) {
      const { batch, rejected } = decodeBatch(signal, 'protobuf', bodies[signal].protobuf);
      expect(batch.spans.length + batch.metricPoints.length + batch.logs.length).toBe(bodies[signal].items);
      expect(rejected).toBe(0);
    }
  }, TIMEOUT_MS);

  it('random bytes: a result or MALFORMED_BODY', () => {
    const tally = new Tally();
    for (const signal of SIGNALS) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => tally.check(signal, 'protobuf', bytes)),
        { numRuns: runs(800) },
      );
    }
    tally.report('protobuf decoder fuzz: random bytes');
  }, TIMEOUT_MS);

  it('valid bodies truncated, with bytes flipped, inserted, deleted and duplicated', () => {
    const tally = new Tally();
    for (const signal of SIGNALS) {
      fc.assert(
        fc.property(mutatedBytes(bodies[signal].protobuf), ({ bytes }) => tally.check(signal, 'protobuf', bytes)),
        { numRuns: runs(1_000) },
      );
    }
    tally.report('protobuf decoder fuzz: mutated valid bodies (truncated, flipped, inserted, deleted bytes)');
  }, TIMEOUT_MS);

  it('random messages built field by field (every wire type, nested messages, lying lengths)', () => {
    const tally = new Tally();
    for (const signal of SIGNALS) {
      fc.assert(
        fc.property(protoMessage, (fields) => tally.check(signal, 'protobuf', encodeProtoMessage(fields))),
        { numRuns: runs(1_000) },
      );
    }
    tally.report('protobuf decoder fuzz: random structured messages (wrong wire types, bad lengths)');
  }, TIMEOUT_MS);

  it('valid bodies with a random message spliced in at a random place', () => {
    const tally = new Tally();
    for (const signal of SIGNALS) {
      const seed = bodies[signal].protobuf;
      fc.assert(
        fc.property(protoMessage, fc.nat(), (fields, at) => {
          const extra = encodeProtoMessage(fields);
          const where = at % (seed.length + 1);
          const spliced = new Uint8Array(seed.length + extra.length);
          spliced.set(seed.subarray(0, where), 0);
          spliced.set(extra, where);
          spliced.set(seed.subarray(where), where + extra.length);
          tally.check(signal, 'protobuf', spliced);
        }),
        { numRuns: runs(500) },
      );
    }
    tally.report('protobuf decoder fuzz: valid bodies with random fields spliced in');
  }, TIMEOUT_MS);
});

describe('JSON decoder fuzz', () => {
  it('the unmutated seeds decode completely', () => {
    for (const signal of SIGNALS) {
      const { batch, rejected } = decodeBatch(signal, 'json', utf8.encode(bodies[signal].json));
      expect(batch.spans.length + batch.metricPoints.length + batch.logs.length).toBe(bodies[signal].items);
      expect(rejected).toBe(0);
    }
  }, TIMEOUT_MS);

  it('random bytes and arbitrary JSON values, at top level and under each signal key', () => {
    const tally = new Tally();
    const keys: Record<Signal, string> = { traces: 'resourceSpans', metrics: 'resourceMetrics', logs: 'resourceLogs' };
    for (const signal of SIGNALS) {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 256 }), (bytes) => tally.check(signal, 'json', bytes)),
        { numRuns: runs(300) },
      );
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 5 }) as fc.Arbitrary<JsonValue>, (value) => tally.check(signal, 'json', jsonBytes(value))),
        { numRuns: runs(500) },
      );
      fc.assert(
        fc.property(hostileJsonValue, fc.constantFrom(0, 1, 2, 3), (value, level) => {
          // The value at each level of the OTLP tree: the resource list, a resource entry, a scope entry, an item.
          const item: JsonValue = level === 3 ? [value] : value;
          const scope: JsonValue = level >= 2 ? [{ [signal === 'traces' ? 'spans' : signal === 'metrics' ? 'metrics' : 'logRecords']: item }] : value;
          const resource: JsonValue = level >= 1 ? [{ [signal === 'traces' ? 'scopeSpans' : signal === 'metrics' ? 'scopeMetrics' : 'scopeLogs']: scope }] : value;
          tally.check(signal, 'json', jsonBytes({ [keys[signal]]: resource }));
        }),
        { numRuns: runs(500) },
      );
    }
    tally.report('JSON decoder fuzz: random bytes and arbitrary JSON values');
  }, TIMEOUT_MS);

  it('valid bodies with values replaced by ones of the wrong type, keys removed and added', () => {
    const tally = new Tally();
    for (const signal of SIGNALS) {
      const seed = JSON.parse(bodies[signal].json) as JsonValue;
      fc.assert(
        fc.property(mutatedJson(seed), ({ value }) => tally.check(signal, 'json', jsonBytes(value))),
        { numRuns: runs(600) },
      );
    }
    tally.report('JSON decoder fuzz: mutated valid OTLP/JSON (wrong types, edge numbers, removed/added keys)');
  }, TIMEOUT_MS);

  it('valid bodies with bytes mutated (broken JSON, invalid UTF-8)', () => {
    const tally = new Tally();
    for (const signal of SIGNALS) {
      fc.assert(
        fc.property(mutatedBytes(utf8.encode(bodies[signal].json)), ({ bytes }) => tally.check(signal, 'json', bytes)),
        { numRuns: runs(500) },
      );
    }
    tally.report('JSON decoder fuzz: byte-mutated valid bodies (broken JSON, invalid UTF-8)');
  }, TIMEOUT_MS);
});

describe('decoder regressions', () => {
  it('long digit strings are refused in linear time (the double pattern backtracked quadratically: 50,000 digits took 4.5 s)', () => {
    const tally = new Tally();
    const digits = '1'.repeat(1_000_000);
    for (const [field, value] of [['doubleValue', `${digits}x`], ['doubleValue', `-${digits}.5e`], ['doubleValue', `${digits}.${digits}`], ['intValue', `${digits}x`], ['bytesValue', `${'A'.repeat(1_000_000)}!`]] as const) {
      const body = utf8.encode(JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: '1', body: { [field]: value } }] }] }] }));
      const started = performance.now();
      tally.check('logs', 'json', body);
      expect(performance.now() - started, `${field}: ${value.length} characters`).toBeLessThan(1_000);
    }
    expect(() => decodeBatch('logs', 'json', utf8.encode(JSON.stringify({ resourceLogs: [{ scopeLogs: [{ logRecords: [{ timeUnixNano: '1', body: { doubleValue: `${digits}x` } }] }] }] })))).toThrow(/doubleValue: expected a number/);
    tally.report('decoders: values of a million digits (linear-time refusal)');
  }, TIMEOUT_MS);

  it('deeply nested AnyValues (1,000 and 100,000 levels) are MALFORMED_BODY, not a stack overflow', () => {
    const tally = new Tally();
    for (const depth of [33, 1_000, 100_000]) {
      for (const via of ['array', 'kvlist'] as const) {
        // Built as text: JSON.stringify itself would recurse 100,000 levels.
        const open = via === 'array' ? '{"arrayValue":{"values":[' : '{"kvlistValue":{"values":[{"key":"k","value":';
        const close = via === 'array' ? ']}}' : '}]}}';
        const body = `{"resourceLogs":[{"scopeLogs":[{"logRecords":[{"timeUnixNano":"1","body":${open.repeat(depth)}{"stringValue":"x"}${close.repeat(depth)}}]}]}]}`;
        expect(() => decodeBatch('logs', 'json', utf8.encode(body))).toThrow(/nested deeper/);
        tally.check('logs', 'json', utf8.encode(body));
      }
    }
    expect(JSON.stringify(nestedAnyValue(2, 'array'))).toContain('arrayValue');
    tally.report('decoders: AnyValue nested 33 to 100,000 levels deep (JSON)');
  }, TIMEOUT_MS);
});
