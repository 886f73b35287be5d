// Protobuf decoder for metrics/v1 Exemplar, shared by number, histogram and exponential histogram points.

import { readKeyValue } from './decode-protobuf-common.ts';
import type { ProtoReader } from './proto-reader.ts';
import type { WireExemplar } from './wire-types.ts';

/**
 * Exemplar: filtered_attributes = 7, time_unix_nano = 2 (fixed64), value oneof as_double = 3 (double) /
 * as_int = 6 (sfixed64), span_id = 4, trace_id = 5.
 */
export function decodeExemplar(r: ProtoReader, end: number): WireExemplar {
  const exemplar: WireExemplar = {
    filteredAttributes: [],
    timeUnixNano: 0n,
    value: null,
    spanId: '',
    traceId: '',
  };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 2:
        exemplar.timeUnixNano = r.fixed64(tag, 'time_unix_nano');
        break;
      case 3:
        exemplar.value = { kind: 'double', value: r.double(tag, 'as_double') };
        break;
      case 4:
        exemplar.spanId = r.hexBytes(tag, 'span_id');
        break;
      case 5:
        exemplar.traceId = r.hexBytes(tag, 'trace_id');
        break;
      case 6:
        exemplar.value = { kind: 'int', value: r.sfixed64(tag, 'as_int') };
        break;
      case 7:
        readKeyValue(r, tag, 'filtered_attributes', exemplar.filteredAttributes);
        break;
      default:
        r.skip(tag);
    }
  }
  return exemplar;
}
