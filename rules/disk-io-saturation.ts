// disk_io_saturation: a disk keeps requests waiting. Busy time alone (rate of io_time) is not enough: NVMe,
// virtio and RAID devices serve many requests at once and read "100% busy" with room to spare, so busy counts
// when the waiting shows — slow operations, CPUs idle in iowait, slower server spans, or slow fsync/write spans.
// iowait comes from host-cpu (semconv cpu.mode=iowait, Collector state=wait); @opentelemetry/host-metrics has
// neither iowait nor disk metrics, so fs spans are the only evidence there.
import type { Evidence, EvidenceSpan } from './evidence.ts';
import { diskSpansOf } from './disk-spans.ts';
import { CPU_TIME_NAMES, CPU_UTILIZATION_NAMES, hostCpu } from './host-cpu.ts';
import { hostDisks, HOST_DISK_NAMES, type DiskDevice } from './host-disk.ts';
import type { Rule, RuleFinding } from './rule.ts';
import { between, evidencePoints, mean, nanosToSeconds, percentile, sustainedRun, type Run, type TimedValue } from './series-math.ts';
import { serverLatencyShiftOf } from './saturation-latency-shift.ts';
import { durationMs } from './span-attributes.ts';
import { slowestFirst, spanRefs, traceIdsOf } from './span-refs.ts';

type Thresholds = 'busyRatio' | 'latencyMs' | 'iowaitRatio' | 'highIowaitRatio' | 'minOpsPerSecond' | 'sustainSeconds' | 'minDiskSpans';

interface Hit {
  device?: DiskDevice;
  busy: Run | null;
  latency: Run | null;
}

const earliest = (runs: (Run | null)[]) => runs.filter((r): r is Run => r !== null).reduce<bigint | null>((a, r) => (a === null || r.onsetUnixNano < a ? r.onsetUnixNano : a), null);
const latest = (runs: (Run | null)[]) => runs.filter((r): r is Run => r !== null).reduce<bigint | null>((a, r) => (a === null || r.endUnixNano > a ? r.endUnixNano : a), null);

/** The device that explains the load best: physical before stacked, then the busiest, then the slowest. */
function worstDevice(devices: DiskDevice[], t: Record<Thresholds, number>): Hit | null {
  const hits = devices
    .map((device) => ({ device, busy: sustainedRun(device.busy, t.busyRatio, t.sustainSeconds), latency: sustainedRun(device.latencyMs, t.latencyMs, t.sustainSeconds) }))
    .filter((h) => h.busy !== null || h.latency !== null);
  hits.sort((a, b) => Number(a.device.stacked) - Number(b.device.stacked) || (b.busy?.mean ?? 0) - (a.busy?.mean ?? 0) || (b.latency?.mean ?? 0) - (a.latency?.mean ?? 0));
  return hits[0] ?? null;
}

const meanIn = (series: TimedValue[], from: bigint, to: bigint) => mean(between(series, from, to).map((p) => p.value));

export const diskIoSaturation: Rule<Thresholds> = {
  id: 'disk-io-saturation',
  kind: 'disk_io_saturation',
  title: 'Disk I/O saturated',
  needs: { metrics: [...HOST_DISK_NAMES, ...CPU_UTILIZATION_NAMES, ...CPU_TIME_NAMES], spans: true, description: 'disk busy time and time per operation per device, CPU iowait; fsync/write spans and server latency to corroborate' },
  thresholds: {
    busyRatio: { value: 0.8, source: 'awesome-prometheus-alerts HostDiskIoUtilizationHigh / HostUnusualDiskIo: rate(node_disk_io_time_seconds_total) > 0.8' },
    latencyMs: { value: 100, source: 'awesome-prometheus-alerts HostUnusualDiskReadLatency / HostUnusualDiskWriteLatency: time per operation > 100 ms' },
    iowaitRatio: { value: 0.1, source: 'awesome-prometheus-alerts HostCpuHighIowait: iowait > 10%' },
    highIowaitRatio: { value: 0.4, source: 'Netdata stock alert: 10-min iowait warn > 40%' },
    minOpsPerSecond: { value: 1, source: 'awesome-prometheus-alerts guards its latency rules with "operations > 0"; 1 op/s so one slow operation on an idle disk does not count' },
    sustainSeconds: { value: 20, source: 'the rules hold 1–5 min (HostUnusualDiskWriteLatency for 2m); shortened so a replayed incident is caught within 30 s at 5 s ticks' },
    minDiskSpans: { value: 10, source: 'convention: enough fsync/write spans for a p95 to mean something' },
  },
  techniques: ['write-batching', 'async-io', 'caching', 'query-optimization', 'vertical-scaling'],
  evaluate(evidence, t) {
    const diskSpans = diskSpansOf(evidence.columns());
    const slowSpans = diskSpans.length >= t.minDiskSpans && percentile(diskSpans.map(durationMs), 95) >= t.latencyMs;
    const cpus = hostCpu(evidence);
    const findings: RuleFinding[] = [];
    const hosts = hostDisks(evidence, t.minOpsPerSecond);
    for (const cpu of cpus) {
      if (cpu.iowait.length > 0 && !hosts.some((h) => h.resourceKey === cpu.resourceKey || h.hostName === cpu.hostName)) hosts.push({ resourceKey: cpu.resourceKey, hostName: cpu.hostName, devices: [] });
    }
    for (const host of hosts) {
      const hit = worstDevice(host.devices, t) ?? { busy: null, latency: null };
      const iowaitSeries = (cpus.find((c) => c.resourceKey === host.resourceKey) ?? cpus.find((c) => c.hostName === host.hostName))?.iowait ?? [];
      const iowait = sustainedRun(iowaitSeries, t.iowaitRatio, t.sustainSeconds);
      const highIowait = sustainedRun(iowaitSeries, t.highIowaitRatio, t.sustainSeconds);
      const runs = [hit.busy, hit.latency, iowait];
      const onset = earliest(runs);
      const end = latest(runs);
      if (onset === null || end === null) continue;
      const shift = serverLatencyShiftOf(evidence, onset);
      const serverSlower = shift !== null && shift.afterP95Ms >= 1.5 * shift.beforeP95Ms;
      const busy = hit.busy !== null;
      const slow = hit.latency !== null;
      const critical = busy && (slow || highIowait !== null);
      const warning = critical || (busy && (iowait !== null || serverSlower || slowSpans)) || slow || highIowait !== null;
      const device = hit.device;
      const seconds = nanosToSeconds(end - onset);
      const pct = (v: number) => `${Math.round(v * 100)}%`;
      const latencyMean = device === undefined ? Number.NaN : meanIn(device.latencyMs, onset, end);
      const opsMean = device === undefined ? Number.NaN : meanIn(device.opsPerSecond, onset, end);
      const writeShare = device === undefined ? Number.NaN : meanIn(device.writesPerSecond, onset, end) / opsMean;
      const iowaitMean = meanIn(iowaitSeries, onset, end);
      const where = device === undefined ? host.hostName : `${device.device} on ${host.hostName}`;
      const parts: string[] = [];
      if (hit.busy !== null) parts.push(`busy ${pct(hit.busy.mean)} of the time`);
      if (Number.isFinite(latencyMean)) parts.push(`${latencyMean.toFixed(1)} ms per operation at ${opsMean.toFixed(0)} ops/s`);
      if (Number.isFinite(iowaitMean)) parts.push(`CPUs waiting on I/O ${pct(iowaitMean)} of the time`);
      const others = host.devices.filter((d) => d !== device && sustainedRun(d.busy, t.busyRatio, t.sustainSeconds) !== null).map((d) => d.device);
      const spanText = diskSpans.length > 0 ? ` ${diskSpans.length} fsync/write spans took ${percentile(diskSpans.map(durationMs), 95).toFixed(0)} ms at p95.` : '';
      const latencyText = shift === null ? '' : ` Server p95 latency went from ${shift.beforeP95Ms.toFixed(0)} ms to ${shift.afterP95Ms.toFixed(0)} ms.`;
      const offending: EvidenceSpan[] = diskSpans.length > 0 ? slowestFirst(diskSpans) : (shift?.slowest ?? []);
      findings.push({
        key: host.resourceKey,
        severity: critical ? 'critical' : warning ? 'warning' : 'info',
        score: Math.min(1, 0.45 + (critical ? 0.3 : warning ? 0.15 : 0) + (hit.busy !== null ? (hit.busy.mean - t.busyRatio) : 0) + Math.min(0.1, seconds / 600)),
        confidence: Math.min(0.95, 0.5 + (busy ? 0.15 : 0) + (slow || iowait !== null ? 0.15 : 0) + (serverSlower || slowSpans ? 0.15 : 0)),
        title: `Disk ${device?.device ?? 'I/O'} on ${host.hostName} is saturated`,
        summary: `For ${seconds.toFixed(0)} s, ${where} was ${parts.join(', ') || 'waited on'}${others.length > 0 ? ` (also busy: ${others.join(', ')})` : ''}.${spanText}${latencyText}`,
        resource: host.hostName,
        onsetUnixNano: onset,
        endUnixNano: end,
        evidence: {
          series: [
            ...(device !== undefined && device.busy.length > 0 ? [{ metric: 'system.disk.io_time (busy share)', unit: '1', attributes: { host: host.hostName, device: device.device }, points: evidencePoints(device.busy), threshold: t.busyRatio }] : []),
            ...(device !== undefined && device.latencyMs.length > 0 ? [{ metric: 'system.disk.operation_time ÷ operations', unit: 'ms', attributes: { host: host.hostName, device: device.device }, points: evidencePoints(device.latencyMs), threshold: t.latencyMs }] : []),
            ...(iowaitSeries.length > 0 ? [{ metric: 'CPU iowait share', unit: '1', attributes: { host: host.hostName }, points: evidencePoints(iowaitSeries), threshold: t.iowaitRatio }] : []),
          ],
          spans: spanRefs(offending),
          traceIds: traceIdsOf(offending),
          numbers: {
            'disk.busy.mean': hit.busy?.mean ?? Number.NaN,
            'disk.latency_ms.mean': latencyMean,
            'disk.ops_per_second.mean': opsMean,
            'disk.write_share': writeShare,
            'cpu.iowait.mean': iowaitMean,
            'disk_spans.count': diskSpans.length,
            'duration.seconds': seconds,
          },
          ...(shift === null ? {} : { comparison: [{ label: 'server p95 latency', before: shift.beforeP95Ms, after: shift.afterP95Ms, unit: 'ms' }] }),
        },
        why: {
          'write-batching': `${Number.isFinite(writeShare) ? `${pct(writeShare)} of the ${opsMean.toFixed(0)} ops/s were writes` : 'The load is writes'}${diskSpans.length > 0 ? ` and ${diskSpans.length} fsync/write spans sit on request paths` : ''}: one flush per batch instead of per request divides the disk's work.`,
          'async-io': 'Synchronous writes and fsync on the request path make every request wait for the disk; a background writer or async I/O lets requests finish first.',
          caching: 'If the operations are mostly reads, keeping the hot data in memory (page cache, buffer pool, an app cache) takes them off the disk.',
          'query-optimization': 'For a database on this disk, queries that scan far more rows than they return cause most of the reads; an index removes them.',
          'vertical-scaling': `A faster disk (NVMe, more provisioned IOPS) raises the ceiling once the I/O itself is needed${hit.busy !== null ? ` — ${pct(hit.busy.mean)} busy leaves none` : ''}.`,
        },
        notYet: ['Do not buy faster disks or shard first: find what issues the I/O — a per-request fsync, chatty logging or a missing index is cheaper to fix.'],
      });
    }
    if (findings.length === 0 && slowSpans) findings.push(spanOnlyFinding(evidence, diskSpans, t));
    return findings;
  },
};

/** No host metrics to read (e.g. @opentelemetry/host-metrics only): slow fsync/write spans on their own. */
function spanOnlyFinding(evidence: Evidence, spans: EvidenceSpan[], t: Record<Thresholds, number>): RuleFinding {
  const sorted = slowestFirst(spans);
  const p95 = percentile(spans.map(durationMs), 95);
  const services = [...new Set(spans.map((s) => s.resource.serviceName))];
  const onset = spans.reduce((a, s) => (s.startTimeUnixNano < a ? s.startTimeUnixNano : a), spans[0].startTimeUnixNano);
  const end = spans.reduce((a, s) => (s.endTimeUnixNano > a ? s.endTimeUnixNano : a), spans[0].endTimeUnixNano);
  return {
    key: `spans:${services.join(',')}`,
    severity: 'warning',
    score: 0.5,
    confidence: 0.45,
    title: `Slow disk writes in ${services.join(', ')}`,
    summary: `${spans.length} fsync/write spans took ${p95.toFixed(0)} ms at p95 (over the ${t.latencyMs} ms line); no disk metrics were reported to confirm the device.`,
    service: services.length === 1 ? services[0] : undefined,
    onsetUnixNano: onset,
    endUnixNano: end < evidence.atUnixNano ? end : evidence.atUnixNano,
    evidence: { series: [], spans: spanRefs(sorted), traceIds: traceIdsOf(sorted), numbers: { 'disk_spans.count': spans.length, 'disk_spans.p95_ms': p95 } },
    why: { 'write-batching': `${spans.length} separate fsync/write spans at ${p95.toFixed(0)} ms p95: flushing once per batch divides the waits.` },
    notYet: ['Add disk metrics (Chokepoint host sampling, or the Collector hostmetrics receiver) before acting on span timing alone.'],
  };
}
