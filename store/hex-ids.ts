// Trace and span ids are stored as raw bytes (16 and 8) instead of 32/16 hex characters.
import { ChokepointError } from '../common/error-codes.ts';

function invalid(hex: string, bytes: number, what: string): ChokepointError {
  return new ChokepointError('BAD_REQUEST', `${what} must be ${bytes * 2} hex characters, got ${JSON.stringify(hex.slice(0, 40))}`);
}

/** Bytes of a hex id of `bytes` length; '' gives null. Throws BAD_REQUEST for anything that is not hex of that size. */
export function idToBytes(hex: string, bytes: 8 | 16, what: string): Buffer | null {
  if (hex === '') return null;
  const out = Buffer.allocUnsafe(bytes);
  writeIdAt(hex, out, 0, bytes, what);
  return out;
}

/**
 * Writes a hex id of `bytes` length into `out` at `offset`; returns false for '' (nothing written). For hot
 * loops that pack many ids into one buffer without a view per id. Throws BAD_REQUEST for malformed ids.
 */
export function writeIdAt(hex: string, out: Buffer, offset: number, bytes: 8 | 16, what: string): boolean {
  if (hex === '') return false;
  if (hex.length !== bytes * 2 || out.write(hex, offset, bytes, 'hex') !== bytes) throw invalid(hex, bytes, what);
  return true;
}

/** Hex of stored id bytes; null gives ''. */
export function bytesToId(bytes: Uint8Array | null): string {
  return bytes === null ? '' : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
