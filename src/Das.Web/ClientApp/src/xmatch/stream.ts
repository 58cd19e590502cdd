// The NDJSON lines of POST /api/xmatch, read as they arrive.
import type { TableJson } from '../api';

export interface StartLine {
  type: 'start';
  id: string;
  rows: number;
  radius: number;
  find: string;
  catalogues: { id: string; title: string }[];
}

export interface MatchLine {
  type: 'match';
  catalogue: string;
  title: string;
  status: string;
  method: string | null;
  pairs: number;
  matchedRows: number;
  candidates: number;
  elapsedMs: number;
  cachedAgeSeconds: number | null;
  message: string | null;
  notes: string[];
  provenance: string[];
  downloads?: Record<string, string>;
  table?: TableJson;
}

export interface EndLine {
  type: 'end';
  pairs: number;
  elapsedMs: number;
}

export type XmatchLine = StartLine | MatchLine | EndLine;

/** Yields each complete line of the body as JSON. */
export async function* readLines(body: ReadableStream<Uint8Array>): AsyncGenerator<XmatchLine> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n')) >= 0) {
      const text = buffer.slice(0, end).trim();
      buffer = buffer.slice(end + 1);
      if (text.length > 0) {
        yield JSON.parse(text) as XmatchLine;
      }
    }
    if (done) {
      if (buffer.trim().length > 0) {
        yield JSON.parse(buffer) as XmatchLine;
      }
      return;
    }
  }
}
