// Protobuf decoders for the two group levels every signal shares. Resource{Spans,Metrics,Logs} and
// Scope{Spans,Metrics,Logs} have one shape: field 1 = the resource or scope, field 2 = the repeated
// items, field 3 = schema_url. Each signal maps a ProtoGroup onto its own wire type.

import { decodeResource, decodeScope } from './decode-protobuf-common.ts';
import type { MessageDecoder, ProtoReader } from './proto-reader.ts';
import { emptyResource, emptyScope } from './wire-types.ts';
import type { WireResource, WireScope } from './wire-types.ts';

/** One decoded group: its resource or scope (`head`, empty when absent), its items and schema_url. */
export interface ProtoGroup<H, I> {
  head: H;
  items: I[];
  schemaUrl: string;
}

/** head = 1 (`headName`), items = 2 (repeated `itemsName`), schema_url = 3. */
function decodeGroup<H, I>(
  r: ProtoReader,
  end: number,
  headName: string,
  decodeHead: MessageDecoder<H>,
  emptyHead: H,
  itemsName: string,
  decodeItem: MessageDecoder<I>,
): ProtoGroup<H, I> {
  const out: ProtoGroup<H, I> = { head: emptyHead, items: [], schemaUrl: '' };
  while (r.pos < end) {
    const tag = r.tag();
    switch (tag >>> 3) {
      case 1:
        out.head = r.message(tag, headName, -1, decodeHead);
        break;
      case 2:
        out.items.push(r.message(tag, itemsName, out.items.length, decodeItem));
        break;
      case 3:
        out.schemaUrl = r.string(tag, 'schema_url');
        break;
      default:
        r.skip(tag);
    }
  }
  return out;
}

/** Resource{Spans,Metrics,Logs}: resource = 1, scope_{spans,metrics,logs} = 2 (`itemsName`), schema_url = 3. */
export function decodeResourceGroup<I>(
  r: ProtoReader,
  end: number,
  itemsName: string,
  decodeItem: MessageDecoder<I>,
): ProtoGroup<WireResource, I> {
  return decodeGroup(r, end, 'resource', decodeResource, emptyResource(), itemsName, decodeItem);
}

/** Scope{Spans,Metrics,Logs}: scope = 1, spans / metrics / log_records = 2 (`itemsName`), schema_url = 3. */
export function decodeScopeGroup<I>(
  r: ProtoReader,
  end: number,
  itemsName: string,
  decodeItem: MessageDecoder<I>,
): ProtoGroup<WireScope, I> {
  return decodeGroup(r, end, 'scope', decodeScope, emptyScope(), itemsName, decodeItem);
}
