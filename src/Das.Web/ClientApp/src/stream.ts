// Runs a query and hands each line to the page as it arrives: over the SignalR hub (hubs/query, StreamQuery), or
// over the NDJSON endpoint (api/query/stream) when the hub cannot be reached. Both carry the same JSON lines: the
// start line, then one outcome per source in completion order.

import { HubConnectionBuilder, LogLevel, type HubConnection, type ISubscription } from '@microsoft/signalr';
import { ApiError, errorOf, readLines, type OutcomeLine, type StartLine } from './api';

export interface StreamHandlers {
  start(line: StartLine): void;
  outcome(line: OutcomeLine): void;
  /** The query could not run (bad parameters, a name that did not resolve, the server unreachable). */
  failed(error: ApiError): void;
  /** The server closed the stream after the last outcome. */
  done(): void;
}

export interface RunningQuery {
  cancel(): void;
}

let connection: HubConnection | null = null;

async function hub(): Promise<HubConnection> {
  if (connection && connection.state === 'Connected') {
    return connection;
  }
  connection = new HubConnectionBuilder()
    .withUrl(new URL('hubs/query', location.href).href)
    .configureLogging(LogLevel.None)
    .build();
  await connection.start();
  return connection;
}

/** Starts a query; `search` is the query string without '?'. */
export function runQuery(search: string, handlers: StreamHandlers): RunningQuery {
  let cancelled = false;
  let subscription: ISubscription<unknown> | null = null;
  const abort = new AbortController();
  const dispatchValue = valueHandler(handlers, () => cancelled);
  const dispatch = lineHandler(handlers, dispatchValue, () => cancelled);

  void (async () => {
    let conn: HubConnection;
    try {
      conn = await hub();
    } catch {
      if (!cancelled) {
        await runNdjson(search, handlers, dispatch, abort.signal, () => cancelled);
      }
      return;
    }
    if (cancelled) {
      return;
    }
    // The hub sends each line as a JSON value (a server older than that sent strings of JSON).
    subscription = conn.stream<unknown>('StreamQuery', search).subscribe({
      next: value => (typeof value === 'string' ? dispatch(value) : dispatchValue(value)),
      error: err => {
        if (!cancelled) {
          handlers.failed(hubError(err));
        }
      },
      complete: () => {
        if (!cancelled) {
          handlers.done();
        }
      },
    });
  })();

  return {
    cancel() {
      cancelled = true;
      subscription?.dispose();
      abort.abort();
    },
  };
}

/**
 * A hub error as a sentence. The server may put the 400 body ({"errors":[…]}) in the message so that the page can
 * show each parameter's problem under its field; SignalR prefixes server messages with its own words.
 */
function hubError(err: unknown): ApiError {
  const text = err instanceof Error ? err.message : String(err);
  const json = text.indexOf('{');
  if (json >= 0) {
    try {
      const body = JSON.parse(text.slice(json)) as { errors?: { parameter: string; message: string; index?: number }[] };
      if (Array.isArray(body.errors)) {
        return new ApiError(body.errors.map(e => e.message).join('; '), body.errors);
      }
    } catch {
      // Not JSON after all.
    }
  }
  return new ApiError(text.replace(/^An unexpected error occurred invoking 'StreamQuery' on the server\.\s*(HubException:\s*)?/, ''));
}

/** Parses one NDJSON line and hands its value on. */
function lineHandler(handlers: StreamHandlers, dispatchValue: (value: unknown) => void,
  cancelled: () => boolean): (line: string) => void {
  return line => {
    if (cancelled() || !line.trim()) {
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      handlers.failed(new ApiError('the server sent a line that is not JSON'));
      return;
    }
    dispatchValue(value);
  };
}

/** Routes one line of the stream (start, errors or an outcome) to its handler; anything else is ignored. */
function valueHandler(handlers: StreamHandlers, cancelled: () => boolean): (value: unknown) => void {
  return value => {
    if (cancelled() || typeof value !== 'object' || value === null) {
      return;
    }
    const record = value as Record<string, unknown>;
    if (record.type === 'start') {
      handlers.start(value as StartLine);
    } else if (Array.isArray(record.errors)) {
      handlers.failed(new ApiError(String(record.message ?? 'the query was refused'), record.errors as ApiError['errors']));
    } else if (typeof record.source === 'string') {
      handlers.outcome(value as OutcomeLine);
    }
  };
}

async function runNdjson(search: string, handlers: StreamHandlers, dispatch: (line: string) => void,
  signal: AbortSignal, cancelled: () => boolean): Promise<void> {
  try {
    const response = await fetch(`api/query/stream?${search}`, { headers: { Accept: 'application/x-ndjson' }, signal });
    if (!response.ok || !response.body) {
      handlers.failed(await errorOf(response));
      return;
    }
    await readLines(response.body, dispatch);
    if (!cancelled()) {
      handlers.done();
    }
  } catch (err) {
    if (!cancelled()) {
      handlers.failed(new ApiError(`the query stream broke: ${err instanceof Error ? err.message : String(err)}`));
    }
  }
}
