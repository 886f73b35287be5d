import { describe, expect, it } from 'vitest';
import { FINDING_KINDS, STAGES, TECHNIQUES, primaryTechniqueFor } from '../../../../techniques/index.ts';
import { catalogGroups } from './catalog-filter.ts';

describe('technique catalog listing', () => {
  it('lists every technique once, in journey order', () => {
    const groups = catalogGroups(TECHNIQUES, STAGES, undefined);
    expect(groups.flatMap((g) => g.techniques.map((t) => t.id)).sort()).toEqual(TECHNIQUES.map((t) => t.id).sort());
    const order = STAGES.map((s) => s.id);
    const seen = groups.map((g) => order.indexOf(g.stage.id));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('narrowed to a finding kind, shows only what answers it, with its primary technique in the first place of its stage', () => {
    for (const kind of FINDING_KINDS) {
      const groups = catalogGroups(TECHNIQUES, STAGES, kind);
      const listed = groups.flatMap((g) => g.techniques);
      expect(listed.length, kind).toBeGreaterThan(0);
      expect(listed.every((t) => (t.answers as readonly string[]).includes(kind)), kind).toBe(true);
      const primary = primaryTechniqueFor(kind);
      if (primary !== undefined) expect(groups.find((g) => g.stage.id === primary.stage)?.techniques[0]?.id, kind).toBe(primary.id);
    }
  });

  it('shows nothing for a kind no technique answers', () => {
    expect(catalogGroups(TECHNIQUES, STAGES, 'not_a_kind')).toEqual([]);
  });
});
