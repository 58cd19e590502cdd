// The cross-match page: a list (file or pasted) against catalogues; one result section per catalogue as the NDJSON
// stream of POST /api/xmatch delivers it. Every piece of remote text becomes DOM text (dom.ts), never markup.
import '../style.css';
import type { SourceInfo, TableJson } from '../api';
import { append, byId, clear, h } from '../dom';
import { type MatchLine, readLines } from './stream';

const shownRows = 200;

async function loadCatalogues(): Promise<void> {
  const box = byId('x-catalogues');
  const response = await fetch('api/sources');
  const sources = (await response.json()) as SourceInfo[];
  clear(box);
  for (const s of sources.filter((x) => x.kind === 'Catalogue' || x.kind === 'Redshifts')) {
    const id = `x-cat-${s.id}`;
    append(box, h('label', { class: 'toggle', for: id, title: s.description ?? '' },
      h('input', { type: 'checkbox', id, name: 'catalogues', value: s.id }), ` ${s.title}`));
  }
}

function showErrors(errors: { parameter: string; message: string }[]): void {
  const box = byId('x-errors');
  clear(box);
  box.hidden = errors.length === 0;
  for (const e of errors) {
    append(box, h('div', null, `${e.parameter}: ${e.message}`));
  }
}

function tableView(table: TableJson): HTMLElement {
  const head = h('tr', null, ...table.columns.map((c) => h('th', { title: c.description ?? '' }, c.name, c.unit ? h('small', null, ` [${c.unit}]`) : null)));
  const body = h('tbody', null, ...table.rows.slice(0, shownRows).map((row) => h('tr', null, ...row.map((cell) => h('td', null, cell === null ? '' : String(cell))))));
  return h('div', { class: 'x-table' }, h('table', null, h('thead', null, head), body),
    table.rowCount > shownRows ? h('p', null, `first ${shownRows} of ${table.rowCount} rows; download for all`) : null);
}

function resultView(line: MatchLine): HTMLElement {
  const section = h('section', { class: `x-result status-${line.status.toLowerCase()}`, 'data-catalogue': line.catalogue });
  const summary = `${line.title}: ${line.status} — ${line.pairs} pairs, ${line.matchedRows} rows matched` +
    (line.method ? ` (${line.method === 'remote' ? 'matched by the archive' : 'matched by Das'})` : '') +
    ` in ${(line.elapsedMs / 1000).toFixed(1)} s`;
  append(section, h('h2', null, summary));
  if (line.message) {
    append(section, h('p', { class: 'x-message' }, line.message));
  }
  for (const note of line.notes) {
    append(section, h('p', { class: 'x-note' }, note));
  }
  if (line.downloads) {
    append(section, h('p', { class: 'x-downloads' }, ...Object.entries(line.downloads).flatMap(([format, url]) =>
      [h('a', { href: url, download: '' }, format.toUpperCase()), ' '])));
  }
  if (line.provenance.length > 0) {
    append(section, h('details', null, h('summary', null, 'What Das sent'), ...line.provenance.map((p) => h('pre', null, p))));
  }
  if (line.table) {
    append(section, tableView(line.table));
  }
  return section;
}

async function run(event: Event): Promise<void> {
  event.preventDefault();
  const form = byId<HTMLFormElement>('xmatch-form');
  const data = new FormData(form);
  for (const [key, value] of [...data.entries()]) {
    if (value instanceof File && value.size === 0) {
      data.delete(key);
    }
  }
  const results = byId('x-results');
  clear(results);
  showErrors([]);
  const status = h('p', { id: 'x-status' }, 'Matching…');
  append(results, status);
  const response = await fetch('api/xmatch', { method: 'POST', body: data });
  if (response.status === 400) {
    const body = (await response.json()) as { errors: { parameter: string; message: string }[] };
    showErrors(body.errors);
    status.textContent = 'Nothing ran: see the problems above.';
    return;
  }
  if (!response.ok || !response.body) {
    status.textContent = `The server answered HTTP ${response.status}.`;
    return;
  }
  for await (const line of readLines(response.body)) {
    if (line.type === 'start') {
      status.textContent = `Matching ${line.rows} rows against ${line.catalogues.length} catalogues…`;
    } else if (line.type === 'match') {
      append(results, resultView(line));
    } else if (line.type === 'end') {
      status.textContent = `Done: ${line.pairs} pairs in ${(line.elapsedMs / 1000).toFixed(1)} s.`;
    }
  }
}

byId<HTMLFormElement>('xmatch-form').addEventListener('submit', (e) => void run(e));
void loadCatalogues();
