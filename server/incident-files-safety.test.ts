// Incident files from elsewhere cannot write outside the data dir or run anything: uploads and recordings are named
// by the server, hostile names change nothing, symlinks planted in the folders are never written through or served,
// and a file's contents are parsed as data only.
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentState } from '../common/api-contract.ts';
import { recordTrial } from '../fixtures/reliability-log.ts';
import { startTestServer, type TestServer } from './test-server.ts';
import { receiveUpload } from './upload.ts';

const HOSTILE_NAMES = [
  '../../x.chokepoint',
  '../../../../../../tmp/escaped.jsonl',
  '/etc/cron.d/evil.chokepoint',
  '..\\..\\x.chokepoint',
  'C:\\Windows\\evil.jsonl',
  'a\0b.chokepoint',
  `${'x'.repeat(100_000)}.chokepoint`,
  'name.chokepoint/../../../x',
  '%2e%2e%2fx.chokepoint',
  '',
];

/** Every file under `dir`, as paths relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((entry) => !fs.lstatSync(path.join(dir, entry)).isDirectory()).sort();
}

const upload = (body: string): IncomingMessage => Object.assign(Readable.from([Buffer.from(body)]), { headers: {} }) as unknown as IncomingMessage;

describe('incident file names', () => {
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-names-'));
  const dataDir = path.join(sandbox, 'data');
  const outside = path.join(sandbox, 'outside');
  let server: TestServer;

  beforeAll(async () => {
    fs.mkdirSync(outside, { recursive: true });
    fs.writeFileSync(path.join(outside, 'victim'), 'untouched');
    server = await startTestServer({ dataDir });
  });
  afterAll(async () => {
    await server.stop({ keepData: true });
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  it('names every upload itself, in the uploads folder, whatever name the client sends', async () => {
    const uploads = path.join(dataDir, 'uploads');
    for (const name of HOSTILE_NAMES) {
      const file = await receiveUpload(upload('{}\n'), server.core.recordings.dir, name);
      expect(path.dirname(file)).toBe(uploads);
      expect(path.basename(file)).toMatch(/^\d+-[0-9a-f]{12}\.(chokepoint|jsonl\.gz|jsonl|json\.gz|json|gz)$/);
    }
    expect(filesUnder(uploads)).toHaveLength(HOSTILE_NAMES.length);
    expect(filesUnder(sandbox).filter((file) => !file.startsWith(`data${path.sep}`))).toEqual([path.join('outside', 'victim')]);
    recordTrial({ area: 'security', trial: 'upload names: ../, absolute, ..\\, NUL, 100k chars, encoded', tried: HOSTILE_NAMES.length, held: HOSTILE_NAMES.length, detail: 'each written as <time>-<random>.<ext> in uploads/' });
  });

  it('names recordings from a slug of the title, inside the recordings folder', async () => {
    const from = BigInt(Date.UTC(2026, 0, 1)) * 1_000_000n;
    for (const [index, title] of HOSTILE_NAMES.entries()) {
      const at = from + BigInt(index) * 1_000_000_000n;
      const recording = await server.core.recordings.exportRange(at, at + 1_000_000_000n, title);
      expect(recording.name).toMatch(/^[\w.-]+\.chokepoint$/);
      expect(recording.name.length).toBeLessThan(80);
      expect(server.core.recordings.pathOf(recording.name)).toBe(path.join(server.core.recordings.dir, recording.name));
    }
    expect(filesUnder(server.core.recordings.dir)).toHaveLength(HOSTILE_NAMES.length);
    expect(fs.readFileSync(path.join(outside, 'victim'), 'utf8')).toBe('untouched');
    recordTrial({ area: 'security', trial: 'recording titles used as names: ../, absolute, ..\\, NUL, 100k chars', tried: HOSTILE_NAMES.length, held: HOSTILE_NAMES.length, detail: 'each a <stamp>-<slug>.chokepoint inside recordings/' });
  });

  it('replaces, never writes through, symlinks planted under a recording name or its side files', async () => {
    const dir = server.core.recordings.dir;
    const at = BigInt(Date.UTC(2026, 1, 1)) * 1_000_000n;
    const name = '2026-02-01T00-00-00-planted.chokepoint';
    const linked = [path.join(outside, 'final'), path.join(outside, 'body'), path.join(outside, 'partial')];
    for (const target of linked) fs.writeFileSync(target, 'untouched');
    fs.symlinkSync(linked[0], path.join(dir, name));
    fs.symlinkSync(linked[1], path.join(dir, `${name}.body-${process.pid}`));
    fs.symlinkSync(linked[2], path.join(dir, `${name}.partial-${process.pid}`));
    const recording = await server.core.recordings.exportRange(at, at + 1_000_000_000n, 'planted');
    expect(recording.name).toBe(name);
    expect(fs.lstatSync(path.join(dir, name)).isFile()).toBe(true);
    for (const target of linked) expect(fs.readFileSync(target, 'utf8')).toBe('untouched');
    recordTrial({ area: 'security', trial: 'symlinks planted at a recording name and its .body/.partial side files', tried: 3, held: 3, detail: 'targets outside untouched; the recording is a regular file' });
  });

  it('serves and lists only regular files with recording names: no symlinks, no path tricks', async () => {
    const dir = server.core.recordings.dir;
    fs.symlinkSync(path.join(outside, 'victim'), path.join(dir, 'leak.chokepoint'));
    const refused = ['leak.chokepoint', '../data/chokepoint.db', '..', '/etc/passwd', 'a/b.chokepoint', 'a\\b.chokepoint', 'a\0.chokepoint', '.chokepoint/..'];
    for (const name of refused) expect(server.core.recordings.pathOf(name), name).toBeNull();
    expect(server.core.recordings.list().map((recording) => recording.name)).not.toContain('leak.chokepoint');
    const download = await fetch(`${server.console.url}/recordings/leak.chokepoint`);
    expect(download.status).toBe(404);
    recordTrial({ area: 'security', trial: 'recording downloads: symlink, ../, absolute, separators, NUL', tried: refused.length + 1, held: refused.length + 1, detail: 'all refused; the symlink neither listed nor served (404)' });
  });
});

describe('incident file contents', () => {
  const sandbox = fs.mkdtempSync(path.join(os.tmpdir(), 'chokepoint-contents-'));
  const marker = path.join(sandbox, 'ran');
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ dataDir: path.join(sandbox, 'data') });
  });
  afterAll(async () => {
    await server.stop({ keepData: true });
    fs.rmSync(sandbox, { recursive: true, force: true });
  });

  it('are opened over HTTP by upload only: a path would let any client read files on this machine', async () => {
    const secret = path.join(sandbox, 'secret.txt');
    fs.writeFileSync(secret, 'password=hunter2\n');
    const response = await fetch(`${server.console.url}/api/incident`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ path: secret }) });
    expect(response.status).toBe(400);
    const text = await response.text();
    expect(text).toMatch(/upload/);
    expect(text).not.toContain('hunter2');
    expect(server.core.incident()).toBeUndefined();
    fs.rmSync(secret);
    recordTrial({ area: 'security', trial: 'open an incident by server path over HTTP', tried: 1, held: 1, detail: '400, file not opened' });
  });

  it('are parsed as data only: scripts stay strings, __proto__ stays a key, names stay text', async () => {
    const script = `require('child_process').execSync('touch ${marker}')`;
    const header = {
      chokepoint: {
        format: 'chokepoint-incident',
        formatVersion: 1,
        title: `../../${script}`,
        notes: '<script>alert(1)</script>',
        createdAtUnixNano: '1767225600000000000',
        fromUnixNano: '1767225600000000000',
        toUnixNano: '1767225601000000000',
        services: ['__proto__', 'constructor'],
        host: null,
        chokepointVersion: '${process.exit(1)}',
        counts: { spans: 1, metricPoints: 0, logs: 0 },
        thresholds: JSON.parse('{"__proto__": 1, "constructor": 2}') as Record<string, number>,
        findings: [JSON.parse('{"__proto__": {"polluted": true}}') as unknown],
      },
    };
    const span = {
      traceId: '0af7651916cd43dd8448eb211c80319c',
      spanId: 'b7ad6b7169203331',
      name: script,
      kind: 2,
      startTimeUnixNano: '1767225600000000000',
      endTimeUnixNano: '1767225600500000000',
      attributes: [
        { key: '__proto__', value: { kvlistValue: { values: [{ key: 'polluted', value: { boolValue: true } }] } } },
        { key: 'cmd', value: { stringValue: `$(touch ${marker})` } },
      ],
    };
    const resource = { attributes: [{ key: 'service.name', value: { stringValue: '../../etc/passwd' } }] };
    const lines = [JSON.stringify(header), JSON.stringify({ resourceSpans: [{ resource, scopeSpans: [{ spans: [span] }] }] })].join('\n');
    const response = await fetch(`${server.console.url}/api/incident/file?name=${encodeURIComponent('../../evil.chokepoint')}`, { method: 'PUT', body: gzipSync(`${lines}\n`) });
    expect(response.status).toBe(200);
    let state = (await response.json()) as IncidentState;
    for (let i = 0; i < 100 && state.status === 'loading'; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      state = (await (await fetch(`${server.console.url}/api/incident`)).json()) as IncidentState;
    }
    expect(state).toMatchObject({ status: 'ready', title: header.chokepoint.title, counts: { spans: 1 } });
    expect(state.file).toMatch(/^\d+-[0-9a-f]{12}\.chokepoint$/);
    const stored = await server.core.incident()!.store.query('recentSpans', { limit: 10 });
    expect(stored.map((row) => row.name)).toEqual([script]);
    expect(fs.existsSync(marker)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(fs.readdirSync(sandbox)).toEqual(['data']);
    recordTrial({ area: 'security', trial: 'hostile incident file (script strings, __proto__ keys, ../ names) opened', tried: 4, held: 4, detail: 'nothing ran, no prototype polluted, no file outside the data dir, text kept verbatim' });
  });
});
