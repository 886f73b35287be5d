// hot_spot: load skewed onto one key among siblings that should share it — one database of a set of shards,
// one partition of a topic, one server of a cluster, one instance of a service, one cache key. Operations and
// time are counted per key; a key far above its fair share, with enough volume to rule out chance, is hot.
import type { EvidenceSeries } from '../common/findings.ts';
import type { EvidenceSpan } from './evidence.ts';
import { hotSpotFamilies, type HotSpotDimension, type HotSpotObservation } from './hot-spot-keys.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { percentile } from './series-math.ts';
import { durationMs } from './span-attributes.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';
import { bucketByTime, latestRun } from './time-buckets.ts';

type Thresholds = 'minKeys' | 'minOps' | 'maxToMeanRatio' | 'minExcessSigmas' | 'slowerP95Ratio';

const BUCKET_NANOS = 5_000_000_000n;
const LABELS: Record<HotSpotDimension, string> = {
  'db.namespace': 'database',
  'server.address': 'server',
  partition: 'partition',
  'service.instance.id': 'instance',
  'cache.key': 'cache key',
};

interface KeyLoad {
  key: string;
  spans: EvidenceSpan[];
  ms: number;
}

interface Candidate {
  finding: RuleFinding;
  hotSpanIds: Set<string>;
}

const pct = (v: number): string => `${Math.round(v * 100)}%`;

function mostCommon(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  for (const [v, n] of counts) if (best === undefined || n > (counts.get(best) ?? 0)) best = v;
  return best;
}

/**
 * A key far above its fair share (`maxToMeanRatio` × the mean) with enough volume to rule out chance. Decided
 * from counts alone, so families that are not skewed never have their operations listed.
 */
function isSkewed(keys: number, total: number, hotOps: number, t: Record<Thresholds, number>): boolean {
  if (keys < t.minKeys || total < t.minOps) return false;
  const mean = total / keys;
  // Poisson noise guard: with few operations per key, one key doubles the mean by chance.
  const sigmas = (hotOps - mean) / Math.sqrt(mean);
  return !(hotOps / mean < t.maxToMeanRatio || sigmas < t.minExcessSigmas);
}

function loadsOf(observations: readonly HotSpotObservation[]): KeyLoad[] {
  const loads = new Map<string, KeyLoad>();
  for (const o of observations) {
    let load = loads.get(o.key);
    if (load === undefined) {
      load = { key: o.key, spans: [], ms: 0 };
      loads.set(o.key, load);
    }
    load.spans.push(o.span);
    load.ms += durationMs(o.span);
  }
  return [...loads.values()].sort((a, b) => b.spans.length - a.spans.length || a.key.localeCompare(b.key));
}

function evaluateFamily(observations: HotSpotObservation[], spansFrom: bigint, at: bigint, t: Record<Thresholds, number>, spansDropped: number): Candidate | null {
  const { dimension, family } = observations[0];
  const loads = loadsOf(observations);
  const keys = loads.length;
  const total = observations.length;
  const hot = loads[0];
  if (!isSkewed(keys, total, hot.spans.length, t)) return null;
  const mean = total / keys;
  const ratio = hot.spans.length / mean;

  const share = hot.spans.length / total;
  const totalMs = loads.reduce((sum, l) => sum + l.ms, 0);
  const timeShare = totalMs > 0 ? hot.ms / totalMs : share;
  const rest = loads.slice(1).flatMap((l) => l.spans);
  const hotP95 = percentile(hot.spans.map(durationMs), 95);
  const restP95 = percentile(rest.map(durationMs), 95);
  const slower = rest.length >= 5 && restP95 > 0 && hotP95 >= t.slowerP95Ratio * restP95;

  // Onset: the start of the latest stretch of 5 s buckets in which this key held more than its allowed share.
  const hotShareLine = t.maxToMeanRatio / keys;
  const buckets = bucketByTime(observations, (o) => o.span.startTimeUnixNano, spansFrom, at, BUCKET_NANOS);
  const bucketShare = (items: readonly HotSpotObservation[]) => items.filter((o) => o.key === hot.key).length / items.length;
  const run = latestRun(buckets, (b) => (b.items.length < 2 * keys ? undefined : bucketShare(b.items) >= hotShareLine));
  const hotInRun = run === null ? hot.spans : buckets.slice(run.first, run.last + 1).flatMap((b) => b.items.filter((o) => o.key === hot.key).map((o) => o.span));
  const starts = (hotInRun.length > 0 ? hotInRun : hot.spans).map((s) => s.startTimeUnixNano);
  const onset = starts.reduce((a, b) => (b < a ? b : a));
  const end = hot.spans.reduce((a, s) => (s.endTimeUnixNano > a ? s.endTimeUnixNano : a), 0n);

  const label = LABELS[dimension];
  const service = dimension === 'service.instance.id' ? family : mostCommon(hot.spans.map((s) => s.resource.serviceName));
  const offending = slowestFirst(hot.spans);
  const series: EvidenceSeries[] = [
    {
      metric: `share of ${family} operations on ${hot.key}`,
      unit: '1',
      attributes: { dimension, key: hot.key },
      points: buckets.filter((b) => b.items.length > 0).map((b) => ({ timeUnixNano: b.endUnixNano.toString(), value: Number(bucketShare(b.items).toFixed(4)) })),
      threshold: hotShareLine,
    },
  ];
  const slowText = rest.length < 5 ? '' : slower
    ? ` It is also slower: p95 ${hotP95.toFixed(0)} ms against ${restP95.toFixed(0)} ms on the others.`
    : ` Its p95 (${hotP95.toFixed(0)} ms) is not much above the others' (${restP95.toFixed(0)} ms) yet.`;
  const excess = Math.min(0.3, (ratio - t.maxToMeanRatio) * 0.1);
  const finding: RuleFinding = {
    key: `${dimension}:${family}:${hot.key}`,
    severity: slower ? 'critical' : 'warning',
    score: 0.45 + excess + (slower ? 0.2 : 0) + Math.min(0.05, total / 20_000),
    confidence: (dimension === 'service.instance.id' ? 0.75 : 0.85) - (spansDropped > 0 ? 0.1 : 0),
    title: `Hot ${label} ${hot.key}: ${pct(share)} of ${family} load`,
    summary:
      `${hot.key} took ${hot.spans.length} of ${total} ${family} operations (${pct(share)}) across ${keys} ${label}s, ` +
      `${ratio.toFixed(1)}× the mean of ${mean.toFixed(0)} per ${label} (fair share ${pct(1 / keys)}), and ${pct(timeShare)} of their time.${slowText}`,
    ...(service === undefined ? {} : { service }),
    resource: `${family} ${hot.key}`,
    onsetUnixNano: onset,
    endUnixNano: end,
    evidence: {
      series,
      spans: spanRefs(offending),
      traceIds: traceIdsOf(offending),
      numbers: {
        keys,
        'ops.total': total,
        'ops.hot': hot.spans.length,
        'share.hot': share,
        'share.fair': 1 / keys,
        'max_to_mean': ratio,
        'time_share.hot': timeShare,
        'p95_ms.hot': hotP95,
        ...(rest.length > 0 ? { 'p95_ms.rest': restP95 } : {}),
      },
      ...(rest.length >= 5 ? { comparison: [{ label: `p95 latency: other ${label}s → ${hot.key}`, before: restP95, after: hotP95, unit: 'ms' }] } : {}),
    },
    why: {
      'hot-key-spreading': `${hot.key} carries ${pct(share)} of ${total} operations (${ratio.toFixed(1)}× the mean over ${keys} ${label}s): split that key's work (salted or sub-sharded keys, replicated reads) so it lands on more than one ${label}.`,
      'consistent-hashing': `If keys map to ${label}s by modulo, consistent hashing with virtual nodes lets part of ${hot.key}'s load move without reshuffling the other ${keys - 1}.`,
      sharding: `Re-partition by a key with more spread: ${keys} ${label}s exist but one does ${pct(share)} of the work.`,
      caching: `If ${hot.key}'s ${hot.spans.length} operations are mostly repeated reads, a cache in front absorbs them before they reach the ${label}.`,
      'load-balancing': dimension === 'service.instance.id'
        ? `Instance ${hot.key} gets ${pct(share)} of requests: look for sticky sessions or long-lived connections pinning the balancer, and balance by least outstanding requests.`
        : `Route the ${label}s' reads by load rather than by a fixed key where the data allows it.`,
    },
    notYet: [`Do not add ${label}s or capacity yet: new ones would sit idle while ${hot.key} stays hot. Spread the hot key first, then re-measure.`],
  };
  return { finding, hotSpanIds: new Set(hot.spans.map((s) => `${s.traceId}/${s.spanId}`)) };
}

/** Two dimensions can see one cause (shards on separate servers): keep the stronger of heavily overlapping findings. */
function dropDuplicates(candidates: Candidate[]): RuleFinding[] {
  const sorted = [...candidates].sort((a, b) => b.finding.score - a.finding.score);
  const kept: Candidate[] = [];
  for (const c of sorted) {
    const overlaps = kept.some((k) => [...c.hotSpanIds].filter((id) => k.hotSpanIds.has(id)).length >= 0.8 * c.hotSpanIds.size);
    if (!overlaps) kept.push(c);
  }
  return kept.map((c) => c.finding);
}

export const hotSpot: Rule<Thresholds> = {
  id: 'hot-spot',
  kind: 'hot_spot',
  title: 'Load skewed onto one key',
  needs: { metrics: [], spans: true, description: 'DB, messaging and server spans with db.namespace, server.address, partition/shard attributes, service.instance.id or cache keys' },
  thresholds: {
    minKeys: { value: 3, source: 'Convention: with 1 key there is nothing to balance and with 2 a primary/replica split looks skewed by design; 3 siblings make a fair share meaningful' },
    minOps: { value: 100, source: 'Convention (volume floor): fewer than 100 operations in the 2-minute span window is too little traffic for skew to be the bottleneck' },
    maxToMeanRatio: {
      value: 2,
      source:
        'Cruise Control balances a broker once it exceeds the mean by its balance threshold 1.1 (with 0.8 capacity thresholds) — a planning margin for steady state; ' +
        'adapted to 2× the mean (e.g. 50% of the load on one of 4 keys where 25% is fair) so only skew large enough to be the bottleneck is reported',
    },
    minExcessSigmas: { value: 4, source: 'Poisson noise guard (inferred): a key exceeding the per-key mean m by 4·√m happens by chance less than 1 in 10 000 per key' },
    slowerP95Ratio: { value: 1.5, source: 'Convention: the hot key is called slower when its p95 is 1.5× the other keys’ p95; then the skew is already hurting (critical)' },
  },
  techniques: ['hot-key-spreading', 'consistent-hashing', 'sharding', 'caching', 'load-balancing'],
  evaluate(evidence, t) {
    const candidates: Candidate[] = [];
    for (const family of hotSpotFamilies(evidence.columns(), t.minKeys)) {
      if (!isSkewed(family.keys, family.total, family.hotOps, t)) continue;
      const candidate = evaluateFamily(family.observations(), evidence.spansFromUnixNano, evidence.atUnixNano, t, evidence.spansDropped);
      if (candidate !== null) candidates.push(candidate);
    }
    return dropDuplicates(candidates);
  },
};
