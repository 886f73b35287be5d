// `chokepoint serve` as a user runs it, with an access token: bound to 127.0.0.1 only (tests never listen beyond
// loopback; that a non-loopback --host without a token gets a generated one is tested on the parsed options).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { spawnServe } from '../fixtures/serve-process.ts';

const TOKEN = 'serve-token-0123456789abcdef';

describe('chokepoint serve --host 127.0.0.1 --token …', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-serve-token-'));
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('requires the token on the console and the OTLP/HTTP receiver, and never prints it', async () => {
    const serve = await spawnServe(dataDir, ['--host', '127.0.0.1', '--token', TOKEN, '--host-metrics', 'off', '--otlp-grpc', 'off']);
    try {
      const bearer = { Authorization: `Bearer ${TOKEN}` };
      const results = [
        (await fetch(`${serve.consoleUrl}/api/health`)).status,
        (await fetch(`${serve.consoleUrl}/api/health`, { headers: bearer })).status,
        (await fetch(`${serve.otlpHttp}/v1/traces`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json' } })).status,
        (await fetch(`${serve.otlpHttp}/v1/traces`, { method: 'POST', body: '{}', headers: { 'Content-Type': 'application/json', ...bearer } })).status,
      ];
      expect(results).toEqual([401, 200, 401, 200]);
      expect(serve.output()).toMatch(/access token required everywhere: your token/);
      expect(serve.output()).not.toContain(TOKEN);
      recordTrial({ area: 'security', trial: 'serve process with --token: console and OTLP/HTTP without / with token', tried: 4, held: 4, detail: results.join(', ') });
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 120_000);

  it('is open on loopback without a token, as before, and prints no token', async () => {
    vi.stubEnv('CHOKEPOINT_TOKEN', undefined);
    const serve = await spawnServe(dataDir, ['--host-metrics', 'off', '--otlp-grpc', 'off']);
    vi.unstubAllEnvs();
    try {
      expect((await fetch(`${serve.consoleUrl}/api/health`)).status).toBe(200);
      expect(serve.consoleUrl).not.toContain('token');
      expect(serve.output()).not.toMatch(/access token/);
    } finally {
      expect(await serve.stop()).toBe(0);
    }
  }, 120_000);
});
