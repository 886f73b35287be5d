// "1 span", "2 spans", "1,204 spans": a grouped count with the noun in the right number.

import { formatCount } from './rate.ts';

export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${formatCount(count)} ${count === 1 ? singular : plural}`;
}
