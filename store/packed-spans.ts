// Spans encoded into ready-to-bind row values, column by column in typed arrays, so a batch can move to the
// store's writing thread as a few transferred buffers instead of cloned objects. SpanPacker writes it,
// SpanInserter.insertPacked reads it. Dictionary references (`ref`) are ids (> 0) or -(i + 1) for strings[i].
import type { InstrumentationScope, Resource } from '../common/telemetry.ts';
import { PROMOTED_COLUMNS } from './promoted-attributes.ts';

/** Bytes per span in `ids`: trace id (16), span id (8), parent span id (8, zeros when there is none). */
export const ID_BYTES = 32;
/** Per span in `small`: kind code, status code, 1 when it has a parent. */
export const SMALL_STRIDE = 3;
/** Per span in `numbers`: service ref, name ref, resource index, scope index, flags, then one per promoted column. */
export const NUMBER_FIELDS = { service: 0, name: 1, resource: 2, scope: 3, flags: 4, promoted: 5 } as const;
export const NUMBER_STRIDE = NUMBER_FIELDS.promoted + PROMOTED_COLUMNS.length;

export interface PackedSpans {
  count: number;
  ids: Uint8Array;
  small: Uint8Array;
  /** Start (ns since the epoch) and duration (ns) per span. */
  times: BigInt64Array;
  /** See NUMBER_FIELDS; a promoted column without a value is NaN. Dictionary-kind columns hold refs. */
  numbers: Float64Array;
  /** Attribute blob then extra blob of every span, back to back. */
  blobs: Uint8Array;
  /** Per span: end offset of its attribute blob, end offset of its extra blob (an empty blob is stored as NULL). */
  blobEnds: Uint32Array;
  /** Only spans with a status message or trace state: [span index, status message, trace state]. */
  texts: [number, string | null, string | null][];
  resources: Resource[];
  scopes: InstrumentationScope[];
  /** Strings behind negative refs. */
  strings: string[];
  /** Strings the packer would like in the dictionary (the writer adds those still missing). */
  wanted: string[];
}

/** The buffers to transfer along with a packed batch. */
export function packedTransferList(packed: PackedSpans): ArrayBuffer[] {
  return [packed.ids, packed.small, packed.times, packed.numbers, packed.blobs, packed.blobEnds].map((a) => a.buffer as ArrayBuffer);
}

/** Bytes held by a packed batch (for queue accounting). */
export function packedBytes(packed: PackedSpans): number {
  return packed.ids.byteLength + packed.small.byteLength + packed.times.byteLength + packed.numbers.byteLength + packed.blobs.byteLength + packed.blobEnds.byteLength;
}
