import { describe, expect, it } from 'vitest';
import { DocumentLines } from './document-lines.ts';

describe('DocumentLines', () => {
  it('gives back the lines and the text as pushed, across blocks', () => {
    const doc = new DocumentLines();
    const lines = Array.from({ length: 10_000 }, (_, i) => (i % 3 === 0 ? '' : `line ${i}`));
    for (const line of lines) doc.push(line);
    expect(doc.count).toBe(lines.length);
    expect(doc.length).toBe(lines.join('\n').length + 1);
    expect([...doc.lines()]).toEqual(lines);
    expect(doc.text()).toBe(lines.join('\n'));
  });

  it('is empty when nothing was pushed', () => {
    const doc = new DocumentLines();
    expect([...doc.lines()]).toEqual([]);
    expect(doc.text()).toBe('');
  });
});
