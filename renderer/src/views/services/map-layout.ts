// Places the service map left to right: callers before callees. A node's column is the longest chain of
// calls leading to it (back edges of cycles are ignored for this), so entry services sit on the left and
// databases and external hosts on the right. Within a column, nodes follow their callers' order, which keeps
// most edges from crossing.
import type { ServiceMapEdge, ServiceMapNode } from '../../../../common/service-map.ts';

export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 46;
const COLUMN_GAP = 96;
const ROW_GAP = 26;
const MARGIN = 16;

export interface PlacedNode extends ServiceMapNode {
  column: number;
  x: number;
  y: number;
}

export interface PlacedEdge extends ServiceMapEdge {
  /** SVG path from the caller's right side to the callee's left side. */
  path: string;
  labelX: number;
  labelY: number;
}

export interface MapLayout {
  nodes: PlacedNode[];
  edges: PlacedEdge[];
  width: number;
  height: number;
}

/** Column per node: the longest call chain reaching it, ignoring edges that close a cycle. */
function columnsOf(nodes: readonly ServiceMapNode[], edges: readonly ServiceMapEdge[]): Map<string, number> {
  const callees = new Map<string, string[]>();
  for (const edge of edges) {
    if (edge.from === edge.to) continue;
    callees.set(edge.from, [...(callees.get(edge.from) ?? []), edge.to]);
  }
  // Depth-first from every node in name order, marking back edges (to a node still on the stack).
  const state = new Map<string, 'open' | 'done'>();
  const forward = new Map<string, string[]>();
  const order: string[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    const kept: string[] = [];
    for (const next of callees.get(id) ?? []) {
      const seen = state.get(next);
      if (seen === 'open') continue;
      kept.push(next);
      if (seen === undefined) visit(next);
    }
    forward.set(id, kept);
    state.set(id, 'done');
    order.push(id);
  };
  const hasCaller = new Set(edges.filter((e) => e.from !== e.to).map((e) => e.to));
  const starts = [...nodes].sort((a, b) => Number(hasCaller.has(a.id)) - Number(hasCaller.has(b.id)) || a.id.localeCompare(b.id));
  for (const node of starts) if (!state.has(node.id)) visit(node.id);
  const column = new Map<string, number>(nodes.map((n) => [n.id, 0]));
  // Reverse post-order is a topological order of the forward edges.
  for (const id of order.reverse()) {
    for (const next of forward.get(id) ?? []) column.set(next, Math.max(column.get(next) ?? 0, (column.get(id) ?? 0) + 1));
  }
  return column;
}

export function layoutServiceMap(nodes: readonly ServiceMapNode[], edges: readonly ServiceMapEdge[]): MapLayout {
  const column = columnsOf(nodes, edges);
  const columns: ServiceMapNode[][] = [];
  for (const node of nodes) (columns[column.get(node.id) ?? 0] ??= []).push(node);
  const rowOf = new Map<string, number>();
  columns.forEach((members, c) => {
    const callerRows = (id: string) => edges.filter((e) => e.to === id && (column.get(e.from) ?? 0) < c).map((e) => rowOf.get(e.from) ?? 0);
    const weight = (id: string) => {
      const rows = callerRows(id);
      return rows.length === 0 ? Number.POSITIVE_INFINITY : rows.reduce((a, b) => a + b, 0) / rows.length;
    };
    members.sort((a, b) => weight(a.id) - weight(b.id) || kindRank(a) - kindRank(b) || a.label.localeCompare(b.label));
    members.forEach((node, row) => rowOf.set(node.id, row));
  });
  const placed = new Map<string, PlacedNode>();
  const tallest = Math.max(0, ...columns.map((members) => members?.length ?? 0));
  const height = MARGIN * 2 + tallest * NODE_HEIGHT + Math.max(0, tallest - 1) * ROW_GAP;
  columns.forEach((members, c) => {
    // Short columns are centred against the tallest.
    const own = members.length * NODE_HEIGHT + Math.max(0, members.length - 1) * ROW_GAP;
    const top = (height - own) / 2;
    members.forEach((node, row) => {
      placed.set(node.id, { ...node, column: c, x: MARGIN + c * (NODE_WIDTH + COLUMN_GAP), y: top + row * (NODE_HEIGHT + ROW_GAP) });
    });
  });
  const width = MARGIN * 2 + Math.max(1, columns.length) * NODE_WIDTH + Math.max(0, columns.length - 1) * COLUMN_GAP;
  const placedEdges: PlacedEdge[] = [];
  for (const edge of edges) {
    const from = placed.get(edge.from);
    const to = placed.get(edge.to);
    if (from === undefined || to === undefined) continue;
    const x1 = from.x + NODE_WIDTH;
    const y1 = from.y + NODE_HEIGHT / 2;
    const x2 = to.x;
    const y2 = to.y + NODE_HEIGHT / 2;
    // Forward edges bend once; an edge back to an earlier column loops below both nodes.
    const path =
      x2 > x1
        ? `M${x1},${y1} C${x1 + COLUMN_GAP / 2},${y1} ${x2 - COLUMN_GAP / 2},${y2} ${x2},${y2}`
        : `M${x1},${y1} C${x1 + COLUMN_GAP},${y1 + NODE_HEIGHT * 2} ${x2 - COLUMN_GAP},${y2 + NODE_HEIGHT * 2} ${x2},${y2}`;
    placedEdges.push({ ...edge, path, labelX: (x1 + x2) / 2, labelY: (y1 + y2) / 2 - 6 });
  }
  return { nodes: [...placed.values()], edges: placedEdges, width, height };
}

function kindRank(node: ServiceMapNode): number {
  return node.kind === 'service' ? 0 : node.kind === 'database' ? 1 : 2;
}
