// Trace and span ids are stored as raw bytes (16 and 8) instead of 32/16 hex characters.
import { ChokepointError } from '../common/error-codes.ts';

function invalid(hex: string, bytes: number, what: string): ChokepointError {
  return new ChokepointError('BAD_REQUEST', `${what} must be ${bytes * 2} hex characters, got ${JSON.stringify(hex.slice(0, 40))}`);
}

/** Bytes of a hex id of `bytes` length; '' gives null. Throws BAD_REQUEST for anything that is not hex of that size. */
export function idToBytes(hex: string, bytes: 8 | 16, what: string): Buffer | null {
  if (hex === '') return null;
  return idIntoBuffer(hex, Buffer.allocUnsafe(bytes), what);
}

/**
 * Writes a hex id into `out` (whose length is the id size) and returns it; '' gives null. For hot loops that
 * reuse one buffer per column (SQLite copies bound blobs). Throws BAD_REQUEST for malformed ids.
 */
export function idIntoBuffer(hex: string, out: Buffer, what: string): Buffer | null {
  if (hex === '') return null;
  if (hex.length !== out.length * 2 || out.write(hex, 0, 'hex') !== out.length) throw invalid(hex, out.length, what);
  return out;
}

/** Hex of stored id bytes; null gives ''. */
export function bytesToId(bytes: Uint8Array | null): string {
  return bytes === null ? '' : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
