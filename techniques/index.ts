export type { FindingKind, ScalingStage, StageInfo, Technique } from './technique.ts';
export { FINDING_KINDS, STAGES } from './technique.ts';
export { TECHNIQUES, SUGGESTION_STAGE_ORDER, techniqueById, techniquesForKind, primaryTechniqueFor, techniquesAtStage } from './catalog.ts';
