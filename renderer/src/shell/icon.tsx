// Small inline stroke icons (16px), so the app needs no icon font or image requests.
export type IconName =
  | 'overview'
  | 'traces'
  | 'techniques'
  | 'services'
  | 'metrics'
  | 'settings'
  | 'sun'
  | 'moon'
  | 'copy'
  | 'check'
  | 'back'
  | 'close'
  | 'refresh'
  | 'alert'
  | 'play'
  | 'pause'
  | 'replay'
  | 'arrow-right';

const PATHS: Record<IconName, string> = {
  overview: 'M2.5 2.5h4.5v5H2.5zM9 2.5h4.5v3H9zM9 7.5h4.5v6H9zM2.5 9.5h4.5v4H2.5z',
  traces: 'M2 3.5h7M4 6.5h8M6 9.5h5M3 12.5h11',
  techniques: 'M3 2.5h7.5l2.5 2.5v8.5H3zM5.5 7h5M5.5 9.5h5M5.5 12h3',
  services: 'M2 3h4v3H2zM10 3h4v3h-4zM6 11h4v3H6zM4 6v2.5h8V6M8 8.5V11',
  metrics: 'M2 13.5h12M3.5 11l3-4 2.5 2 4-5.5',
  settings: 'M2.5 4.5h11M2.5 8h11M2.5 11.5h11M5.5 3v3M10.5 6.5v3M7 10v3',
  sun: 'M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6zM8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1',
  moon: 'M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z',
  copy: 'M5.5 5.5h7v8h-7zM3.5 10.5v-8h7',
  check: 'M3 8.5l3 3 7-7',
  back: 'M10 3.5L5.5 8l4.5 4.5',
  close: 'M4 4l8 8M12 4l-8 8',
  refresh: 'M13 8a5 5 0 1 1-1.5-3.6M13 2.5v2.5h-2.5',
  alert: 'M8 2l6.5 11.5h-13zM8 6.5v3M8 11.5v.5',
  play: 'M5 3.5v9l7.5-4.5z',
  pause: 'M5.5 3.5v9M10.5 3.5v9',
  replay: 'M2.5 8a5.5 5.5 0 1 0 1.6-3.9M2.5 2.5v2.5H5M8 5v3l2 1.5',
  'arrow-right': 'M3 8h10M9 4l4 4-4 4',
};

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.5"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
