// Reads a possibly gzip'd file as lines, streamed, with limits: the file's size on disk, the bytes after
// decompression (a gzip bomb stops there), and the length of one line. Nothing is held beyond one line.
import fs from 'node:fs';
import { createGunzip } from 'node:zlib';
import { ChokepointError } from '../../common/error-codes.ts';

export interface LineReaderLimits {
  /** Largest file accepted, as stored (compressed or not). */
  maxFileBytes: number;
  /** Most bytes read after decompression. */
  maxDecompressedBytes: number;
  /** Longest line accepted. */
  maxLineBytes: number;
}

export const DEFAULT_LINE_READER_LIMITS: LineReaderLimits = {
  maxFileBytes: 2 * 1024 ** 3,
  maxDecompressedBytes: 16 * 1024 ** 3,
  maxLineBytes: 64 * 1024 ** 2,
};

export interface FileLine {
  /** 1-based line number. */
  number: number;
  text: string;
}

const mib = (bytes: number): string => `${Math.round(bytes / 1024 ** 2)} MiB`;

async function isGzip(file: string): Promise<boolean> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await handle.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

/** The file's lines (without line endings; a trailing '\r' is dropped), oldest first. */
export async function* readLines(file: string, limits: LineReaderLimits = DEFAULT_LINE_READER_LIMITS): AsyncGenerator<FileLine> {
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(file);
  } catch {
    throw new ChokepointError('NOT_FOUND', `${file}: no such file`);
  }
  if (!stat.isFile()) throw new ChokepointError('INVALID_FILE', `${file}: not a regular file`);
  if (stat.size > limits.maxFileBytes) {
    throw new ChokepointError('FILE_TOO_LARGE', `${file}: ${mib(stat.size)} is over the ${mib(limits.maxFileBytes)} limit`);
  }
  const source = fs.createReadStream(file);
  const stream = (await isGzip(file)) ? source.pipe(createGunzip()) : source;
  const decoder = new TextDecoder('utf-8');
  let pending = '';
  let pendingBytes = 0;
  let total = 0;
  let number = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > limits.maxDecompressedBytes) {
        throw new ChokepointError('FILE_TOO_LARGE', `${file}: more than ${mib(limits.maxDecompressedBytes)} after decompression`);
      }
      let start = 0;
      for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
        if (pendingBytes + nl - start > limits.maxLineBytes) throw lineTooLong(file, number + 1, limits);
        const text = pending + decoder.decode(chunk.subarray(start, nl));
        pending = '';
        pendingBytes = 0;
        number += 1;
        yield { number, text: text.endsWith('\r') ? text.slice(0, -1) : text };
        start = nl + 1;
      }
      pendingBytes += chunk.length - start;
      if (pendingBytes > limits.maxLineBytes) throw lineTooLong(file, number + 1, limits);
      pending += decoder.decode(chunk.subarray(start), { stream: true });
    }
  } catch (error) {
    if (error instanceof ChokepointError) throw error;
    throw new ChokepointError('INVALID_FILE', `${file}: ${(error as Error).message} (after line ${number})`);
  } finally {
    source.destroy();
  }
  pending += decoder.decode();
  if (pending.length > 0) yield { number: number + 1, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending };
}

function lineTooLong(file: string, line: number, limits: LineReaderLimits): ChokepointError {
  return new ChokepointError('FILE_TOO_LARGE', `${file}:${line}: the line is longer than ${mib(limits.maxLineBytes)}`);
}
