// The whole catalog in one list, and the lookups the rules engine and the console use.
import { ARCHITECTURE_TECHNIQUES } from './catalog-architecture.ts';
import { ASYNC_TECHNIQUES } from './catalog-async.ts';
import { CACHING_TECHNIQUES } from './catalog-caching.ts';
import { COMPUTE_TECHNIQUES } from './catalog-compute.ts';
import { DATA_TECHNIQUES } from './catalog-data.ts';
import { DISTRIBUTE_TECHNIQUES } from './catalog-distribute.ts';
import { MEASURE_TECHNIQUES } from './catalog-measure.ts';
import { NETWORK_TECHNIQUES } from './catalog-network.ts';
import { RESILIENCE_TECHNIQUES } from './catalog-resilience.ts';
import { SCALE_OUT_TECHNIQUES } from './catalog-scale-out.ts';
import { SCALE_READS_TECHNIQUES } from './catalog-scale-reads.ts';
import { TRAFFIC_TECHNIQUES } from './catalog-traffic.ts';
import { FINDING_KINDS } from './technique.ts';
import type { FindingKind, ScalingStage, Technique } from './technique.ts';

/** Every technique, grouped by theme, themes roughly in the order of the scaling journey. */
export const TECHNIQUES: readonly Technique[] = [
  ...MEASURE_TECHNIQUES,
  ...COMPUTE_TECHNIQUES,
  ...DATA_TECHNIQUES,
  ...NETWORK_TECHNIQUES,
  ...SCALE_OUT_TECHNIQUES,
  ...CACHING_TECHNIQUES,
  ...SCALE_READS_TECHNIQUES,
  ...ASYNC_TECHNIQUES,
  ...DISTRIBUTE_TECHNIQUES,
  ...ARCHITECTURE_TECHNIQUES,
  ...TRAFFIC_TECHNIQUES,
  ...RESILIENCE_TECHNIQUES,
];

const BY_ID = new Map<string, Technique>(TECHNIQUES.map((t) => [t.id, t]));
const CATALOG_ORDER = new Map<string, number>(TECHNIQUES.map((t, i) => [t.id, i]));

/**
 * Stages in the order their techniques are suggested: the journey order, except that `protect` comes right after
 * `optimize`. Timeouts, breakers and shedding are cheap and fit any stage, so they rank before new hardware.
 */
export const SUGGESTION_STAGE_ORDER: readonly ScalingStage[] = [
  'start-simple',
  'measure',
  'optimize',
  'protect',
  'scale-up',
  'scale-out',
  'cache',
  'scale-reads',
  'go-async',
  'distribute',
  'decompose',
];
const SUGGESTION_RANK = new Map<ScalingStage, number>(SUGGESTION_STAGE_ORDER.map((s, i) => [s, i]));

export function techniqueById(id: string): Technique | undefined {
  return BY_ID.get(id);
}

/**
 * Techniques that answer `kind`, best first: the primary; then by stage in SUGGESTION_STAGE_ORDER (cheaper
 * first); within a stage, those that list `kind` earlier in their own `answers`; then catalog order.
 */
function rankForKind(kind: FindingKind): readonly Technique[] {
  const rank = (t: Technique): number[] => [
    t.primaryFor?.includes(kind) === true ? 0 : 1,
    SUGGESTION_RANK.get(t.stage) ?? SUGGESTION_STAGE_ORDER.length,
    t.answers.indexOf(kind),
    CATALOG_ORDER.get(t.id) ?? TECHNIQUES.length,
  ];
  const compare = (a: Technique, b: Technique): number => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) {
      const d = (ra[i] ?? 0) - (rb[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  return TECHNIQUES.filter((t) => t.answers.includes(kind)).sort(compare);
}

const BY_KIND = new Map<FindingKind, readonly Technique[]>(FINDING_KINDS.map((k) => [k, rankForKind(k)]));

/** Techniques answering a finding kind, primary first. */
export function techniquesForKind(kind: FindingKind): readonly Technique[] {
  return BY_KIND.get(kind) ?? [];
}

/** The one technique to suggest first for a finding kind. */
export function primaryTechniqueFor(kind: FindingKind): Technique | undefined {
  return TECHNIQUES.find((t) => t.primaryFor?.includes(kind) === true);
}

/** Techniques at one stage of the journey, in catalog order. */
export function techniquesAtStage(stage: ScalingStage): readonly Technique[] {
  return TECHNIQUES.filter((t) => t.stage === stage);
}
