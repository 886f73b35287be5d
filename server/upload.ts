// Receives an incident file dropped on the browser console: the body is streamed to the uploads folder
// (never held in memory), refused past a size limit, and named by the server, not the client: the client's name
// only chooses among a few known extensions. The file is created exclusively (O_EXCL), so nothing planted under
// that name, a symlink least of all, is written through.
import crypto from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { ChokepointError } from '../common/error-codes.ts';

export const MAX_UPLOAD_BYTES = 2 * 1024 ** 3;

/** Streams the request body to a new file under `<recordingsDir>/../uploads`; returns its path. */
export async function receiveUpload(req: IncomingMessage, recordingsDir: string, name: string, maxBytes = MAX_UPLOAD_BYTES): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > maxBytes) throw new ChokepointError('FILE_TOO_LARGE', `the file is larger than ${Math.round(maxBytes / 1024 ** 2)} MiB`);
  const dir = path.join(path.dirname(recordingsDir), 'uploads');
  fs.mkdirSync(dir, { recursive: true });
  const extension = /\.(chokepoint|jsonl\.gz|jsonl|json\.gz|json|gz)$/i.exec(name)?.[0] ?? '.jsonl';
  const file = path.join(dir, `${Date.now()}-${crypto.randomBytes(6).toString('hex')}${extension.toLowerCase()}`);
  let received = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received += chunk.length;
      if (received > maxBytes) done(new ChokepointError('FILE_TOO_LARGE', `the file is larger than ${Math.round(maxBytes / 1024 ** 2)} MiB`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(req, limit, fs.createWriteStream(file, { flags: 'wx' }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') fs.rmSync(file, { force: true });
    throw error instanceof ChokepointError ? error : new ChokepointError('BAD_REQUEST', `the upload failed: ${(error as Error).message}`);
  }
  return file;
}
