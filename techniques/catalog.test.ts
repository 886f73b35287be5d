import { describe, expect, it } from 'vitest';
import {
  FINDING_KINDS,
  STAGES,
  SUGGESTION_STAGE_ORDER,
  TECHNIQUES,
  primaryTechniqueFor,
  techniqueById,
  techniquesAtStage,
  techniquesForKind,
} from './index.ts';
import type { FindingKind, ScalingStage, Technique } from './index.ts';

// Written out as records so the compiler fails this file when a kind or stage is added and not listed here.
const ALL_KINDS: Record<FindingKind, true> = {
  cpu_saturation: true,
  memory_pressure: true,
  disk_io_saturation: true,
  network_saturation: true,
  pool_exhaustion: true,
  hot_spot: true,
  thundering_herd: true,
  replication_lag: true,
  n_plus_one: true,
  slow_query: true,
  cascading_failure: true,
  retry_storm: true,
  chatty_calls: true,
  missing_batching: true,
  no_connection_reuse: true,
  lock_contention: true,
  event_loop_blocked: true,
};
const ALL_STAGES: Record<ScalingStage, true> = {
  'start-simple': true,
  measure: true,
  optimize: true,
  'scale-up': true,
  'scale-out': true,
  cache: true,
  'scale-reads': true,
  'go-async': true,
  distribute: true,
  decompose: true,
  protect: true,
};
const kinds = Object.keys(ALL_KINDS) as FindingKind[];

/** Techniques the reference articles name; the catalog must keep every one of them. */
const REQUIRED_IDS = [
  'monolith-first', 'monitoring', 'profiling', 'load-testing', 'capacity-planning',
  'vertical-scaling', 'separate-database', 'runtime-tuning', 'eliminate-unnecessary-work', 'memory-footprint', 'offload-cpu-work', 'async-io',
  'horizontal-scaling', 'stateless-services', 'load-balancing', 'autoscaling', 'scheduled-scaling', 'infrastructure-as-code', 'serverless',
  'indexing', 'query-optimization', 'eager-loading', 'lazy-loading', 'pagination',
  'connection-pooling', 'pool-sizing', 'external-pooler', 'write-batching', 'short-transactions',
  'compression', 'keep-alive', 'call-batching',
  'caching', 'cache-invalidation', 'http-caching', 'cdn', 'request-coalescing', 'ttl-jitter', 'probabilistic-early-refresh', 'prefetching',
  'read-replicas', 'read-write-splitting', 'read-your-writes', 'denormalization', 'materialized-views',
  'message-queues', 'event-driven-architecture', 'dead-letter-queues', 'idempotency',
  'sharding', 'consistent-hashing', 'hot-key-spreading', 'multi-region',
  'functional-partitioning', 'microservices', 'cqrs', 'event-sourcing', 'polyglot-persistence', 'edge-computing', 'api-gateway',
  'load-shedding', 'backpressure', 'rate-limiting',
  'timeouts', 'circuit-breakers', 'bulkheads', 'retries-with-backoff', 'redundancy', 'gradual-ramp-up',
];

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// Each check returns the problems it finds, so the same check is run on the catalog (expect none) and on a
// broken copy (expect the problem): a check that cannot fail is caught here.

function idProblems(list: readonly Technique[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const t of list) {
    if (!KEBAB.test(t.id)) out.push(`${t.id}: not kebab-case`);
    if (seen.has(t.id)) out.push(`${t.id}: duplicate id`);
    seen.add(t.id);
  }
  return out;
}

function referenceProblems(list: readonly Technique[]): string[] {
  const ids = new Set(list.map((t) => t.id));
  const out: string[] = [];
  for (const t of list) {
    for (const [field, refs] of [['tryFirst', t.tryFirst], ['related', t.related]] as const) {
      if (new Set(refs).size !== refs.length) out.push(`${t.id}.${field}: duplicate entry`);
      for (const ref of refs) {
        if (ref === t.id) out.push(`${t.id}.${field}: refers to itself`);
        else if (!ids.has(ref)) out.push(`${t.id}.${field}: unknown id ${ref}`);
      }
    }
  }
  return out;
}

/** "Try first" must lead to cheaper steps, never back: the graph has no cycle. */
function tryFirstCycles(list: readonly Technique[]): string[] {
  const byId = new Map(list.map((t) => [t.id, t]));
  const state = new Map<string, 'open' | 'done'>();
  const out: string[] = [];
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      out.push([...path.slice(path.indexOf(id)), id].join(' → '));
      return;
    }
    state.set(id, 'open');
    for (const next of byId.get(id)?.tryFirst ?? []) visit(next, [...path, id]);
    state.set(id, 'done');
  };
  for (const t of list) visit(t.id, []);
  return out;
}

function kindProblems(list: readonly Technique[]): string[] {
  const out: string[] = [];
  for (const t of list) {
    if (new Set(t.answers).size !== t.answers.length) out.push(`${t.id}: duplicate kind in answers`);
    for (const k of [...t.answers, ...(t.primaryFor ?? [])]) if (!(k in ALL_KINDS)) out.push(`${t.id}: unknown kind ${k}`);
    for (const k of t.primaryFor ?? []) if (!t.answers.includes(k)) out.push(`${t.id}: primary for ${k} but does not answer it`);
  }
  for (const k of kinds) {
    if (!list.some((t) => t.answers.includes(k))) out.push(`${k}: no technique answers it`);
    const primaries = list.filter((t) => t.primaryFor?.includes(k) === true).map((t) => t.id);
    if (primaries.length !== 1) out.push(`${k}: ${primaries.length} primaries (${primaries.join(', ')})`);
  }
  return out;
}

function textProblems(list: readonly Technique[]): string[] {
  const out: string[] = [];
  const blank = (s: string): boolean => s.trim().length === 0;
  for (const t of list) {
    for (const [field, value] of [['name', t.name], ['summary', t.summary], ['premature', t.premature]] as const) {
      if (blank(value)) out.push(`${t.id}.${field}: empty`);
      if (value !== value.trim() || value.includes('  ')) out.push(`${t.id}.${field}: stray whitespace`);
    }
    for (const [field, items] of [['cures', t.cures], ['costs', t.costs]] as const) {
      if (items.length === 0) out.push(`${t.id}.${field}: no entries`);
    }
    for (const [field, items] of [['cures', t.cures], ['costs', t.costs], ['facts', t.facts ?? []]] as const) {
      for (const item of items) if (blank(item)) out.push(`${t.id}.${field}: empty entry`);
    }
    if (t.facts?.length === 0) out.push(`${t.id}.facts: present but empty (omit it)`);
    // Read in a console: a summary of one or two sentences, a "premature" line that says what to check.
    if (t.summary.length > 300) out.push(`${t.id}.summary: ${t.summary.length} chars, over 300`);
    if (t.premature.length > 240) out.push(`${t.id}.premature: ${t.premature.length} chars, over 240`);
    if (t.premature === t.summary) out.push(`${t.id}.premature: repeats the summary`);
  }
  return out;
}

const clone = (): Technique[] => TECHNIQUES.map((t) => ({ ...t, answers: [...t.answers], tryFirst: [...t.tryFirst], related: [...t.related] }));
const at = (list: Technique[], id: string): Technique => {
  const t = list.find((x) => x.id === id);
  if (t === undefined) throw new Error(`no technique ${id}`);
  return t;
};

describe('technique catalog', () => {
  it('has unique kebab-case ids', () => {
    expect(idProblems(TECHNIQUES)).toEqual([]);
    const broken = clone();
    broken.push({ ...at(broken, 'caching') });
    at(broken, 'cdn').id = 'Content_Delivery';
    expect(idProblems(broken)).toEqual(['Content_Delivery: not kebab-case', 'caching: duplicate id']);
  });

  it('resolves every tryFirst and related id to an entry', () => {
    expect(referenceProblems(TECHNIQUES)).toEqual([]);
    const broken = clone();
    at(broken, 'read-replicas').tryFirst.push('add-an-index');
    at(broken, 'sharding').related.push('sharding');
    expect(referenceProblems(broken)).toEqual([
      'read-replicas.tryFirst: unknown id add-an-index',
      'sharding.related: refers to itself',
    ]);
  });

  it('has no cycle in tryFirst', () => {
    expect(tryFirstCycles(TECHNIQUES)).toEqual([]);
    const broken = clone();
    at(broken, 'indexing').tryFirst.push('read-replicas');
    expect(tryFirstCycles(broken)).toContain('indexing → read-replicas → indexing');
  });

  it('answers every finding kind, with exactly one primary each', () => {
    expect(kindProblems(TECHNIQUES)).toEqual([]);
    const broken = clone();
    at(broken, 'caching').primaryFor = ['slow_query'];
    const eager = at(broken, 'eager-loading');
    eager.primaryFor = undefined;
    expect(kindProblems(broken)).toEqual([
      'n_plus_one: 0 primaries ()',
      'slow_query: 2 primaries (indexing, caching)',
    ]);
  });

  it('lists every finding kind in FINDING_KINDS once', () => {
    expect([...FINDING_KINDS].sort()).toEqual([...kinds].sort());
  });

  it('has no empty or overlong texts', () => {
    expect(textProblems(TECHNIQUES)).toEqual([]);
    const broken = clone();
    at(broken, 'cdn').premature = ' ';
    at(broken, 'ttl-jitter').costs = [];
    expect(textProblems(broken)).toEqual([
      'cdn.premature: empty',
      'cdn.premature: stray whitespace',
      'ttl-jitter.costs: no entries',
    ]);
  });

  it('covers every technique the reference articles name', () => {
    const missing = REQUIRED_IDS.filter((id) => techniqueById(id) === undefined);
    expect(missing).toEqual([]);
    expect(new Set(REQUIRED_IDS).size).toBe(REQUIRED_IDS.length);
    expect(TECHNIQUES.length).toBeGreaterThanOrEqual(40);
  });

  it('documents every stage once, in journey order, and uses each', () => {
    expect(STAGES.map((s) => s.id).sort()).toEqual((Object.keys(ALL_STAGES) as ScalingStage[]).sort());
    expect(STAGES[0]?.id).toBe('start-simple');
    for (const s of STAGES) {
      expect(s.name.trim(), s.id).not.toBe('');
      expect(s.description.trim(), s.id).not.toBe('');
      expect(techniquesAtStage(s.id).length, s.id).toBeGreaterThan(0);
    }
  });
});

describe('lookups', () => {
  it('finds a technique by id and nothing for an unknown id', () => {
    expect(techniqueById('connection-pooling')?.name).toBe('Connection pooling');
    expect(techniqueById('no-such-technique')).toBeUndefined();
  });

  it('returns the primary first, then every other technique answering the kind', () => {
    for (const k of kinds) {
      const list = techniquesForKind(k);
      const primary = primaryTechniqueFor(k);
      expect(primary, k).toBeDefined();
      expect(list[0]?.id, k).toBe(primary?.id);
      expect(list.map((t) => t.id).sort(), k).toEqual(TECHNIQUES.filter((t) => t.answers.includes(k)).map((t) => t.id).sort());
    }
  });

  it('orders the rest by stage, cheapest first', () => {
    expect([...SUGGESTION_STAGE_ORDER].sort()).toEqual(STAGES.map((s) => s.id).sort());
    const order = new Map(SUGGESTION_STAGE_ORDER.map((s, i) => [s, i]));
    for (const k of kinds) {
      const stages = techniquesForKind(k).slice(1).map((t) => order.get(t.stage) ?? -1);
      expect(stages, k).toEqual([...stages].sort((a, b) => a - b));
    }
  });

  it('maps the main findings to the expected first suggestion', () => {
    expect(primaryTechniqueFor('n_plus_one')?.id).toBe('eager-loading');
    expect(primaryTechniqueFor('pool_exhaustion')?.id).toBe('pool-sizing');
    expect(primaryTechniqueFor('thundering_herd')?.id).toBe('request-coalescing');
    expect(primaryTechniqueFor('retry_storm')?.id).toBe('retries-with-backoff');
    expect(primaryTechniqueFor('cascading_failure')?.id).toBe('circuit-breakers');
    expect(primaryTechniqueFor('slow_query')?.id).toBe('indexing');
  });

  it('suggests cheap fixes before new hardware or new architecture', () => {
    const ids = (k: FindingKind): string[] => techniquesForKind(k).map((t) => t.id);
    const before = (k: FindingKind, a: string, b: string): boolean => ids(k).indexOf(a) < ids(k).indexOf(b);
    expect(before('slow_query', 'indexing', 'read-replicas')).toBe(true);
    expect(before('slow_query', 'caching', 'read-replicas')).toBe(true);
    expect(before('disk_io_saturation', 'write-batching', 'sharding')).toBe(true);
    expect(before('pool_exhaustion', 'query-optimization', 'external-pooler')).toBe(true);
    expect(before('cpu_saturation', 'eliminate-unnecessary-work', 'horizontal-scaling')).toBe(true);
  });
});
