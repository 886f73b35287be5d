// The dependency map between services, derived from spans in a time window: a child span in another service
// than its parent is a call between them; a client or producer span with no child elsewhere is a call out of
// the traced world (a database by db.system, else a host by server.address). Built where the spans are, so a
// window of 100k+ spans never leaves the worker.
import type Database from 'better-sqlite3';
import type { ServiceMapEdge, ServiceMapNode, ServiceMapResponse } from '../common/service-map.ts';
import { SPAN_KINDS, STATUS_ERROR } from './enum-codes.ts';
import type { StringDictionary } from './string-dictionary.ts';

const CLIENT = SPAN_KINDS.indexOf('client');
const PRODUCER = SPAN_KINDS.indexOf('producer');

type MapRow = [
  traceId: Buffer,
  spanId: Buffer,
  parentSpanId: Buffer | null,
  service: number,
  kind: number,
  durationNs: number,
  status: number,
  dbSystem: number | null,
  serverAddress: number | null,
  startNs: number,
];

interface EdgeAcc {
  from: string;
  to: string;
  errors: number;
  durationsNs: number[];
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

export class ServiceMapQuery {
  private readonly window: Database.Statement<[bigint, bigint, number], MapRow>;

  constructor(
    db: Database.Database,
    private readonly dict: StringDictionary,
  ) {
    this.window = db
      .prepare<[bigint, bigint, number], MapRow>(
        `SELECT trace_id, span_id, parent_span_id, service, kind, duration_ns, status_code, db_system, server_address, start_ns
         FROM spans INDEXED BY spans_by_start WHERE start_ns >= ? AND start_ns < ? ORDER BY start_ns DESC LIMIT ?`,
      )
      .raw(true);
  }

  /** The map of spans starting in [from, to), reading at most `limit` (the newest). */
  build(fromUnixNano: bigint, toUnixNano: bigint, limit: number): ServiceMapResponse {
    const rows = this.window.all(fromUnixNano, toUnixNano, limit + 1);
    const truncated = rows.length > limit;
    if (truncated) rows.length = limit;
    const keyOf = (traceId: Buffer, spanId: Buffer) => traceId.toString('latin1') + spanId.toString('latin1');
    const indexByKey = new Map<string, number>();
    for (let i = 0; i < rows.length; i += 1) indexByKey.set(keyOf(rows[i][0], rows[i][1]), i);

    const services = new Map<number, { spans: number; errors: number }>();
    const edges = new Map<string, EdgeAcc>();
    const leaves = new Map<string, ServiceMapNode>();
    const callsElsewhere = new Uint8Array(rows.length);
    const addCall = (from: string, to: string, row: MapRow) => {
      const key = `${from}\u0000${to}`;
      let edge = edges.get(key);
      if (edge === undefined) {
        edge = { from, to, errors: 0, durationsNs: [] };
        edges.set(key, edge);
      }
      edge.durationsNs.push(row[5]);
      if (row[6] === STATUS_ERROR) edge.errors += 1;
    };

    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i];
      const own = services.get(row[3]) ?? { spans: 0, errors: 0 };
      own.spans += 1;
      if (row[6] === STATUS_ERROR) own.errors += 1;
      services.set(row[3], own);
      if (row[2] === null) continue;
      const parent = indexByKey.get(keyOf(row[0], row[2]));
      if (parent === undefined || rows[parent][3] === row[3]) continue;
      callsElsewhere[parent] = 1;
      addCall(this.dict.value(rows[parent][3]), this.dict.value(row[3]), row);
    }
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i];
      if (callsElsewhere[i] === 1 || (row[4] !== CLIENT && row[4] !== PRODUCER)) continue;
      const leaf = this.leafOf(row);
      if (leaf === null) continue;
      if (!leaves.has(leaf.id)) leaves.set(leaf.id, leaf);
      addCall(this.dict.value(row[3]), leaf.id, row);
    }

    // Rates over the time the spans read actually cover (at least a second), not the whole window: a service
    // that started sending a minute ago is not averaged over fifteen.
    const seconds = rows.length === 0 ? 1 : Math.max(1, (rows[0][9] - rows[rows.length - 1][9]) / 1e9);
    const nodes: ServiceMapNode[] = [...services].map(([id, counts]) => {
      const name = this.dict.value(id);
      return { id: name, label: name, kind: 'service' as const, spans: counts.spans, errors: counts.errors };
    });
    nodes.sort((a, b) => a.id.localeCompare(b.id));
    nodes.push(...[...leaves.values()].sort((a, b) => a.id.localeCompare(b.id)));
    const edgeList: ServiceMapEdge[] = [...edges.values()].map((edge) => {
      const sorted = edge.durationsNs.sort((a, b) => a - b);
      return {
        from: edge.from,
        to: edge.to,
        calls: sorted.length,
        errors: edge.errors,
        callsPerSecond: sorted.length / seconds,
        p50Ms: quantile(sorted, 0.5) / 1e6,
        p95Ms: quantile(sorted, 0.95) / 1e6,
      };
    });
    edgeList.sort((a, b) => b.calls - a.calls);
    return {
      fromUnixNano: fromUnixNano.toString(),
      toUnixNano: toUnixNano.toString(),
      spansRead: rows.length,
      truncated,
      nodes,
      edges: edgeList,
    };
  }

  private leafOf(row: MapRow): ServiceMapNode | null {
    const address = row[8] === null ? '' : this.dict.value(row[8]);
    if (row[7] !== null) {
      const system = this.dict.value(row[7]);
      return { id: `db:${system}:${address}`, label: address === '' ? system : `${system} · ${address}`, kind: 'database', spans: 0, errors: 0 };
    }
    if (address === '') return null;
    return { id: `ext:${address}`, label: address, kind: 'external', spans: 0, errors: 0 };
  }
}
