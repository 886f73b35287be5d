import { describe, expect, it } from 'vitest';
import { parseNetDev } from './parse-net-dev.ts';
import { PROC_NET_DEV } from './proc-fixtures.ts';

describe('parseNetDev', () => {
  it('reads receive and transmit counters from real /proc/net/dev text, skipping the headers', () => {
    const entries = parseNetDev(PROC_NET_DEV);
    expect(entries.map((e) => e.interface)).toEqual(['lo', 'ifb0', 'eth0']);
    expect(entries[2]).toEqual({
      interface: 'eth0',
      rxBytes: 329912593,
      rxPackets: 12169,
      rxErrors: 0,
      rxDropped: 0,
      txBytes: 918284,
      txPackets: 8136,
      txErrors: 0,
      txDropped: 0,
    });
  });

  it('picks errors and drops from the right columns, even with no space after the colon', () => {
    const text = 'wlan0:100 2 3 4 5 6 7 8 200 9 10 11 12 13 14 15\n';
    expect(parseNetDev(text)[0]).toEqual({
      interface: 'wlan0', rxBytes: 100, rxPackets: 2, rxErrors: 3, rxDropped: 4, txBytes: 200, txPackets: 9, txErrors: 10, txDropped: 11,
    });
  });

  it('skips truncated lines', () => {
    expect(parseNetDev('eth0: 1 2 3\n')).toEqual([]);
  });
});
