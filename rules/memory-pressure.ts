// memory_pressure, two ways:
// - host: RAM available stays low, swap fills while pages move, or major page faults pile up (the host is
//   reading memory back from disk);
// - service: a process's memory (RSS or heap) climbs steadily with GC working harder — a leak or an
//   unbounded in-process cache — caught while the host still has plenty of RAM.
// Under heavy GC the runtime's metric exports time out, so gaps appear exactly when it is worst: runs are not
// broken by gaps, and growth is fitted on the points that did arrive.
import { sustainedGrowth, type Growth } from './memory-growth.ts';
import { hostMemory, HOST_MEMORY_NAMES, type HostMemory } from './host-memory.ts';
import { gcActivity, processMemories, PROCESS_MEMORY_NAMES, type GcActivity, type ProcessMemory } from './process-memory.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { between, evidencePoints, mean, nanosToSeconds, sustainedRun, type Run } from './series-math.ts';

type Thresholds =
  | 'warningAvailableRatio'
  | 'criticalAvailableRatio'
  | 'swapUsedRatio'
  | 'majorFaultsPerSecond'
  | 'sustainSeconds'
  | 'growthMinSeconds'
  | 'growthMinRSquared'
  | 'growthMinBytesPerSecond'
  | 'growthMinShare'
  | 'gcRisingShare'
  | 'gcCriticalShare';

const MB = 1024 * 1024;
const pct = (v: number) => `${Math.round(v * 100)}%`;
// GC shares are small numbers; one decimal keeps 0.4% from reading as 0%.
const pct1 = (v: number) => `${(v * 100).toFixed(1)}%`;
const mb = (v: number) => `${(v / MB).toFixed(0)} MB`;

function hostFinding(host: HostMemory, t: Record<Thresholds, number>): RuleFinding | null {
  const low = sustainedRun(host.available, t.warningAvailableRatio, t.sustainSeconds, true);
  const faults = sustainedRun(host.majorFaults, t.majorFaultsPerSecond, t.sustainSeconds);
  const swap = sustainedRun(host.swapUsed, t.swapUsedRatio, t.sustainSeconds);
  const runs = [low, faults, swap].filter((r): r is Run => r !== null);
  if (runs.length === 0) return null;
  const onset = runs.reduce((a, r) => (r.onsetUnixNano < a ? r.onsetUnixNano : a), runs[0].onsetUnixNano);
  const end = runs.reduce((a, r) => (r.endUnixNano > a ? r.endUnixNano : a), runs[0].endUnixNano);
  // A full swap that nothing reads or writes is old pages parked there, not pressure now.
  const swapping = swap !== null && between(host.swapTraffic, swap.onsetUnixNano, swap.endUnixNano).some((p) => p.value > 0);
  const critical = (low !== null && low.mean <= t.criticalAvailableRatio) || (low !== null && faults !== null);
  const severity = critical ? 'critical' : low !== null || faults !== null || swapping ? 'warning' : 'info';
  const parts: string[] = [];
  if (low !== null) parts.push(`only ${pct(low.mean)} of RAM was available on average (lowest ${pct(low.peak)})`);
  if (faults !== null) parts.push(`major page faults ran at ${faults.mean.toFixed(0)}/s`);
  if (swap !== null) parts.push(`swap was ${pct(swap.mean)} full${swapping ? ' and in use' : ', but idle'}`);
  const seconds = nanosToSeconds(end - onset);
  return {
    key: `host:${host.resourceKey}`,
    severity,
    score: Math.min(1, 0.5 + (critical ? 0.3 : 0) + (low !== null ? (t.warningAvailableRatio - low.mean) * 2 : 0) + Math.min(0.1, seconds / 600)),
    confidence: low !== null && (faults !== null || host.majorFaults.length === 0) ? 0.9 : 0.75,
    title: `Memory pressure on ${host.hostName}`,
    summary: `For ${seconds.toFixed(0)} s on ${host.hostName}, ${parts.join('; ')}.`,
    resource: host.hostName,
    onsetUnixNano: onset,
    endUnixNano: end,
    evidence: {
      series: [
        { metric: `${host.availableSource} (available share)`, unit: '1', attributes: { host: host.hostName }, points: evidencePoints(host.available), threshold: t.warningAvailableRatio },
        ...(host.majorFaults.length > 0 ? [{ metric: 'system.paging.faults (major, per second)', unit: '{fault}/s', attributes: { host: host.hostName }, points: evidencePoints(host.majorFaults), threshold: t.majorFaultsPerSecond }] : []),
        ...(host.swapUsed.length > 0 ? [{ metric: 'swap used share', unit: '1', attributes: { host: host.hostName }, points: evidencePoints(host.swapUsed), threshold: t.swapUsedRatio }] : []),
      ],
      spans: [],
      traceIds: [],
      numbers: {
        'memory.available.mean_ratio': low?.mean ?? Number.NaN,
        'memory.total_mb': host.totalBytes / MB,
        'paging.major_faults.per_second': faults?.mean ?? Number.NaN,
        'swap.used.mean_ratio': swap?.mean ?? Number.NaN,
        'duration.seconds': seconds,
      },
    },
    why: {
      'memory-footprint': `With ${low !== null ? `${pct(low.mean)} of RAM left` : 'memory short'} on ${host.hostName}, the process that grows most is the first place to cut: cap its caches, stream large results.`,
      'vertical-scaling': `If the working set is legitimate, more RAM removes the paging${faults !== null ? ` (${faults.mean.toFixed(0)} major faults/s)` : ''} at once.`,
      'runtime-tuning': 'Runtime heap limits above what the host can give make the kernel page instead of the runtime collecting; set them to fit.',
    },
    notYet: ['Do not add swap or a bigger machine first: find which process grew (process.memory.usage, heap metrics) — a leak fills any size.'],
  };
}

function gcShares(gc: GcActivity | undefined, growth: Growth): { before: number; during: number; majors: number } | null {
  if (gc === undefined || gc.share.length === 0) return null;
  const middle = growth.onsetUnixNano + (growth.endUnixNano - growth.onsetUnixNano) / 2n;
  const before = gc.share.filter((p) => p.timeUnixNano < growth.onsetUnixNano).map((p) => p.value);
  const during = between(gc.share, middle, growth.endUnixNano).map((p) => p.value);
  const spanSeconds = between(gc.majorPerSecond, growth.onsetUnixNano, growth.endUnixNano);
  // Rates × the interval each covers ≈ how many full collections ran during the growth.
  let majors = 0;
  for (let i = 1; i < spanSeconds.length; i += 1) majors += spanSeconds[i].value * nanosToSeconds(spanSeconds[i].timeUnixNano - spanSeconds[i - 1].timeUnixNano);
  return { before: before.length >= 3 ? mean(before) : Number.NaN, during: during.length > 0 ? mean(during) : Number.NaN, majors: Math.round(majors) };
}

function growthFinding(memory: ProcessMemory, growth: Growth, gc: GcActivity | undefined, hosts: HostMemory[], t: Record<Thresholds, number>): RuleFinding {
  const shares = gcShares(gc, growth);
  const rising = shares !== null && shares.during >= t.gcRisingShare && (!Number.isFinite(shares.before) || shares.during >= 2 * shares.before);
  // A heap that keeps growing across full collections holds on to what it allocated; one that drops after them was garbage.
  const survivedGc = shares !== null && shares.majors >= 2;
  const corroborated = rising || survivedGc;
  const hostLow = hosts.some((h) => h.available.length > 0 && h.available[h.available.length - 1].value <= t.warningAvailableRatio);
  const critical = corroborated && ((shares !== null && shares.during >= t.gcCriticalShare) || hostLow);
  const growthShare = (growth.endValue - growth.startValue) / growth.startValue;
  // Without GC evidence, a heap ramp can be one long garbage sawtooth; RSS must at least have grown a lot.
  const severity = critical ? 'critical' : corroborated || (memory.kind === 'rss' && growthShare >= 2 * t.growthMinShare) ? 'warning' : 'info';
  const what = memory.kind === 'rss' ? 'resident memory' : 'heap';
  const rate = `${(growth.perSecond / MB).toFixed(1)} MB/s`;
  const gcText = shares === null ? ' No GC metrics were reported.' : ` GC took ${pct1(shares.during)} of the time${Number.isFinite(shares.before) ? ` (was ${pct1(shares.before)})` : ''}${shares.majors > 0 ? `, with ${shares.majors} full collections that did not stop the climb` : ''}.`;
  return {
    key: `process:${memory.resourceKey}`,
    severity,
    score: Math.min(1, 0.45 + (critical ? 0.3 : corroborated ? 0.15 : 0) + Math.min(0.2, growthShare / 5)),
    confidence: shares === null ? 0.5 : corroborated ? 0.85 : 0.6,
    title: `Memory of ${memory.service} keeps growing (${rate})`,
    summary: `The ${what} of ${memory.service} grew steadily from ${mb(growth.startValue)} to ${mb(growth.endValue)} over ${growth.seconds.toFixed(0)} s (${rate}, R² ${growth.rSquared.toFixed(2)}), the pattern of a leak or an unbounded cache.${gcText}`,
    service: memory.service,
    onsetUnixNano: growth.onsetUnixNano,
    endUnixNano: growth.endUnixNano,
    evidence: {
      series: [
        { metric: memory.metric, unit: 'By', attributes: { service: memory.service }, points: evidencePoints(memory.bytes) },
        ...(gc !== undefined && gc.share.length > 0 ? [{ metric: 'GC time share', unit: '1', attributes: { service: memory.service }, points: evidencePoints(gc.share), threshold: t.gcRisingShare }] : []),
      ],
      spans: [],
      traceIds: [],
      numbers: {
        'memory.start_mb': growth.startValue / MB,
        'memory.end_mb': growth.endValue / MB,
        'growth.mb_per_second': growth.perSecond / MB,
        'growth.r_squared': growth.rSquared,
        'growth.seconds': growth.seconds,
        'gc.share.before': shares?.before ?? Number.NaN,
        'gc.share.during': shares?.during ?? Number.NaN,
        'gc.major_collections': shares?.majors ?? Number.NaN,
      },
      ...(shares !== null && Number.isFinite(shares.before) ? { comparison: [{ label: 'time in GC', before: shares.before, after: shares.during, unit: '1' }] } : {}),
    },
    why: {
      'memory-footprint': `${memory.service} adds ${rate} and keeps it${survivedGc ? ` through ${shares?.majors ?? 0} full GCs` : ''}: bound the in-process cache (LRU with a size cap, or move it to Redis) before it exhausts the heap.`,
      profiling: 'Two heap snapshots a minute apart show which object type (usually one Map or array) holds the growth.',
      'cache-invalidation': 'A cache without eviction is a leak; a TTL or size-based eviction keeps it bounded.',
      'runtime-tuning': `Raising the heap limit only delays the crash at ${rate}; tune GC after the growth stops.`,
      'vertical-scaling': 'More RAM buys time, not a fix, while memory climbs linearly.',
    },
    notYet: ['Do not raise --max-old-space-size or buy RAM first: a leak fills any size. Find the growing structure with two heap snapshots and cap it.'],
  };
}

export const memoryPressure: Rule<Thresholds> = {
  id: 'memory-pressure',
  kind: 'memory_pressure',
  title: 'Memory pressure',
  needs: { metrics: [...HOST_MEMORY_NAMES, ...PROCESS_MEMORY_NAMES], spans: false, description: 'host RAM available, swap, major page faults; per-service RSS/heap and GC time' },
  thresholds: {
    warningAvailableRatio: { value: 0.1, source: 'awesome-prometheus-alerts HostOutOfMemory (MemAvailable/MemTotal < 10% for 2m) and Netdata "RAM available < 10%"; hold shortened to sustainSeconds' },
    criticalAvailableRatio: { value: 0.02, source: 'Netdata stock alert RAM in use crit > 98% (2% left)' },
    swapUsedRatio: { value: 0.8, source: 'awesome-prometheus-alerts HostSwapIsFillingUp (> 80% for 2m); only warning when pages actually move, since parked pages are harmless' },
    majorFaultsPerSecond: { value: 1000, source: 'awesome-prometheus-alerts HostMemoryUnderMemoryPressure (rate of major faults > 1000/s)' },
    sustainSeconds: { value: 20, source: 'the 2m holds of HostOutOfMemory/HostSwapIsFillingUp shortened so a replayed incident is caught within 30 s at 5 s ticks' },
    growthMinSeconds: { value: 20, source: 'chosen: ≥ 5 points at 5 s runtime-metric intervals for the line fit, and detection within 30 s of a leak starting (a real 12 MB/s leak recorded here was fitted with R² 0.9999); the pace and GC checks guard the short stretch' },
    growthMinRSquared: { value: 0.9, source: 'least-squares trend as in Prometheus predict_linear; R² ≥ 0.9 is the usual "strong linear fit" convention' },
    growthMinBytesPerSecond: { value: 1024 * 1024, source: 'chosen: 1 MB/s fills a 1 GB container or default Node heap in under 20 min; slower drifts need longer windows than a 30 s bar' },
    growthMinShare: { value: 0.25, source: 'chosen: growth of a quarter of the starting size within the stretch, so large processes need proportionally large growth (warm-up of a small one settles earlier)' },
    gcRisingShare: { value: 0.02, source: 'convention: a healthy Node/JVM service spends under ~1–2% of wall time in GC; above it, and at least doubled, GC is working harder' },
    gcCriticalShare: { value: 0.1, source: 'the 10% GC-overhead line commonly used for JVM alerts (the JVM itself gives up at 98%); latency suffers visibly beyond it' },
  },
  techniques: ['memory-footprint', 'profiling', 'cache-invalidation', 'runtime-tuning', 'vertical-scaling'],
  evaluate(evidence, t) {
    const findings: RuleFinding[] = [];
    const hosts = hostMemory(evidence);
    for (const host of hosts) {
      const finding = hostFinding(host, t);
      if (finding !== null) findings.push(finding);
    }
    const gc = gcActivity(evidence);
    const best = new Map<string, RuleFinding>();
    const rank = { critical: 3, warning: 2, info: 1 } as const;
    for (const memory of processMemories(evidence)) {
      const growth = sustainedGrowth(memory.bytes, { minSeconds: t.growthMinSeconds, minRSquared: t.growthMinRSquared, minPerSecond: t.growthMinBytesPerSecond, minShare: t.growthMinShare });
      if (growth === null) continue;
      const finding = growthFinding(memory, growth, gc.get(memory.resourceKey), hosts, t);
      const known = best.get(finding.key);
      if (known === undefined || rank[finding.severity] > rank[known.severity] || (rank[finding.severity] === rank[known.severity] && finding.score > known.score)) best.set(finding.key, finding);
    }
    return [...findings, ...best.values()];
  },
};
