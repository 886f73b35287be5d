import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { measureRawInsertFloor } from './raw-floor.ts';
import { buildTypicalSpans, removeTempDirs, tempDir } from './test-builders.ts';

afterAll(removeTempDirs);

describe('measureRawInsertFloor', () => {
  it('inserts every span and reports a rate, leaving no database behind', () => {
    const dir = path.join(tempDir(), 'floor');
    const result = measureRawInsertFloor(buildTypicalSpans(2000), dir);
    expect(result.rows).toBe(2000);
    expect(result.rowsPerSecond).toBeGreaterThan(0);
    expect(Number.isFinite(result.rowsPerSecond)).toBe(true);
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});
