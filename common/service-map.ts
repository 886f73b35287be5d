// The Services view's dependency map: who calls whom, derived from parent/child spans, with rate, errors and
// duration per edge. Calls that leave the traced services (a database, an untraced host) end at a leaf node.

export type ServiceNodeKind = 'service' | 'database' | 'external';

export interface ServiceMapNode {
  /** Unique across kinds: the service name, or "db:<system>" / "ext:<address>". */
  id: string;
  label: string;
  kind: ServiceNodeKind;
  /** Spans this node's service produced in the window (0 for leaves). */
  spans: number;
  errors: number;
}

export interface ServiceMapEdge {
  from: string;
  to: string;
  calls: number;
  errors: number;
  /** calls ÷ the seconds between the oldest and newest span read (at least 1). */
  callsPerSecond: number;
  /** Duration of the calls (the callee's server span, or the caller's client span for leaves), milliseconds. */
  p50Ms: number;
  p95Ms: number;
}

export interface ServiceMapResponse {
  fromUnixNano: string;
  toUnixNano: string;
  /** Spans read to build the map (the newest, at most the route's limit). */
  spansRead: number;
  /** True when the window held more spans than were read: the map covers the newest part of it. */
  truncated: boolean;
  nodes: ServiceMapNode[];
  edges: ServiceMapEdge[];
}
