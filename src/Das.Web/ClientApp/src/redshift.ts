// The redshift panel: every redshift known near the query's position (GET api/redshift/stream), filled while the
// query runs. One status line per redshift source (SIMBAD, NED, VizieR's tables with a redshift column, configured
// TAP services) as it answers, and one table of every redshift, nearest first, with its error, kind, object,
// catalogue (its description on hover) and the request that returned it. Remote text is DOM text only (dom.ts h).

import './redshift.css';
import { errorOf, readLines, type OutcomeLine, type TableJson } from './api';
import { append, clear, h } from './dom';
import { formatElapsed } from './status';

/** One measured redshift, as the API's redshift table gives it. */
export interface RedshiftRow {
  separation: number | null;
  z: number;
  zErr: number | null;
  kind: string;
  object: string | null;
  ra: number | null;
  dec: number | null;
  catalogue: string | null;
  catalogueDescription: string | null;
  zColumn: string | null;
  quality: string | null;
  reference: string | null;
  source: string | null;
  provenance: string | null;
}

/** Default radius when the query's error circle is smaller, arcsec (the API's own default). */
export const defaultRadiusArcsec = 30;
/** Largest radius the API takes, arcsec. */
export const maxRadiusArcsec = 1800;

/** The search radius for a query: its error circle, at least the default, at most the API's limit. */
export function radiusFor(errArcsec: number): number {
  return Math.min(maxRadiusArcsec, Math.max(defaultRadiusArcsec, Number.isFinite(errArcsec) ? errArcsec : 0));
}

/** The rows of a redshift table (columns found by name, so extra or reordered columns do not matter). */
export function rowsOf(table: TableJson | null | undefined): RedshiftRow[] {
  if (!table) {
    return [];
  }
  const index = new Map(table.columns.map((c, i) => [c.name, i]));
  const cell = (row: unknown[], name: string): unknown => {
    const i = index.get(name);
    return i === undefined ? null : row[i];
  };
  const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
  const text = (value: unknown): string | null => (value === null || value === undefined || value === '' ? null : String(value));
  const rows: RedshiftRow[] = [];
  for (const row of table.rows) {
    const z = num(cell(row, 'z'));
    if (z === null) {
      continue;
    }
    rows.push({
      separation: num(cell(row, 'separation')),
      z,
      zErr: num(cell(row, 'z_err')),
      kind: text(cell(row, 'z_kind')) ?? 'unknown',
      object: text(cell(row, 'object')),
      ra: num(cell(row, 'ra')),
      dec: num(cell(row, 'dec')),
      catalogue: text(cell(row, 'catalogue')),
      catalogueDescription: text(cell(row, 'catalogue_description')),
      zColumn: text(cell(row, 'z_column')),
      quality: text(cell(row, 'quality')),
      reference: text(cell(row, 'reference')),
      source: text(cell(row, 'source')),
      provenance: text(cell(row, 'provenance')),
    });
  }
  return rows;
}

/** Nearest first; rows without a separation last; ties by source, catalogue and z (the server's order). */
export function sortRows(rows: RedshiftRow[]): RedshiftRow[] {
  const key = (s: string | null) => s ?? '';
  return [...rows].sort((a, b) => {
    if (a.separation === null || b.separation === null) {
      if (a.separation !== b.separation) {
        return a.separation === null ? 1 : -1;
      }
    } else if (a.separation !== b.separation) {
      return a.separation - b.separation;
    }
    return key(a.source) < key(b.source) ? -1 : key(a.source) > key(b.source) ? 1
      : key(a.catalogue) < key(b.catalogue) ? -1 : key(a.catalogue) > key(b.catalogue) ? 1 : a.z - b.z;
  });
}

/** "0.23405 ± 0.00004", or the redshift alone. */
export function formatRedshift(z: number, error: number | null): string {
  const digits = error !== null && error > 0 ? Math.min(7, Math.max(3, Math.ceil(-Math.log10(error)) + 1)) : 5;
  return error !== null ? `${z.toFixed(digits)} ± ${error.toFixed(digits)}` : z.toFixed(digits);
}

/** Arcsec with two decimals, or a dash when unknown. */
export function formatSeparation(arcsec: number | null): string {
  return arcsec === null ? '–' : arcsec.toFixed(2);
}

const kindWords: Record<string, string> = { spec: 'spectroscopic', phot: 'photometric', unknown: 'not stated' };

interface Contributor {
  element: HTMLElement;
}

export class RedshiftPanel {
  private readonly section: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly list: HTMLElement;
  private readonly body: HTMLElement;
  private readonly downloads: HTMLElement;
  private readonly radiusInput: HTMLInputElement;
  private readonly contributors = new Map<string, Contributor>();
  private rows: RedshiftRow[] = [];
  private abort: AbortController | null = null;
  private position: { ra: number; dec: number } | null = null;

  constructor(parent: HTMLElement) {
    this.radiusInput = h('input', { id: 'redshift-radius', class: 'radius', type: 'number', min: '0.1', max: String(maxRadiusArcsec), step: 'any', 'aria-label': 'radius in arcsec' });
    const form = h('form', { class: 'redshift-form', onsubmit: (event: Event) => { event.preventDefault(); this.again(); } },
      h('label', { for: 'redshift-radius' }, 'radius ″ '), this.radiusInput, ' ', h('button', { type: 'submit' }, 'Search'));
    this.summary = h('span', { class: 'summary' });
    this.list = h('ul', { class: 'redshift-sources' });
    this.downloads = h('div', { class: 'downloads' });
    this.body = h('tbody');
    const table = h('table', { class: 'redshift-table' },
      h('thead', null, h('tr', null,
        h('th', { title: 'distance from the position, arcsec' }, 'sep ″'), h('th', null, 'z'), h('th', null, 'kind'), h('th', null, 'object'),
        h('th', null, 'catalogue'), h('th', null, 'quality'), h('th', null, 'source'), h('th', null, 'request'))),
      this.body);
    this.section = h('section', { id: 'redshifts', class: 'redshift-panel', 'aria-label': 'Redshifts', 'data-state': 'idle', hidden: true },
      h('div', { class: 'redshift-head' }, h('h2', null, 'Redshifts ', this.summary), form),
      this.list, this.downloads, h('div', { class: 'redshift-scroll' }, table));
    parent.append(this.section);
  }

  /** Clears the panel (a new query starts). */
  reset(): void {
    this.abort?.abort();
    this.abort = null;
    this.position = null;
    this.section.hidden = true;
    this.section.dataset.state = 'idle';
  }

  /** Searches around the query's position: the radius is its error circle, at least the default. */
  start(ra: number, dec: number, errArcsec: number): void {
    this.radiusInput.value = String(radiusFor(errArcsec));
    this.search(ra, dec);
  }

  private again(): void {
    if (this.position) {
      this.search(this.position.ra, this.position.dec);
    }
  }

  private search(ra: number, dec: number): void {
    this.abort?.abort();
    const abort = new AbortController();
    this.abort = abort;
    this.position = { ra, dec };
    const radius = Number(this.radiusInput.value);
    const search = new URLSearchParams({ RA: String(ra), DEC: String(dec), RADIUS: Number.isFinite(radius) && radius > 0 ? String(radius) : String(defaultRadiusArcsec) });
    this.section.hidden = false;
    this.section.dataset.state = 'running';
    this.contributors.clear();
    clear(this.list);
    this.rows = [];
    this.render();
    clear(this.downloads);
    this.downloads.append('Download: ', ...['votable', 'csv', 'xlsx', 'json'].map(format =>
      h('a', { class: 'export', 'data-format': format, download: '', href: `api/redshift?${search.toString()}&format=${format}` }, format.toUpperCase())));
    this.summary.textContent = '…';
    void this.stream(search, abort);
  }

  private async stream(search: URLSearchParams, abort: AbortController): Promise<void> {
    try {
      const response = await fetch(`api/redshift/stream?${search.toString()}`, { headers: { Accept: 'application/x-ndjson' }, signal: abort.signal });
      if (!response.ok || !response.body) {
        this.fail((await errorOf(response)).message, abort);
        return;
      }
      await readLines(response.body, line => this.line(line, abort));
      if (this.abort === abort) {
        this.finish();
      }
    } catch (error) {
      if (!abort.signal.aborted) {
        this.fail(`the redshift search broke: ${error instanceof Error ? error.message : String(error)}`, abort);
      }
    }
  }

  private line(text: string, abort: AbortController): void {
    if (this.abort !== abort || !text.trim()) {
      return;
    }
    let value: Record<string, unknown>;
    try {
      value = JSON.parse(text) as Record<string, unknown>;
    } catch {
      this.fail('the server sent a line that is not JSON', abort);
      return;
    }
    if (value.type === 'start' && Array.isArray(value.contributors)) {
      for (const c of value.contributors as { id: string; title: string }[]) {
        this.addContributor(c.id, c.title);
      }
      this.updateSummary();
    } else if (typeof value.source === 'string') {
      this.outcome(value as unknown as OutcomeLine);
    }
  }

  private addContributor(id: string, title: string): Contributor {
    const element = h('li', { 'data-source': id, 'data-status': 'Waiting', class: 'waiting' },
      h('span', { class: 'title' }, title), h('span', { class: 'state' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'waiting'));
    this.list.append(element);
    const contributor = { element };
    this.contributors.set(id, contributor);
    return contributor;
  }

  private outcome(outcome: OutcomeLine): void {
    const { element } = this.contributors.get(outcome.source) ?? this.addContributor(outcome.source, outcome.title);
    element.classList.remove('waiting');
    element.dataset.status = outcome.status;
    const found = rowsOf(outcome.table);
    const state = outcome.status === 'Ok' || outcome.status === 'Truncated' ? `${found.length} redshift${found.length === 1 ? '' : 's'}`
      : outcome.status === 'Empty' ? 'none here' : outcome.status === 'Skipped' ? 'skipped' : outcome.status === 'TimedOut' ? 'timed out' : 'failed';
    clear(element);
    append(element, h('span', { class: 'title' }, outcome.title), h('span', { class: 'state' }, state),
      h('span', { class: 'elapsed' }, formatElapsed(outcome.elapsedMs)),
      outcome.cachedAgeSeconds !== null && outcome.cachedAgeSeconds !== undefined ? h('span', { class: 'badge cached' }, 'cached') : null,
      outcome.message ? h('div', { class: 'message' }, outcome.message) : null,
      outcome.notes.length > 0 ? h('ul', { class: 'notes' }, ...outcome.notes.map(n => h('li', null, n))) : null,
      outcome.provenance ? h('details', { class: 'provenance' }, h('summary', null, 'request'), h('pre', null, outcome.provenance)) : null);
    this.rows = sortRows([...this.rows, ...found]);
    this.render();
    this.updateSummary();
  }

  private render(): void {
    clear(this.body);
    if (this.rows.length === 0) {
      this.body.append(h('tr', { class: 'empty' }, h('td', { colspan: '8' }, this.section.dataset.state === 'running' ? 'Waiting for the sources…' : 'No redshift found within the radius.')));
      return;
    }
    for (const row of this.rows) {
      this.body.append(h('tr', { 'data-kind': row.kind, 'data-source': row.source ?? '' },
        h('td', { class: 'num' }, formatSeparation(row.separation)),
        h('td', { class: 'num z' }, formatRedshift(row.z, row.zErr)),
        h('td', { class: `kind kind-${row.kind}`, title: kindWords[row.kind] ?? row.kind }, row.kind),
        h('td', { class: 'object' }, row.object ?? ''),
        h('td', { class: 'catalogue', title: [row.catalogueDescription, row.zColumn ? `column ${row.zColumn}` : null].filter(Boolean).join(' — ') }, row.catalogue ?? ''),
        h('td', null, [row.quality, row.reference].filter(Boolean).join(' ')),
        h('td', null, row.source ?? ''),
        h('td', null, row.provenance ? h('details', { class: 'provenance' }, h('summary', null, 'show'), h('pre', null, row.provenance)) : '')));
    }
  }

  private updateSummary(): void {
    const all = [...this.contributors.values()].map(c => c.element);
    const waiting = all.filter(e => e.dataset.status === 'Waiting').length;
    const failed = all.filter(e => e.dataset.status === 'Failed' || e.dataset.status === 'TimedOut').length;
    this.summary.textContent = `${this.rows.length} redshift${this.rows.length === 1 ? '' : 's'} from ${all.length - waiting} of ${all.length} sources`
      + (failed > 0 ? `, ${failed} failed` : '') + (waiting > 0 ? '…' : '.');
  }

  private finish(): void {
    for (const { element } of this.contributors.values()) {
      if (element.dataset.status === 'Waiting') {
        element.dataset.status = 'NoAnswer';
        element.querySelector('.state')?.replaceWith(h('span', { class: 'state' }, 'no answer'));
      }
    }
    this.section.dataset.state = 'done';
    this.render();
    this.updateSummary();
  }

  private fail(message: string, abort: AbortController): void {
    if (this.abort !== abort) {
      return;
    }
    this.section.dataset.state = 'failed';
    this.list.append(h('li', { class: 'problem', 'data-status': 'Error' }, message));
    this.summary.textContent = 'the redshift search did not run.';
  }
}
