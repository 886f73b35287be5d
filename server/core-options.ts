// Options of the composed core (collectors + store), shared by `chokepoint serve` and the Electron main process.

export interface CoreOptions {
  dataDir: string;
  /** Interface the OTLP receivers bind to. Loopback unless the user says otherwise; anything else needs `token`. */
  host: string;
  /**
   * Access token every receiver (and `serve`'s console) requires when set: `Authorization: Bearer <token>`.
   * Unset on loopback unless the user gives one; the Electron shell never sets it (loopback only, no token).
   */
  token?: string;
  /** 0 picks a free port; null turns the receiver off. */
  otlpHttpPort: number | null;
  otlpGrpcPort: number | null;
  hostMetrics: boolean;
  hostMetricsIntervalMs: number;
  /** Upstream OTLP/HTTP base URL that gets a copy of everything received; '' for none. */
  forwardTo: string;
  retention: { maxAgeMs: number; maxBytes: number };
  corsOrigins: string[];
  maxQueuedItems: number;
  /** How often the live rules run. */
  rulesIntervalMs: number;
  /** How often retention runs (default a minute; the soak test runs it more often to see it hold within minutes). */
  retentionIntervalMs?: number;
}

export interface ServeOptions extends CoreOptions {
  /** Port of the console (renderer + JSON API). */
  port: number;
  /** Open the bundled demo incident when the store holds no spans yet. */
  demo?: boolean;
  /** The token was generated for this run (no --token or CHOKEPOINT_TOKEN): show it once, in the console link. */
  tokenGenerated?: boolean;
}

export const DEFAULT_CONSOLE_PORT = 8686;
export const DEFAULT_OTLP_HTTP_PORT = 4318;
export const DEFAULT_OTLP_GRPC_PORT = 4317;

export function defaultCoreOptions(dataDir: string): CoreOptions {
  return {
    dataDir,
    host: '127.0.0.1',
    otlpHttpPort: DEFAULT_OTLP_HTTP_PORT,
    otlpGrpcPort: DEFAULT_OTLP_GRPC_PORT,
    hostMetrics: true,
    hostMetricsIntervalMs: 1000,
    forwardTo: '',
    retention: { maxAgeMs: 7 * 24 * 3600 * 1000, maxBytes: 2 * 1024 ** 3 },
    corsOrigins: [],
    maxQueuedItems: 25_000,
    rulesIntervalMs: 5_000,
  };
}
