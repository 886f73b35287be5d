// A colour per service, so a service looks the same in every list and waterfall of a session.
// Names start at a hashed slot; a slot already held by another service moves the newcomer to the
// next free one, so a handful of services never share a colour (plain hashing collides often:
// five services on ten colours clash three times in four). Saturation and lightness live in CSS.
import type { CSSProperties } from 'react';

// No reds: red means error everywhere in the console.
const HUES = [215, 30, 145, 275, 50, 185, 315, 95, 245, 120] as const;

const assigned = new Map<string, number>();

function hashSlot(serviceName: string): number {
  // FNV-1a: cheap and spreads short similar names well.
  let hash = 0x811c9dc5;
  for (let index = 0; index < serviceName.length; index += 1) {
    hash ^= serviceName.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % HUES.length;
}

function slotOf(serviceName: string): number {
  const known = assigned.get(serviceName);
  if (known !== undefined) return known;
  const start = hashSlot(serviceName);
  const taken = new Set(assigned.values());
  let slot = start;
  if (taken.size < HUES.length) {
    while (taken.has(slot)) slot = (slot + 1) % HUES.length;
  }
  assigned.set(serviceName, slot);
  return slot;
}

/** Assigns colours to a set of services in name order, so the same set gets the same colours. */
export function seedServiceColors(serviceNames: Iterable<string>): void {
  for (const name of [...serviceNames].sort()) slotOf(name);
}

export function serviceHue(serviceName: string): number {
  return HUES[slotOf(serviceName)] ?? HUES[0];
}

/** Sets --service-hue for a service; CSS uses it as hsl(var(--service-hue) …). */
export function serviceColorStyle(serviceName: string): CSSProperties {
  // React's CSSProperties has no slot for custom properties; they pass through as-is.
  return { '--service-hue': String(serviceHue(serviceName)) } as CSSProperties;
}

/** Forgets every assignment (tests). */
export function resetServiceColors(): void {
  assigned.clear();
}
