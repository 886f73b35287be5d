// Which techniques the catalog view lists: all of them, or those that answer one finding kind (its primary
// technique first), grouped by their stage in the scaling journey, cheapest stage first.
import type { ScalingStage, StageInfo, Technique } from '../../../../techniques/index.ts';

export interface StageGroup {
  stage: StageInfo;
  techniques: Technique[];
}

export function catalogGroups(techniques: readonly Technique[], stages: readonly StageInfo[], kind: string | undefined): StageGroup[] {
  const chosen = kind === undefined ? [...techniques] : techniques.filter((t) => (t.answers as readonly string[]).includes(kind));
  const primaryFirst = (t: Technique) => (kind !== undefined && (t.primaryFor as readonly string[] | undefined)?.includes(kind) ? 0 : 1);
  const byStage = new Map<ScalingStage, Technique[]>();
  for (const technique of chosen.sort((a, b) => primaryFirst(a) - primaryFirst(b) || a.name.localeCompare(b.name))) {
    const list = byStage.get(technique.stage) ?? [];
    list.push(technique);
    byStage.set(technique.stage, list);
  }
  return stages.flatMap((stage) => {
    const list = byStage.get(stage.id);
    return list === undefined ? [] : [{ stage, techniques: list }];
  });
}
