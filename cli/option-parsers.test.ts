import { describe, expect, it } from 'vitest';
import { parseDurationMs, parseOnOff, parsePort, parsePortOrOff, parseSizeBytes } from './option-parsers.ts';

describe('command-line value parsers', () => {
  it('parses ports and refuses out-of-range ones', () => {
    expect(parsePort('8686')).toBe(8686);
    expect(parsePort('0')).toBe(0);
    expect(() => parsePort('65536')).toThrow(/not a port/);
    expect(() => parsePort('80a')).toThrow(/not a port/);
    expect(parsePortOrOff('off')).toBe(false);
    expect(parsePortOrOff('4318')).toBe(4318);
  });

  it('parses on/off switches', () => {
    expect(parseOnOff('on')).toBe(true);
    expect(parseOnOff('OFF')).toBe(false);
    expect(() => parseOnOff('maybe')).toThrow(/on or off/);
  });

  it('parses durations and sizes with units', () => {
    expect(parseDurationMs('500ms')).toBe(500);
    expect(parseDurationMs('5m')).toBe(300_000);
    expect(parseDurationMs('7d')).toBe(604_800_000);
    expect(() => parseDurationMs('5 minutes')).toThrow(/duration/);
    expect(parseSizeBytes('2GB')).toBe(2 * 1024 ** 3);
    expect(parseSizeBytes('512mb')).toBe(512 * 1024 ** 2);
    expect(() => parseSizeBytes('lots')).toThrow(/size/);
  });
});
