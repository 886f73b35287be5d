// Parses /proc/net/dev: two header lines, then "iface: 8 receive counters 8 transmit counters".
// Receive: bytes packets errs drop fifo frame compressed multicast.
// Transmit: bytes packets errs drop fifo colls carrier compressed.

export interface NetDevEntry {
  interface: string;
  rxBytes: number;
  rxPackets: number;
  rxErrors: number;
  rxDropped: number;
  txBytes: number;
  txPackets: number;
  txErrors: number;
  txDropped: number;
}

/** Header and malformed lines are skipped. Interface names cannot contain ':' or spaces, so the first ':' ends the name. */
export function parseNetDev(text: string): NetDevEntry[] {
  const entries: NetDevEntry[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*([^\s:]+):(.*)$/.exec(line);
    if (!match) continue;
    const n = match[2].trim().split(/\s+/).map(Number);
    if (n.length < 16 || n.some((v) => !Number.isFinite(v) || v < 0)) continue;
    entries.push({
      interface: match[1],
      rxBytes: n[0],
      rxPackets: n[1],
      rxErrors: n[2],
      rxDropped: n[3],
      txBytes: n[8],
      txPackets: n[9],
      txErrors: n[10],
      txDropped: n[11],
    });
  }
  return entries;
}
