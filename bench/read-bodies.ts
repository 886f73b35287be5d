// Reads the request bodies the load process wrote (u32 little-endian length, then the bytes, repeated).
import fs from 'node:fs';

export function readBodies(file: string): Uint8Array[] {
  const data = fs.readFileSync(file);
  const bodies: Uint8Array[] = [];
  for (let offset = 0; offset < data.length; ) {
    const length = data.readUInt32LE(offset);
    bodies.push(data.subarray(offset + 4, offset + 4 + length));
    offset += 4 + length;
  }
  return bodies;
}
