// The HTTP API of Das.Web as the page sees it (README, "The HTTP API"). Every URL is relative to the page, so the
// app works under a path base.

export type SourceKind = 'Catalogue' | 'Images' | 'Spectra' | 'LightCurve' | 'Redshifts';

export interface SourceInfo {
  id: string;
  title: string;
  kind: SourceKind | string;
  protocol: string;
  host: string | null;
  isDefault: boolean;
  aliases: string[];
  budgetSeconds: number;
  cacheSeconds: number;
  accessGroup: string | null;
  description: string | null;
}

export interface ResolveAnswer {
  name: string;
  status: 'Found' | 'Unknown' | 'Ambiguous' | 'Failed' | string;
  ra: number | null;
  dec: number | null;
  objectName: string | null;
  objectType: string | null;
  resolvedBy: string | null;
  candidates: unknown[];
  messages: string[];
}

export interface ParameterError {
  parameter: string;
  message: string;
  index?: number | null;
}

export interface ColumnJson {
  name: string;
  datatype: string;
  arraysize: string | null;
  unit: string | null;
  ucd: string | null;
  utype: string | null;
  xtype: string | null;
  description: string | null;
}

export interface TableJson {
  name: string | null;
  description: string | null;
  columns: ColumnJson[];
  rowCount: number;
  truncated: boolean;
  truncation: { reason: string; message: string | null } | null;
  params: unknown[];
  infos: { name: string; value: string | null; content: string | null }[];
  rows: unknown[][];
}

export interface StartQuery {
  ra: number;
  dec: number;
  fovArcmin: number;
  errArcsec: number;
  targetName: string | null;
}

export interface StartLine {
  type: 'start';
  query: StartQuery;
  sources: { id: string; title: string; kind: string }[];
  problems: string[];
}

export type OutcomeStatus = 'Ok' | 'Empty' | 'Truncated' | 'Failed' | 'TimedOut' | 'Skipped';

export interface OutcomeLine {
  source: string;
  title: string;
  kind: string;
  status: OutcomeStatus | string;
  rows: number;
  elapsedMs: number;
  cachedAgeSeconds: number | null;
  fetchedAt: string | null;
  message: string | null;
  failure: string | null;
  transient: boolean;
  provenance: string | null;
  notes: string[];
  table?: TableJson | null;
}

/** A failure the API described: a sentence, and the parameter errors of a 400 when there were any. */
export class ApiError extends Error {
  constructor(message: string, readonly errors: ParameterError[] = []) {
    super(message);
    this.name = 'ApiError';
  }
}

async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { headers: { Accept: 'application/json' }, signal: signal ?? null });
  if (!response.ok) {
    throw await errorOf(response);
  }
  return (await response.json()) as T;
}

/** Reads a failed response into an ApiError: the 400 parameter errors, a ProblemDetails title/detail, or the status. */
export async function errorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  try {
    const body = JSON.parse(text) as { errors?: unknown; title?: unknown; detail?: unknown };
    if (Array.isArray(body.errors)) {
      const errors = body.errors.filter(isParameterError);
      return new ApiError(errors.map(e => e.message).join('; ') || `HTTP ${response.status}`, errors);
    }
    const sentence = [body.title, body.detail].filter(s => typeof s === 'string' && s.length > 0).join(': ');
    if (sentence) {
      return new ApiError(sentence);
    }
  } catch {
    // Not JSON: fall through to the status line.
  }
  return new ApiError(`HTTP ${response.status} ${response.statusText}`.trim());
}

function isParameterError(value: unknown): value is ParameterError {
  return typeof value === 'object' && value !== null
    && typeof (value as ParameterError).parameter === 'string' && typeof (value as ParameterError).message === 'string';
}

export function fetchSources(signal?: AbortSignal): Promise<SourceInfo[]> {
  return getJson<SourceInfo[]>('api/sources', signal);
}

export function resolveName(name: string, signal?: AbortSignal): Promise<ResolveAnswer> {
  return getJson<ResolveAnswer>(`api/resolve?name=${encodeURIComponent(name)}`, signal);
}

/** One HiPS the sky view may show. URLs are relative to the page and made absolute before Aladin sees them. */
export interface SurveyEntry {
  id: string;
  name: string;
  url: string;
}

/**
 * The surveys offered in the sky view (api/surveys: Das:Sky:Surveys on the server, local ones only when served). The
 * first is the default. When the list cannot be had the page offers only the local HiPS at hips/: Aladin Lite must
 * never fall back to its remote defaults by itself.
 */
export async function fetchSurveys(): Promise<SurveyEntry[]> {
  const fallback: SurveyEntry[] = [{ id: 'local', name: 'Local HiPS', url: 'hips/' }];
  try {
    const response = await fetch('api/surveys', { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      return fallback;
    }
    const body = (await response.json()) as { surveys?: unknown };
    const surveys = Array.isArray(body.surveys)
      ? body.surveys.filter((s): s is SurveyEntry => typeof s === 'object' && s !== null
        && typeof (s as SurveyEntry).id === 'string' && typeof (s as SurveyEntry).url === 'string')
      : [];
    return surveys.length > 0 ? surveys.map(s => ({ id: s.id, name: typeof s.name === 'string' ? s.name : s.id, url: s.url })) : fallback;
  } catch {
    return fallback;
  }
}

/** The whole-query downloads (api/query/export): one file with every source's outcome and rows. */
export const queryExportFormats = [
  { format: 'votable', label: 'VOTable' },
  { format: 'xlsx', label: 'XLSX' },
  { format: 'json', label: 'JSON' },
  { format: 'csv', label: 'CSV (zip)' },
] as const;

/**
 * An archive's FITS image, through the server's image proxy (api/image), as a blob: URL for the sky view. The server
 * fetches only images that a source listed in a recent answer; its refusal or the archive's failure comes back as an
 * ApiError with the server's sentence.
 */
export async function fetchImage(url: string, signal?: AbortSignal): Promise<string> {
  const response = await fetch(`api/image?url=${encodeURIComponent(url)}`, { signal: signal ?? null });
  if (!response.ok) {
    throw await errorOf(response);
  }
  return URL.createObjectURL(await response.blob());
}

/**
 * Reads an NDJSON body as it arrives, handing `onLine` each line without its newline, and the text after the last
 * newline at the end (callers skip blank lines). Shared by the query and redshift streams.
 */
export async function readLines(body: NonNullable<Response['body']>, onLine: (line: string) => void): Promise<void> {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) {
      break;
    }
    buffer += value;
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      onLine(buffer.slice(0, newline));
      buffer = buffer.slice(newline + 1);
    }
  }
  onLine(buffer);
}
