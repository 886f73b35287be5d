// `chokepoint replay FILE`: the file goes through the same store path as live data (into a scratch store
// unless a data dir is given), paced, with the rules evaluated as it goes; prints the findings.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Finding } from '../common/findings.ts';
import { StoreClient } from '../store/index.ts';
import { replayFile, type ReplayResult } from './replay.ts';
import { StoreTeeRulesRunner } from './rules-runner.ts';

export interface ReplayCommandOptions {
  file: string;
  speed: number | 'max';
  shiftToNow: boolean;
  json: boolean;
  dataDir?: string;
  /** Run the rules as the data arrives (default true). */
  rules?: boolean;
  overrides?: Record<string, number>;
}

const seconds = (nanos: bigint): string => (Number(nanos / 1_000_000n) / 1000).toFixed(1);

function describeFinding(finding: Finding, origin: bigint): string {
  const at = finding.detectedAtUnixNano === undefined ? '' : ` (detected at +${seconds(BigInt(finding.detectedAtUnixNano) - origin)}s)`;
  return `  ${finding.severity.toUpperCase().padEnd(8)} ${finding.kind}: ${finding.title}${at}`;
}

export async function runReplay(options: ReplayCommandOptions): Promise<ReplayResult> {
  const out = (line: string) => process.stdout.write(`${line}\n`);
  const note = (line: string) => process.stderr.write(`${line}\n`);
  const scratch = options.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-replay-'));
  const store = await StoreClient.open({ dataDir: scratch, retention: {} });
  const evaluator = options.rules === false ? undefined : new StoreTeeRulesRunner(store, {
    overrides: options.overrides,
    onRuleError: (ruleId, error) => note(`chokepoint: rule ${ruleId} failed: ${error.message}`),
  });
  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const started = performance.now();
  let lastNote = 0;
  try {
    const result = await replayFile(options.file, evaluator ?? store, {
      speed: options.speed,
      shiftToNow: options.shiftToNow,
      evaluator,
      signal: controller.signal,
      onProgress: (progress) => {
        if (options.json || performance.now() - lastNote < 2000) return;
        lastNote = performance.now();
        const { spans, metricPoints } = progress.counts;
        note(`replaying… ${spans} spans, ${metricPoints} metric points, ${progress.findings} findings`);
      },
    });
    const elapsed = (performance.now() - started) / 1000;
    for (const error of result.errors.slice(0, 20)) note(`${error.file}:${error.line}: ${error.message}`);
    if (result.errors.length > 20) note(`… and ${result.errors.length - 20} more problems`);
    if (options.json) {
      out(JSON.stringify({ findings: result.findings }));
      return result;
    }
    const span = result.fromUnixNano !== null && result.toUnixNano !== null ? result.toUnixNano - result.fromUnixNano : 0n;
    const title = result.header?.title ?? path.basename(options.file);
    out(`${title}: ${seconds(span)}s of incident replayed in ${elapsed.toFixed(1)}s (${result.counts.spans} spans, ${result.counts.metricPoints} metric points, ${result.counts.logs} logs)`);
    if (evaluator === undefined) {
      out('  (no rules ran)');
    } else if (result.findings.length === 0) {
      out('  no findings');
    } else {
      for (const finding of result.findings) out(describeFinding(finding, (result.fromUnixNano ?? 0n) + result.shiftNanos));
    }
    if (options.dataDir !== undefined) out(`  data kept in ${store.databaseFile}`);
    return result;
  } finally {
    process.off('SIGINT', onSignal);
    await store.close();
    if (options.dataDir === undefined) fs.rmSync(scratch, { recursive: true, force: true });
  }
}
