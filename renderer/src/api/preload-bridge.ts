// Inside Electron the preload script exposes the API as window.chokepoint; in a browser it is absent.
import type { PreloadApi } from '../../../common/ipc-contract.ts';

type WindowWithBridge = Window & { chokepoint?: PreloadApi };

export function getPreloadBridge(): PreloadApi | null {
  if (typeof window === 'undefined') return null;
  return (window as WindowWithBridge).chokepoint ?? null;
}
