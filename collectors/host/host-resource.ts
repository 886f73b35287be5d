// The resource and instrumentation scope every host-sampler point carries.

import { arch, hostname } from 'node:os';
import type { InstrumentationScope, Resource } from '../../common/telemetry.ts';

export const HOST_SERVICE_NAME = 'chokepoint-host';
/** The semconv release whose names (system.paging.fault.type, packet.count, …) the sampler follows. */
export const HOST_SCHEMA_URL = 'https://opentelemetry.io/schemas/1.38.0';

export const HOST_SAMPLER_SCOPE: InstrumentationScope = {
  name: 'chokepoint.host-sampler',
  version: '0.1.0',
  attributes: {},
};

const HOST_ARCH: Record<string, string> = {
  x64: 'amd64',
  arm64: 'arm64',
  ia32: 'x86',
  arm: 'arm32',
  ppc: 'ppc32',
  ppc64: 'ppc64',
  s390x: 's390x',
};

const OS_TYPE: Record<string, string> = {
  win32: 'windows',
  sunos: 'solaris',
};

/** `host.arch` as semconv spells it (amd64, arm64, …); unknown Node values pass through. */
export function semconvHostArch(nodeArch: string): string {
  return HOST_ARCH[nodeArch] ?? nodeArch;
}

/** `os.type` as semconv spells it (linux, darwin, windows, …). */
export function semconvOsType(platform: string): string {
  return OS_TYPE[platform] ?? platform;
}

export function hostResource(hostName: string = hostname(), nodeArch: string = arch(), platform: string = process.platform): Resource {
  return {
    key: `host:${hostName}`,
    serviceName: HOST_SERVICE_NAME,
    attributes: {
      'service.name': HOST_SERVICE_NAME,
      'host.name': hostName,
      'host.arch': semconvHostArch(nodeArch),
      'os.type': semconvOsType(platform),
    },
    schemaUrl: HOST_SCHEMA_URL,
  };
}
