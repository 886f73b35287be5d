// One entry point for every API route: Electron IPC when the preload bridge is there (route and input as
// they are), otherwise HTTP to the same origin (GET/DELETE with a query string, POST with a JSON body).
// Both resolve to the response type or throw ApiRequestError.
import type { ApiInput, ApiResponses, ApiRouteName } from '../../../common/api-contract.ts';
import type { ApiResult } from '../../../common/ipc-contract.ts';
import { ApiRequestError, errorFromResponse } from './api-error.ts';
import { buildHttpRequest } from './build-http-request.ts';
import { reportReachable, reportUnreachable } from './connectivity.ts';
import { getPreloadBridge } from './preload-bridge.ts';

const TIMEOUT_MS = 10_000;

export interface RequestOptions {
  signal?: AbortSignal;
}

export async function request<R extends ApiRouteName>(
  route: R,
  input: ApiInput<R>,
  options: RequestOptions = {},
): Promise<ApiResponses[R]> {
  try {
    const value = getPreloadBridge() ? await viaIpc(route, input) : await viaHttp(route, input, options.signal);
    reportReachable();
    return value;
  } catch (error) {
    if (error instanceof ApiRequestError) {
      if (error.unreachable) reportUnreachable(error);
      else reportReachable();
    }
    throw error;
  }
}

async function viaIpc<R extends ApiRouteName>(route: R, input: ApiInput<R>): Promise<ApiResponses[R]> {
  const bridge = getPreloadBridge();
  if (!bridge) throw new ApiRequestError('UNREACHABLE', 'The Electron bridge is gone.', route);
  let result: ApiResult<R>;
  try {
    result = await bridge.request(route, input);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw new ApiRequestError('UNREACHABLE', `The console backend did not answer: ${detail}`, route);
  }
  if (result.ok) return result.value;
  throw new ApiRequestError(result.error.code, result.error.message, route);
}

async function viaHttp<R extends ApiRouteName>(
  route: R,
  input: ApiInput<R>,
  callerSignal: AbortSignal | undefined,
): Promise<ApiResponses[R]> {
  const { method, url, body } = buildHttpRequest(route, input);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body,
      signal,
    });
    text = await response.text();
  } catch (error) {
    if (callerSignal?.aborted) throw error; // the caller moved on; not a connectivity problem
    const reason = timeout.aborted ? `no answer within ${TIMEOUT_MS / 1000} s` : 'network error';
    throw new ApiRequestError('UNREACHABLE', `The console API is unreachable (${reason}).`, route);
  }
  if (!response.ok) throw errorFromResponse(route, response.status, text);
  try {
    return JSON.parse(text) as ApiResponses[R];
  } catch {
    throw new ApiRequestError('BAD_RESPONSE', `${url} did not return JSON.`, route, response.status);
  }
}
