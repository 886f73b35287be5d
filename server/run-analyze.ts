// `chokepoint analyze FILE...`: reads OTLP JSON Lines / incident files, runs every rule incrementally as the
// data would have arrived, and prints the findings ranked (a report, or {"findings":[...]} with --json).
import type { Finding, Severity } from '../common/findings.ts';
import { linkCauses, rankFindings } from '../rules/index.ts';
import { replayFiles, type ReplayResult } from './replay.ts';
import { DirectRulesRunner } from './rules-runner.ts';

export interface AnalyzeOptions {
  files: string[];
  json: boolean;
  failOn?: Severity;
  overrides: Record<string, number>;
}

const SEVERITY_RANK: Record<Severity, number> = { info: 1, warning: 2, critical: 3 };

/** Exit code 3 when a finding at or above `failOn` exists (for CI), else 0. */
export function exitCodeFor(findings: readonly Finding[], failOn: Severity | undefined): number {
  if (failOn === undefined) return 0;
  return findings.some((f) => SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn]) ? 3 : 0;
}

export async function analyzeFiles(options: Omit<AnalyzeOptions, 'json' | 'failOn'>, onRuleError?: (ruleId: string, error: Error) => void): Promise<ReplayResult> {
  // Every 30 s of incident time over the last 45 s of spans: each span is looked at about one and a half times,
  // where a replay's 5 s ticks over 2 min look at it two dozen times (it needs them to time detections).
  const runner = new DirectRulesRunner({ overrides: options.overrides, onRuleError, spanWindowNanos: 45_000_000_000n });
  const result = await replayFiles(options.files, runner, { speed: 'max', evaluator: runner, evaluateEveryNanos: 30_000_000_000n });
  // Findings gathered over the whole file: link symptoms to causes of the same episode once more, then rank.
  linkCauses(result.findings);
  result.findings = rankFindings(result.findings);
  return result;
}

function report(result: ReplayResult, elapsedS: number): string {
  const lines: string[] = [];
  const { spans, metricPoints, logs } = result.counts;
  lines.push(`Read ${spans} spans, ${metricPoints} metric points, ${logs} logs in ${elapsedS.toFixed(1)} s.`);
  if (result.findings.length === 0) {
    lines.push('No bottleneck found.');
    return lines.join('\n');
  }
  for (const [i, f] of result.findings.entries()) {
    lines.push('');
    lines.push(`${i + 1}. [${f.severity.toUpperCase()}] ${f.title}  (${f.kind}, score ${f.score.toFixed(2)}, confidence ${f.confidence.toFixed(2)})`);
    if (f.causedBy !== undefined) lines.push(`   symptom of ${f.causedBy}`);
    lines.push(`   ${f.summary}`);
    const [primary, ...others] = f.techniques;
    if (primary !== undefined) lines.push(`   Fix: ${primary.name} — ${primary.why}`);
    if (others.length > 0) lines.push(`   Also: ${others.map((t) => t.name).join(', ')}`);
    for (const note of f.notYet ?? []) lines.push(`   Not yet: ${note}`);
  }
  return lines.join('\n');
}

export async function runAnalyze(options: AnalyzeOptions): Promise<number> {
  const started = performance.now();
  const result = await analyzeFiles(options, (ruleId, error) => process.stderr.write(`chokepoint: rule ${ruleId} failed: ${error.message}\n`));
  for (const problem of result.errors.slice(0, 20)) process.stderr.write(`${problem.file}:${problem.line}: ${problem.message}\n`);
  if (result.errors.length > 20) process.stderr.write(`… and ${result.errors.length - 20} more problems\n`);
  const elapsed = (performance.now() - started) / 1000;
  process.stdout.write(options.json ? `${JSON.stringify({ findings: result.findings })}\n` : `${report(result, elapsed)}\n`);
  return exitCodeFor(result.findings, options.failOn);
}
