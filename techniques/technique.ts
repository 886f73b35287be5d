// The scaling-technique catalog's data shape: what a finding can be, the stages of the scaling
// journey, and one technique with the symptoms it cures, when it is premature and what it costs.
// Pure data, no Node imports: the renderer may show it and the rules engine maps findings onto it.

// The finding kinds are declared once, in common/ (they are a public interface).
import type { FindingKind } from '../common/findings.ts';
export { FINDING_KINDS } from '../common/findings.ts';
export type { FindingKind } from '../common/findings.ts';

/**
 * Where a technique sits on the usual path from one box to many regions. The order of STAGES is the
 * order to climb; `protect` is not a rung but applies as soon as load can exceed capacity.
 */
export type ScalingStage =
  | 'start-simple'
  | 'measure'
  | 'optimize'
  | 'scale-up'
  | 'scale-out'
  | 'cache'
  | 'scale-reads'
  | 'go-async'
  | 'distribute'
  | 'decompose'
  | 'protect';

export interface StageInfo {
  id: ScalingStage;
  name: string;
  /** One line: what this stage does to the system. */
  description: string;
}

/** Cheapest first. The articles' user counts per stage disagree and are rough guides, so none are given. */
export const STAGES: readonly StageInfo[] = [
  {
    id: 'start-simple',
    name: 'Start simple',
    description: 'One app and one database, often on one machine; ship features, not infrastructure.',
  },
  {
    id: 'measure',
    name: 'Measure',
    description: 'Find the resource or component that actually limits throughput before changing anything.',
  },
  {
    id: 'optimize',
    name: 'Optimize',
    description: 'Make the current machines do less work per request: indexes, fewer queries, pooling, batching.',
  },
  {
    id: 'scale-up',
    name: 'Scale up',
    description: 'Buy headroom with bigger hardware, and give the database a server of its own.',
  },
  {
    id: 'scale-out',
    name: 'Scale out the app tier',
    description: 'Run several stateless app instances behind a load balancer and add or remove them automatically.',
  },
  {
    id: 'cache',
    name: 'Cache',
    description: 'Answer repeated reads from memory and static files from a CDN so fewer requests reach the database.',
  },
  {
    id: 'scale-reads',
    name: 'Scale reads',
    description: 'Send reads to replicas or read-shaped copies of the data while one primary takes the writes.',
  },
  {
    id: 'go-async',
    name: 'Go asynchronous',
    description: 'Take work the user need not wait for off the request path and hand it to queues and consumers.',
  },
  {
    id: 'distribute',
    name: 'Distribute data',
    description: 'Split data and traffic across shards and regions once one primary cannot take the writes or hold the data.',
  },
  {
    id: 'decompose',
    name: 'Decompose',
    description: 'Split the system into services or separate models when one codebase or one schema holds teams and scaling back.',
  },
  {
    id: 'protect',
    name: 'Protect',
    description: 'Keep overload and slow dependencies from spreading into an outage; applies at every stage.',
  },
];

export interface Technique {
  /** Kebab-case and stable: findings and the UI refer to it. */
  id: string;
  name: string;
  /** What it does, one or two sentences. */
  summary: string;
  /** Symptoms it cures, short phrases. */
  cures: string[];
  /** Finding kinds it answers, most relevant first; empty when it cures no finding directly (measurement, architecture). */
  answers: FindingKind[];
  /** Kinds for which this is the first technique to suggest. Each kind has exactly one primary. */
  primaryFor?: FindingKind[];
  /** When it is premature: what to check or try before reaching for it. */
  premature: string;
  /** Ids of cheaper techniques to try first. */
  tryFirst: string[];
  /** What you give up. */
  costs: string[];
  stage: ScalingStage;
  /** Ids of related techniques. */
  related: string[];
  /** Concrete figures from the reference articles, restated. */
  facts?: string[];
}
