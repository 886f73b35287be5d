import { describe, expect, it } from 'vitest';
import { hostResource, semconvHostArch, semconvOsType } from './host-resource.ts';

describe('hostResource', () => {
  it('uses a stable key and semconv spellings for arch and OS', () => {
    const r = hostResource('build-7', 'arm64', 'darwin');
    expect(r.key).toBe('host:build-7');
    expect(r.serviceName).toBe('chokepoint-host');
    expect(r.attributes).toEqual({ 'service.name': 'chokepoint-host', 'host.name': 'build-7', 'host.arch': 'arm64', 'os.type': 'darwin' });
    expect(hostResource('build-7', 'arm64', 'darwin')).toEqual(r);
  });

  it('maps Node names to semconv names', () => {
    expect(semconvHostArch('x64')).toBe('amd64');
    expect(semconvHostArch('ia32')).toBe('x86');
    expect(semconvHostArch('riscv64')).toBe('riscv64');
    expect(semconvOsType('win32')).toBe('windows');
    expect(semconvOsType('linux')).toBe('linux');
  });
});
