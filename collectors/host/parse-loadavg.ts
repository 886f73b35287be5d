// Parses /proc/loadavg: "0.13 0.35 0.19 1/84 3899".

export interface LoadAverage {
  m1: number;
  m5: number;
  m15: number;
}

export function parseLoadavg(text: string): LoadAverage {
  const [m1, m5, m15] = text.trim().split(/\s+/).slice(0, 3).map(Number);
  if (m1 === undefined || m5 === undefined || m15 === undefined || [m1, m5, m15].some((v) => !Number.isFinite(v))) {
    throw new Error(`/proc/loadavg: malformed: ${text.slice(0, 80)}`);
  }
  return { m1, m5, m15 };
}
