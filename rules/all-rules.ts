// Every rule the engine runs, in no particular order (the engine ranks the findings).
import { cpuSaturation } from './cpu-saturation.ts';
import type { AnyRule } from './rule.ts';

export const ALL_RULES: readonly AnyRule[] = [cpuSaturation];
