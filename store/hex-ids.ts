// Trace and span ids are stored as raw bytes (16 and 8) instead of 32/16 hex characters.
import { ChokepointError } from '../common/error-codes.ts';

function invalid(hex: string, bytes: number, what: string): ChokepointError {
  return new ChokepointError('BAD_REQUEST', `${what} must be ${bytes * 2} hex characters, got ${JSON.stringify(hex.slice(0, 40))}`);
}

/** The value of each ASCII hex digit (either case, as Buffer.write accepts); -256 for every other character. */
const HEX_VALUE = new Int16Array(128).fill(-256);
for (let digit = 0; digit < 16; digit += 1) {
  const text = digit.toString(16);
  HEX_VALUE[text.charCodeAt(0)] = digit;
  HEX_VALUE[text.toUpperCase().charCodeAt(0)] = digit;
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
export function writeIdAt(hex: string, out: Uint8Array, offset: number, bytes: 8 | 16, what: string): boolean {
  if (hex === '') return false;
  if (hex.length !== bytes * 2) throw invalid(hex, bytes, what);
  // Parsed here rather than with Buffer.write(hex): for ids this short the native call costs more than the work.
  for (let i = 0; i < bytes; i += 1) {
    const high = hex.charCodeAt(2 * i);
    const low = hex.charCodeAt(2 * i + 1);
    // Any character that is not a hex digit makes the value negative.
    const value = ((high < 128 ? HEX_VALUE[high] : -256) << 4) | (low < 128 ? HEX_VALUE[low] : -256);
    if (value < 0) throw invalid(hex, bytes, what);
    out[offset + i] = value;
  }
  return true;
}

/** Hex of stored id bytes; null gives ''. */
export function bytesToId(bytes: Uint8Array | null): string {
  return bytes === null ? '' : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}
