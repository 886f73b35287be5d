// The span tree of one evidence snapshot, built once however many rules walk it in an evaluation.
import type { Evidence } from './evidence.ts';
import { spanTree, type SpanTree } from './span-tree.ts';

const trees = new WeakMap<Evidence, SpanTree>();

export function evidenceTree(evidence: Evidence): SpanTree {
  const known = trees.get(evidence);
  if (known !== undefined) return known;
  const tree = evidence.spanTree?.() ?? spanTree(evidence.spans);
  trees.set(evidence, tree);
  return tree;
}
