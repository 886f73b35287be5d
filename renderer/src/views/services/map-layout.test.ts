import { describe, expect, it } from 'vitest';
import type { ServiceMapEdge, ServiceMapNode } from '../../../../common/service-map.ts';
import { layoutServiceMap } from './map-layout.ts';

const service = (id: string): ServiceMapNode => ({ id, label: id, kind: 'service', spans: 1, errors: 0 });
const edge = (from: string, to: string): ServiceMapEdge => ({ from, to, calls: 1, errors: 0, callsPerSecond: 1, p50Ms: 1, p95Ms: 2 });

describe('service map layout', () => {
  it('puts callers left of callees, by the longest chain of calls', () => {
    const nodes = ['web', 'orders', 'stock', 'db'].map(service);
    // web → orders → stock → db, and web → db directly: db still sits after stock.
    const layout = layoutServiceMap(nodes, [edge('web', 'orders'), edge('orders', 'stock'), edge('stock', 'db'), edge('web', 'db')]);
    const column = Object.fromEntries(layout.nodes.map((n) => [n.id, n.column]));
    expect(column).toEqual({ web: 0, orders: 1, stock: 2, db: 3 });
    const x = Object.fromEntries(layout.nodes.map((n) => [n.id, n.x]));
    expect(x.web).toBeLessThan(x.orders);
    expect(layout.edges).toHaveLength(4);
  });

  it('lays out a cycle without looping forever, and draws its back edge', () => {
    const layout = layoutServiceMap(['a', 'b'].map(service), [edge('a', 'b'), edge('b', 'a')]);
    expect(layout.nodes.map((n) => [n.id, n.column])).toEqual([
      ['a', 0],
      ['b', 1],
    ]);
    expect(layout.edges).toHaveLength(2);
  });

  it('keeps nodes of one column apart and inside the drawing', () => {
    const nodes = ['gw', 'a', 'b', 'c'].map(service);
    const layout = layoutServiceMap(nodes, [edge('gw', 'a'), edge('gw', 'b'), edge('gw', 'c')]);
    const ys = layout.nodes.filter((n) => n.column === 1).map((n) => n.y);
    expect(new Set(ys).size).toBe(3);
    for (const n of layout.nodes) {
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeLessThan(layout.height);
      expect(n.x).toBeLessThan(layout.width);
    }
  });

  it('shows services that call nobody', () => {
    const layout = layoutServiceMap([service('lonely')], []);
    expect(layout.nodes).toHaveLength(1);
    expect(layout.width).toBeGreaterThan(0);
  });
});
