import { describe, it, expect } from 'vitest';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { ChokepointError } from '../../common/error-codes.ts';
import type { Signal } from '../../common/telemetry.ts';
import { makeSyntheticSpans } from '../../fixtures/synthetic-spans.ts';
import { decodeProtobufRequest } from './decode-protobuf.ts';
import type { WireExportRequest, WireMetricsRequest, WireTracesRequest } from './wire-types.ts';

// A tiny protobuf encoder, independent of protobufjs, to build exact (and exactly broken) inputs.
type Bytes = number[];
function varint(value: bigint | number): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  while (v >= 0x80n) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
}
const tag = (field: number, wireType: number): Bytes => varint((field << 3) | wireType);
const len = (field: number, payload: Bytes): Bytes => [...tag(field, 2), ...varint(payload.length), ...payload];
const str = (field: number, s: string): Bytes => len(field, [...Buffer.from(s)]);
const hex = (field: number, h: string): Bytes => len(field, [...Buffer.from(h, 'hex')]);
const uvarint = (field: number, v: bigint | number): Bytes => [...tag(field, 0), ...varint(v)];
const zigzag = (field: number, v: number): Bytes => uvarint(field, v < 0 ? -2 * v - 1 : 2 * v);
function fixed64(field: number, v: bigint): Bytes {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(BigInt.asUintN(64, v));
  return [...tag(field, 1), ...b];
}
function double(field: number, v: number): Bytes {
  const b = Buffer.alloc(8);
  b.writeDoubleLE(v);
  return [...tag(field, 1), ...b];
}
function fixed32(field: number, v: number): Bytes {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(v);
  return [...tag(field, 5), ...b];
}
const body = (...parts: Bytes[]): Uint8Array => Uint8Array.from(parts.flat());

const TRACE = '5b8efff798038103d269b633813fc60c';
const SPAN = 'eee19b7ec3c1b174';
/** KeyValue{key, value: AnyValue{string_value}} */
const kvString = (field: number, key: string, value: string): Bytes => len(field, [...str(1, key), ...len(2, str(1, value))]);
function span(...extra: Bytes[]): Bytes {
  return [...hex(1, TRACE), ...hex(2, SPAN), ...str(5, 'op'), ...uvarint(6, 2), ...fixed64(7, 10n), ...fixed64(8, 20n), ...extra.flat()];
}
const traces = (...spans: Bytes[]): Uint8Array =>
  body(len(1, [...len(1, kvString(1, 'service.name', 'svc')), ...len(2, spans.flatMap((s) => len(2, s)))]));

function malformed(signal: Signal, input: Uint8Array): string {
  try {
    decodeProtobufRequest(signal, input);
  } catch (error) {
    expect(error).toBeInstanceOf(ChokepointError);
    expect((error as ChokepointError).code).toBe('MALFORMED_BODY');
    return (error as ChokepointError).message;
  }
  throw new Error('expected MALFORMED_BODY, but the input decoded');
}

const firstSpan = (req: WireExportRequest) => (req as WireTracesRequest).resourceSpans[0].scopeSpans[0].spans[0];

describe('decodeProtobufRequest: valid input', () => {
  it('decodes an empty body as an empty request', () => {
    expect(decodeProtobufRequest('traces', new Uint8Array(0))).toEqual({ signal: 'traces', resourceSpans: [] });
    expect(decodeProtobufRequest('logs', new Uint8Array(0))).toEqual({ signal: 'logs', resourceLogs: [] });
  });

  it('reads every span field with its proto number', () => {
    const event = len(11, [...fixed64(1, 15n), ...str(2, 'evt'), ...uvarint(4, 2)]);
    const link = len(13, [...hex(1, TRACE), ...hex(2, 'aaaaaaaaaaaaaaaa'), ...str(3, 'k=v'), ...uvarint(5, 1), ...fixed32(6, 0x101)]);
    const status = len(15, [...str(2, 'bad'), ...uvarint(3, 2)]);
    const req = decodeProtobufRequest(
      'traces',
      traces(span(str(3, 'ts=1'), hex(4, 'bbbbbbbbbbbbbbbb'), uvarint(10, 3), event, uvarint(12, 4), link, uvarint(14, 5), status, fixed32(16, 0x301))),
    );
    expect(firstSpan(req)).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      traceState: 'ts=1',
      parentSpanId: 'bbbbbbbbbbbbbbbb',
      name: 'op',
      kind: 2,
      startTimeUnixNano: 10n,
      endTimeUnixNano: 20n,
      droppedAttributesCount: 3,
      events: [{ timeUnixNano: 15n, name: 'evt', attributes: [], droppedAttributesCount: 2 }],
      droppedEventsCount: 4,
      links: [{ traceId: TRACE, spanId: 'aaaaaaaaaaaaaaaa', traceState: 'k=v', droppedAttributesCount: 1, flags: 0x101 }],
      droppedLinksCount: 5,
      status: { code: 2, message: 'bad' },
      flags: 0x301,
    });
  });

  it('reads fixed64 times above 2^53 exactly', () => {
    const req = decodeProtobufRequest('traces', traces(span(fixed64(7, 1_700_000_000_123_456_789n), fixed64(8, 18_446_744_073_709_551_615n))));
    expect(firstSpan(req).startTimeUnixNano).toBe(1_700_000_000_123_456_789n);
    expect(firstSpan(req).endTimeUnixNano).toBe(18_446_744_073_709_551_615n);
  });

  it('reads int64 attribute values of every varint length exactly, negative ones included', () => {
    const values = [0n, 1n, 127n, 128n, 200n, 5432n, 2n ** 28n - 1n, 2n ** 28n, 2n ** 49n - 1n, 2n ** 49n, 2n ** 53n + 1n, 2n ** 63n - 1n, -1n, -(2n ** 63n)];
    const attrs = values.map((v, i) => len(9, [...str(1, `i${i}`), ...len(2, uvarint(3, v))]));
    const s = firstSpan(decodeProtobufRequest('traces', traces(span(...attrs))));
    expect(s.attributes.map((kv) => (kv.value.kind === 'int' ? kv.value.value : kv.value.kind))).toEqual(values);
  });

  it('reports an int64 varint cut off by the end of its message as truncated', () => {
    // AnyValue{int_value} whose varint's last byte is missing (continuation bit set on the final byte present).
    expect(malformed('traces', traces(span(len(9, [...str(1, 'i'), ...len(2, [...tag(3, 0), 0x80, 0x80])]))))).toMatch(/truncated|out of range|varint/i);
  });

  it('decodes every AnyValue kind', () => {
    const any = (...p: Bytes[]) => p.flat();
    const attrs = [
      len(9, [...str(1, 's'), ...len(2, str(1, 'text'))]),
      len(9, [...str(1, 'b'), ...len(2, uvarint(2, 1))]),
      len(9, [...str(1, 'i'), ...len(2, uvarint(3, -42n))]),
      len(9, [...str(1, 'd'), ...len(2, double(4, 2.5))]),
      len(9, [...str(1, 'a'), ...len(2, len(5, [...len(1, str(1, 'x')), ...len(1, uvarint(3, 7))]))]),
      len(9, [...str(1, 'kv'), ...len(2, len(6, len(1, [...str(1, 'inner'), ...len(2, uvarint(2, 0))])))]),
      len(9, [...str(1, 'by'), ...len(2, len(7, [0, 255]))]),
      len(9, [...str(1, 'empty'), ...len(2, any())]),
    ];
    const s = firstSpan(decodeProtobufRequest('traces', traces(span(...attrs))));
    expect(s.attributes).toEqual([
      { key: 's', value: { kind: 'string', value: 'text' } },
      { key: 'b', value: { kind: 'bool', value: true } },
      { key: 'i', value: { kind: 'int', value: -42n } },
      { key: 'd', value: { kind: 'double', value: 2.5 } },
      { key: 'a', value: { kind: 'array', values: [{ kind: 'string', value: 'x' }, { kind: 'int', value: 7n }] } },
      { key: 'kv', value: { kind: 'kvlist', values: [{ key: 'inner', value: { kind: 'bool', value: false } }] } },
      { key: 'by', value: { kind: 'bytes', value: Uint8Array.of(0, 255) } },
      { key: 'empty', value: { kind: 'empty' } },
    ]);
  });

  it('skips unknown fields of every wire type, groups included, at every level', () => {
    const unknown = [...uvarint(99, 5), ...str(98, 'x'), ...fixed32(97, 1), ...fixed64(96, 1n), ...tag(95, 3), ...uvarint(1, 1), ...tag(95, 4)];
    const input = body(
      unknown,
      len(1, [...unknown, ...len(1, [...unknown, ...kvString(1, 'service.name', 'svc')]), ...len(2, [...unknown, ...len(2, span(unknown))])]),
    );
    const req = decodeProtobufRequest('traces', input) as WireTracesRequest;
    expect(req.resourceSpans).toHaveLength(1);
    expect(req.resourceSpans[0].resource.attributes).toEqual([{ key: 'service.name', value: { kind: 'string', value: 'svc' } }]);
    expect(firstSpan(req)).toMatchObject({ traceId: TRACE, spanId: SPAN, name: 'op', kind: 2, endTimeUnixNano: 20n });
  });

  it('accepts packed and unpacked repeated scalars alike', () => {
    const metric = (point: Bytes, expPoint: Bytes): Uint8Array =>
      body(len(1, len(2, [...len(2, [...str(1, 'h'), ...len(9, len(1, point))]), ...len(2, [...str(1, 'e'), ...len(10, len(1, expPoint))])])));
    const packed = metric(
      [...fixed64(3, 5n), ...len(6, [...fixed64(0, 1n).slice(1), ...fixed64(0, 2n).slice(1)]), ...len(7, double(0, 1.5).slice(1))],
      [...fixed64(3, 5n), ...len(8, [...zigzag(1, -2), ...len(2, [...varint(3), ...varint(4)])])],
    );
    const unpacked = metric(
      [...fixed64(3, 5n), ...fixed64(6, 1n), ...fixed64(6, 2n), ...double(7, 1.5)],
      [...fixed64(3, 5n), ...len(8, [...zigzag(1, -2), ...uvarint(2, 3), ...uvarint(2, 4)])],
    );
    const a = decodeProtobufRequest('metrics', packed) as WireMetricsRequest;
    const b = decodeProtobufRequest('metrics', unpacked) as WireMetricsRequest;
    expect(b).toEqual(a);
    const [h, e] = a.resourceMetrics[0].scopeMetrics[0].metrics;
    expect(h.data).toMatchObject({ type: 'histogram', dataPoints: [{ bucketCounts: [1n, 2n], explicitBounds: [1.5] }] });
    expect(e.data).toMatchObject({ type: 'exponential_histogram', dataPoints: [{ positive: { offset: -2, bucketCounts: [3n, 4n] } }] });
  });

  it('decodes summaries, exemplars and int values of number points', () => {
    const exemplar = len(5, [...kvString(7, 'k', 'v'), ...fixed64(2, 9n), ...hex(4, SPAN), ...hex(5, TRACE), ...fixed64(6, -3n)]);
    const numberPoint = len(1, [...fixed64(2, 1n), ...fixed64(3, 2n), ...fixed64(6, -7n), ...exemplar, ...uvarint(8, 1)]);
    const summaryPoint = len(1, [...fixed64(3, 2n), ...fixed64(4, 10n), ...double(5, 99.5), ...len(6, [...double(1, 0.99), ...double(2, 42)])]);
    const input = body(len(1, len(2, [...len(2, [...str(1, 'g'), ...len(5, numberPoint)]), ...len(2, [...str(1, 's'), ...len(11, summaryPoint)])])));
    const [g, s] = (decodeProtobufRequest('metrics', input) as WireMetricsRequest).resourceMetrics[0].scopeMetrics[0].metrics;
    expect(g.data).toEqual({
      type: 'gauge',
      dataPoints: [
        {
          attributes: [],
          startTimeUnixNano: 1n,
          timeUnixNano: 2n,
          value: { kind: 'int', value: -7n },
          exemplars: [
            {
              filteredAttributes: [{ key: 'k', value: { kind: 'string', value: 'v' } }],
              timeUnixNano: 9n,
              value: { kind: 'int', value: -3n },
              spanId: SPAN,
              traceId: TRACE,
            },
          ],
          flags: 1,
        },
      ],
    });
    expect(s.data).toEqual({
      type: 'summary',
      dataPoints: [{ attributes: [], startTimeUnixNano: 0n, timeUnixNano: 2n, count: 10n, sum: 99.5, quantileValues: [{ quantile: 0.99, value: 42 }], flags: 0 }],
    });
  });
});

describe('decodeProtobufRequest: hostile input', () => {
  it('names a truncated nested message and its path', () => {
    const brokenSpan = [...tag(2, 2), ...varint(500), ...hex(1, TRACE)]; // declares 500 bytes, has 18
    const scope0 = len(2, len(2, span()));
    const scope1 = len(2, [...len(2, span()), ...len(2, span()), ...len(2, span()), ...brokenSpan]);
    const message = malformed('traces', body(len(1, [...scope0, ...scope1])));
    expect(message).toBe('protobuf: truncated message (declares 500 bytes, 18 remain) in resource_spans[0].scope_spans[1].spans[3]');
  });

  it('refuses every truncation of a real SDK request that cuts a field short', () => {
    const full = ProtobufTraceSerializer.serializeRequest(makeSyntheticSpans({ traces: 2, queriesPerTrace: 1 }))!;
    let refused = 0;
    for (let cut = 1; cut < full.length; cut++) {
      try {
        decodeProtobufRequest('traces', full.subarray(0, cut));
      } catch (error) {
        expect((error as ChokepointError).code).toBe('MALFORMED_BODY');
        expect((error as ChokepointError).message).toMatch(/^protobuf: truncated message/);
        refused++;
      }
    }
    // The body is one resource_spans field: every cut inside it is a truncation.
    expect(refused).toBe(full.length - 1);
  });

  it('refuses a wrong wire type for a known field', () => {
    expect(malformed('traces', traces(span(uvarint(5, 1))))).toBe(
      'protobuf: field name (5) has wire type 0 (varint), expected 2 (length-delimited) in resource_spans[0].scope_spans[0].spans[0]',
    );
    expect(malformed('traces', traces(span(str(7, 'x'))))).toContain('field start_time_unix_nano (7) has wire type 2 (length-delimited), expected 1 (64-bit)');
    expect(malformed('traces', body(uvarint(1, 3)))).toBe(
      'protobuf: field resource_spans (1) has wire type 0 (varint), expected 2 (length-delimited) in resource_spans[0]',
    );
  });

  it('refuses a huge declared length and an overlong length varint', () => {
    expect(malformed('traces', body([...tag(1, 2), ...varint(2_147_483_647)]))).toBe(
      'protobuf: truncated message (declares 2147483647 bytes, 0 remain) in resource_spans[0]',
    );
    expect(malformed('logs', body([...tag(1, 2), 0xff, 0xff, 0xff, 0xff, 0x7f]))).toMatch(/invalid length encoding in resource_logs\[0\]/);
  });

  it('refuses invalid wire types, stray end-groups and field number 0', () => {
    expect(malformed('traces', body([...tag(9, 7), 1]))).toMatch(/^protobuf: invalid wire type 7/);
    expect(malformed('traces', body(tag(9, 4)))).toBe('protobuf: unexpected end-group tag for field 9 at top level');
    expect(malformed('metrics', body([0x00, 0x01]))).toBe('protobuf: illegal field number 0 at top level');
    expect(malformed('traces', body([...tag(9, 3), ...uvarint(1, 1), ...tag(8, 4)]))).toMatch(/invalid end group tag/);
  });

  it('refuses an AnyValue nested 10,000 deep without overflowing the stack', () => {
    // Build AnyValue{array_value{values[AnyValue{...}]}} inside out, without quadratic copying.
    let inner = len(1, str(1, 'leaf')).slice(0); // ArrayValue.values = AnyValue{string_value}
    const prefixes: Bytes[] = [];
    let size = inner.length;
    for (let depth = 0; depth < 10_000; depth++) {
      const arrayValue = [...tag(5, 2), ...varint(size)]; // AnyValue.array_value
      size += arrayValue.length;
      const value = [...tag(1, 2), ...varint(size)]; // ArrayValue.values (or KeyValue.value at the top)
      size += value.length;
      prefixes.push(arrayValue, value);
    }
    inner = [...prefixes.reverse().flat(), ...inner];
    inner[0] = (2 << 3) | 2; // the outermost "values" becomes KeyValue.value (field 2)
    const attribute = len(9, [...str(1, 'deep'), ...inner]);
    const message = malformed('traces', traces(span(attribute)));
    expect(message).toMatch(/^protobuf: AnyValue nested deeper than 32 levels in resource_spans\[0\]\.scope_spans\[0\]\.spans\[0\]\.attributes\[0\]\.value\..*more\)…/);
  });

  it('accepts an AnyValue exactly 32 levels deep', () => {
    let value: Bytes = str(1, 'leaf');
    for (let depth = 1; depth < 32; depth++) value = len(5, len(1, value));
    const req = decodeProtobufRequest('traces', traces(span(len(9, [...str(1, 'deep'), ...len(2, value)]))));
    let v = firstSpan(req).attributes[0].value;
    let levels = 1;
    while (v.kind === 'array') {
      v = v.values[0];
      levels++;
    }
    expect(levels).toBe(32);
    expect(v).toEqual({ kind: 'string', value: 'leaf' });
  });

  it('never throws anything but MALFORMED_BODY on random bytes or mutated real requests', () => {
    let seed = 0x2545f491;
    const random = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x100000000;
    };
    const real = ProtobufTraceSerializer.serializeRequest(makeSyntheticSpans({ traces: 1, queriesPerTrace: 2 }))!;
    const signals: Signal[] = ['traces', 'metrics', 'logs'];
    let refused = 0;
    for (let i = 0; i < 3000; i++) {
      let input: Uint8Array;
      if (i % 2 === 0) {
        input = Uint8Array.from({ length: Math.floor(random() * 64) + 1 }, () => Math.floor(random() * 256));
      } else {
        input = Uint8Array.from(real);
        for (let flips = 0; flips < 3; flips++) input[Math.floor(random() * input.length)] = Math.floor(random() * 256);
      }
      try {
        const req = decodeProtobufRequest(signals[i % 3], input);
        expect(req.signal).toBe(signals[i % 3]);
      } catch (error) {
        expect(error).toBeInstanceOf(ChokepointError);
        expect((error as ChokepointError).code).toBe('MALFORMED_BODY');
        refused++;
      }
    }
    expect(refused).toBeGreaterThan(1000);
    expect(malformed('traces', Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))).toMatch(/^protobuf: /);
  });
});
