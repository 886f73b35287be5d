// Recording from the console: "start" notes the time, "stop" exports everything stored since then to an
// incident file in the data dir's recordings folder; any other time range can be exported there too. The
// console downloads the files from /recordings/<name>.
import fs from 'node:fs';
import path from 'node:path';
import type { RecordingFile, RecordingState } from '../common/api-contract.ts';
import { ChokepointError } from '../common/error-codes.ts';
import type { StoreClient } from '../store/index.ts';
import { exportIncident } from './incident-export.ts';

const SAFE_NAME = /^[\w.-]+\.chokepoint$/;

export class Recordings {
  readonly dir: string;
  private readonly store: StoreClient;
  private started: { atUnixNano: bigint; title: string } | null = null;

  constructor(dataDir: string, store: StoreClient) {
    this.dir = path.join(dataDir, 'recordings');
    this.store = store;
  }

  state(): RecordingState {
    return this.started === null
      ? { recording: false, startedAtUnixNano: null, title: '' }
      : { recording: true, startedAtUnixNano: this.started.atUnixNano.toString(), title: this.started.title };
  }

  start(title: string, nowUnixNano: bigint): RecordingState {
    if (this.started !== null) throw new ChokepointError('BAD_REQUEST', 'a recording is already running');
    this.started = { atUnixNano: nowUnixNano, title };
    return this.state();
  }

  async stop(nowUnixNano: bigint): Promise<RecordingFile> {
    const started = this.started;
    if (started === null) throw new ChokepointError('BAD_REQUEST', 'no recording is running');
    this.started = null;
    return this.exportRange(started.atUnixNano, nowUnixNano, started.title);
  }

  async exportRange(fromUnixNano: bigint, toUnixNano: bigint, title: string): Promise<RecordingFile> {
    if (toUnixNano <= fromUnixNano) throw new ChokepointError('BAD_REQUEST', 'the range ends before it starts');
    fs.mkdirSync(this.dir, { recursive: true });
    const stamp = new Date(Number(fromUnixNano / 1_000_000n)).toISOString().replace(/[:]/g, '-').replace(/\..*/, '');
    const name = `${stamp}-${slug(title)}.chokepoint`;
    const file = path.join(this.dir, name);
    const result = await exportIncident(this.store, file, { fromUnixNano, toUnixNano, title: title === '' ? 'Recorded incident' : title });
    return { name, bytes: result.bytes, counts: result.header.counts, fromUnixNano: result.header.fromUnixNano, toUnixNano: result.header.toUnixNano };
  }

  list(): RecordingFile[] {
    if (!fs.existsSync(this.dir)) return [];
    return fs
      .readdirSync(this.dir)
      .filter((name) => this.pathOf(name) !== null)
      .sort()
      .reverse()
      .map((name) => ({ name, bytes: fs.statSync(path.join(this.dir, name)).size, counts: null, fromUnixNano: null, toUnixNano: null }));
  }

  /**
   * The path of a recording by name, or null for names that are not ours: no separators, no `..`, no NUL (the
   * name pattern), and only a regular file in the folder itself — a symlink planted there leads nowhere.
   */
  pathOf(name: string): string | null {
    if (!SAFE_NAME.test(name)) return null;
    const file = path.join(this.dir, name);
    return fs.lstatSync(file, { throwIfNoEntry: false })?.isFile() === true ? file : null;
  }
}

function slug(title: string): string {
  const cleaned = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return cleaned === '' ? 'incident' : cleaned;
}
