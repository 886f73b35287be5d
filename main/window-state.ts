// Remembers the main window's size, position and maximized state between runs (a small JSON file in the app's
// data folder). A missing, damaged or implausible file gives the default size; nothing here can stop a launch.
import fs from 'node:fs';
import { z } from 'zod';

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the OS place the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };
export const MIN_WINDOW_SIZE = { width: 960, height: 600 };

const coordinate = z.number().int().min(-100_000).max(100_000);
const stateSchema = z.object({
  width: z.number().int().min(MIN_WINDOW_SIZE.width).max(20_000),
  height: z.number().int().min(MIN_WINDOW_SIZE.height).max(20_000),
  x: coordinate.optional(),
  y: coordinate.optional(),
  maximized: z.boolean().default(false),
});

/** A visible area of one display (Electron's screen.getAllDisplays()[i].workArea). */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The saved state, or the default; a saved position is dropped when no display shows the window's top-left part. */
export function loadWindowState(file: string, displays: readonly Area[]): WindowState {
  let parsed: WindowState;
  try {
    const result = stateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!result.success) return { ...DEFAULT_WINDOW_STATE };
    parsed = result.data;
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  if (parsed.x === undefined || parsed.y === undefined) return { width: parsed.width, height: parsed.height, maximized: parsed.maximized };
  const { x, y } = parsed;
  // The title bar (top-left 100 × 50) must land on a display, or the window could not be grabbed.
  const visible = displays.some((d) => x + 100 > d.x && x < d.x + d.width && y + 50 > d.y && y < d.y + d.height);
  return visible ? parsed : { width: parsed.width, height: parsed.height, maximized: parsed.maximized };
}

export function saveWindowState(file: string, state: WindowState): void {
  const safe = stateSchema.safeParse(state);
  if (!safe.success) return;
  try {
    fs.writeFileSync(file, `${JSON.stringify(safe.data)}\n`);
  } catch {
    // Losing the window's position is not worth an error dialog.
  }
}
