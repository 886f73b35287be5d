import { beforeEach, describe, expect, it } from 'vitest';
import { resetServiceColors, seedServiceColors, serviceColorStyle, serviceHue } from './service-color.ts';

describe('serviceHue', () => {
  beforeEach(() => resetServiceColors());

  it('is stable for a name', () => {
    expect(serviceHue('checkout')).toBe(serviceHue('checkout'));
  });

  it('gives a small set of services distinct colours, even when their hashes collide', () => {
    // frontend and payments share a hash slot.
    const names = ['frontend', 'checkout', 'payments', 'inventory', 'postgres-proxy', 'api', 'worker'];
    seedServiceColors(names);
    expect(new Set(names.map(serviceHue)).size).toBe(names.length);
  });

  it('gives the same set the same colours whatever order it arrives in', () => {
    seedServiceColors(['b-svc', 'a-svc', 'c-svc']);
    const first = ['a-svc', 'b-svc', 'c-svc'].map(serviceHue);
    resetServiceColors();
    seedServiceColors(['c-svc', 'a-svc', 'b-svc']);
    expect(['a-svc', 'b-svc', 'c-svc'].map(serviceHue)).toEqual(first);
  });

  it('still answers once every colour is taken', () => {
    const many = Array.from({ length: 25 }, (_, index) => `service-${index}`);
    seedServiceColors(many);
    for (const name of many) expect(serviceHue(name)).toBeGreaterThan(0);
    expect(serviceColorStyle('service-3')).toEqual({ '--service-hue': String(serviceHue('service-3')) });
  });
});
