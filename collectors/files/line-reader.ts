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

/**
 * The file's lines (without line endings; a trailing '\r' is dropped), oldest first. Once `signal` is aborted the
 * lines stop at the next chunk read, however many are left (a closed incident must not read on for hours).
 */
export async function* readLines(file: string, limits: LineReaderLimits = DEFAULT_LINE_READER_LIMITS, signal?: AbortSignal): AsyncGenerator<FileLine> {
  for await (const block of readLineBlocks(file, limits, signal)) yield* block;
}

const withoutCr = (text: string): string => (text.endsWith('\r') ? text.slice(0, -1) : text);

/**
 * The same lines, a block per chunk read: one step of the consumer's loop per chunk rather than per line, which is
 * what files of millions of short lines (pretty-printed JSON, or a bomb of blank lines) cost most.
 */
export async function* readLineBlocks(file: string, limits: LineReaderLimits = DEFAULT_LINE_READER_LIMITS, signal?: AbortSignal): AsyncGenerator<FileLine[]> {
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
      if (signal?.aborted === true) return;
      total += chunk.length;
      if (total > limits.maxDecompressedBytes) {
        throw new ChokepointError('FILE_TOO_LARGE', `${file}: more than ${mib(limits.maxDecompressedBytes)} after decompression`);
      }
      // Line lengths are checked in bytes, from the newline positions; the text is decoded once per chunk and split
      // (a newline byte is never part of a multi-byte character, so both split alike).
      let start = 0;
      let lineNumber = number;
      for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
        if ((start === 0 ? pendingBytes : 0) + nl - start > limits.maxLineBytes) throw lineTooLong(file, lineNumber + 1, limits);
        lineNumber += 1;
        start = nl + 1;
      }
      const rest = chunk.length - start;
      if ((start === 0 ? pendingBytes : 0) + rest > limits.maxLineBytes) throw lineTooLong(file, lineNumber + 1, limits);
      const pieces = decoder.decode(chunk, { stream: true }).split('\n');
      if (pieces.length === 1) {
        pending += pieces[0];
        pendingBytes += chunk.length;
        continue;
      }
      const block: FileLine[] = new Array<FileLine>(pieces.length - 1);
      block[0] = { number: number + 1, text: withoutCr(pending + pieces[0]) };
      for (let i = 1; i < pieces.length - 1; i += 1) block[i] = { number: number + 1 + i, text: withoutCr(pieces[i]) };
      number += pieces.length - 1;
      pending = pieces[pieces.length - 1];
      pendingBytes = rest;
      yield block;
    }
  } catch (error) {
    if (error instanceof ChokepointError) throw error;
    throw new ChokepointError('INVALID_FILE', `${file}: ${(error as Error).message} (after line ${number})`);
  } finally {
    source.destroy();
  }
  pending += decoder.decode();
  if (pending.length > 0) yield [{ number: number + 1, text: withoutCr(pending) }];
}

function lineTooLong(file: string, line: number, limits: LineReaderLimits): ChokepointError {
  return new ChokepointError('FILE_TOO_LARGE', `${file}:${line}: the line is longer than ${mib(limits.maxLineBytes)}`);
}
