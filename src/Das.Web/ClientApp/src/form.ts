// The query form: object name with a resolve button, RA and DEC in any notation (the server's precise error shown
// under each field), FOV, ERR, VizieR extras and one toggle per source grouped by kind.

import { resolveName, type ParameterError, type ResolveAnswer, type SourceInfo } from './api';
import { append, byId, clear, h } from './dom';
import { emptyQuery, selectedIds, selectionParameters, splitList, type QueryForm } from './query';

const kindOrder = ['Catalogue', 'Images', 'Spectra', 'LightCurve', 'Redshifts'];
const kindTitles: Record<string, string> = {
  Catalogue: 'Catalogues', Images: 'Images', Spectra: 'Spectra', LightCurve: 'Light curves', Redshifts: 'Redshifts',
};

const fields = ['NAME', 'RA', 'DEC', 'FOV', 'ERR', 'CAT', 'VIZ', 'IMG'] as const;

export class QueryFormView {
  private readonly form = byId<HTMLFormElement>('query-form');
  private readonly name = byId<HTMLInputElement>('f-name');
  private readonly ra = byId<HTMLInputElement>('f-ra');
  private readonly dec = byId<HTMLInputElement>('f-dec');
  private readonly fov = byId<HTMLInputElement>('f-fov');
  private readonly err = byId<HTMLInputElement>('f-err');
  private readonly viz = byId<HTMLInputElement>('f-viz');
  private readonly resolved = byId('resolved');
  private readonly sourceBox = byId('source-toggles');
  private readonly formError = byId('form-error');
  private sources: SourceInfo[] = [];
  /** CAT and IMG as the link gave them, kept until a source toggle changes (then written from the toggles). */
  private linkSelection: { cat: string[]; img: string } = { cat: [], img: '' };
  private selectionEdited = false;
  private resolving: AbortController | null = null;

  constructor(onSubmit: (query: QueryForm) => void) {
    this.form.addEventListener('submit', event => {
      event.preventDefault();
      onSubmit(this.read());
    });
    byId<HTMLButtonElement>('resolve').addEventListener('click', () => void this.resolve());
  }

  setSources(sources: SourceInfo[]): void {
    this.sources = sources;
    clear(this.sourceBox);
    const kinds = [...new Set(sources.map(s => s.kind))].sort((a, b) => rank(a) - rank(b));
    for (const kind of kinds) {
      const members = sources.filter(s => s.kind === kind);
      const group = h('fieldset', { class: 'kind-group', 'data-kind': kind },
        h('legend', null, kindTitles[kind] ?? kind, ' ',
          h('button', { type: 'button', class: 'link-button', onclick: () => this.setGroup(kind, true) }, 'all'), ' ',
          h('button', { type: 'button', class: 'link-button', onclick: () => this.setGroup(kind, false) }, 'none')));
      for (const source of members) {
        const box = h('input', { type: 'checkbox', name: 'source', value: source.id, 'data-default': String(source.isDefault) });
        box.addEventListener('change', () => { this.selectionEdited = true; });
        group.append(h('label', { class: 'source-toggle', title: source.description ?? '' }, box, ' ', source.title));
      }
      this.sourceBox.append(group);
    }
    this.applySelection();
  }

  /** Puts a query (from the address bar) into the fields and the toggles. */
  fill(query: QueryForm): void {
    this.name.value = query.name;
    this.ra.value = query.ra;
    this.dec.value = query.dec;
    this.fov.value = query.fov;
    this.err.value = query.err;
    this.viz.value = query.viz.join(',');
    this.linkSelection = { cat: [...query.cat], img: query.img };
    this.selectionEdited = false;
    this.applySelection();
  }

  /** The query the form holds now. */
  read(): QueryForm {
    const query = emptyQuery();
    query.name = this.name.value.trim();
    query.ra = this.ra.value.trim();
    query.dec = this.dec.value.trim();
    query.fov = this.fov.value.trim();
    query.err = this.err.value.trim();
    query.viz = splitList(this.viz.value);
    if (this.selectionEdited && this.sources.length > 0) {
      const checked = new Set([...this.sourceBox.querySelectorAll<HTMLInputElement>('input[name=source]:checked')].map(b => b.value));
      const { cat, img } = selectionParameters(this.sources, checked);
      query.cat = cat;
      query.img = img;
    } else {
      query.cat = [...this.linkSelection.cat];
      query.img = this.linkSelection.img;
    }
    return query;
  }

  /** Shows each parameter's problem under its field, the rest above the form; clears old ones first. */
  showErrors(errors: ParameterError[], general: string | null): void {
    this.clearErrors();
    const unplaced: string[] = [];
    for (const error of errors) {
      const key = error.parameter.toUpperCase();
      const slot = (fields as readonly string[]).includes(key) ? document.getElementById(`e-${key}`) : null;
      if (!slot) {
        unplaced.push(error.message);
        continue;
      }
      slot.append(h('div', null, error.message));
      const input = document.getElementById(`f-${key.toLowerCase()}`) as HTMLInputElement | null;
      input?.setAttribute('aria-invalid', 'true');
      if (input && typeof error.index === 'number' && error.index >= 0 && error.index <= input.value.length) {
        // Point at the character the server named: the text before it, the character marked, the rest.
        const v = input.value;
        slot.append(h('div', { class: 'caret-line' }, v.slice(0, error.index),
          h('mark', null, v.slice(error.index, error.index + 1) || ' '), v.slice(error.index + 1)));
      }
    }
    if (general && unplaced.length === 0 && errors.length === 0) {
      unplaced.push(general);
    }
    this.formError.textContent = unplaced.join(' ');
    this.formError.hidden = unplaced.length === 0;
  }

  clearErrors(): void {
    for (const key of fields) {
      const slot = document.getElementById(`e-${key}`);
      if (slot) {
        clear(slot);
      }
      document.getElementById(`f-${key.toLowerCase()}`)?.removeAttribute('aria-invalid');
    }
    this.formError.textContent = '';
    this.formError.hidden = true;
  }

  private async resolve(): Promise<void> {
    const name = this.name.value.trim();
    clear(this.resolved);
    delete this.resolved.dataset.by;
    if (!name) {
      this.resolved.append(h('span', { class: 'error' }, 'Type an object name first.'));
      return;
    }
    this.resolving?.abort();
    const controller = new AbortController();
    this.resolving = controller;
    this.resolved.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'resolving…');
    try {
      const answer = await resolveName(name, controller.signal);
      this.showResolved(answer);
    } catch (error) {
      if (!controller.signal.aborted) {
        clear(this.resolved);
        this.resolved.append(h('span', { class: 'error' }, error instanceof Error ? error.message : String(error)));
      }
    }
  }

  private showResolved(answer: ResolveAnswer): void {
    clear(this.resolved);
    this.resolved.dataset.status = answer.status;
    if (answer.status === 'Found' && typeof answer.ra === 'number' && typeof answer.dec === 'number') {
      this.ra.value = answer.ra.toFixed(6);
      this.dec.value = answer.dec.toFixed(6);
      this.resolved.dataset.by = answer.resolvedBy ?? '';
      this.resolved.dataset.name = answer.name;
      append(this.resolved,
        h('span', { class: 'position' }, `${answer.ra.toFixed(6)} ${answer.dec >= 0 ? '+' : ''}${answer.dec.toFixed(6)}`),
        answer.objectName ? ` ${answer.objectName}` : '',
        answer.objectType ? h('span', { class: 'otype' }, ` (${answer.objectType})`) : null,
        answer.resolvedBy ? h('span', { class: 'by' }, ` by ${answer.resolvedBy}`) : null);
    } else {
      const word = answer.status === 'Ambiguous' ? 'Ambiguous name' : answer.status === 'Unknown' ? 'Unknown name' : 'Could not resolve';
      this.resolved.append(h('span', { class: 'error' }, `${word}: ${answer.name}`));
      if (answer.candidates.length > 0) {
        this.resolved.append(h('ul', { class: 'candidates' }, ...answer.candidates.map(c => h('li', null, candidateText(c)))));
      }
    }
    for (const message of answer.messages) {
      this.resolved.append(h('div', { class: 'note' }, message));
    }
  }

  private setGroup(kind: string, on: boolean): void {
    for (const box of this.sourceBox.querySelectorAll<HTMLInputElement>(`fieldset[data-kind="${CSS.escape(kind)}"] input[name=source]`)) {
      box.checked = on;
    }
    this.selectionEdited = true;
  }

  /** Checks the toggles of the sources the link's CAT/IMG ask. */
  private applySelection(): void {
    const chosen = selectedIds(this.sources, { ...emptyQuery(), cat: this.linkSelection.cat, img: this.linkSelection.img });
    for (const box of this.sourceBox.querySelectorAll<HTMLInputElement>('input[name=source]')) {
      box.checked = chosen.has(box.value);
    }
  }

  /** Checks exactly the sources the server says it asked (the start line's list). */
  markAsked(ids: string[]): void {
    const asked = new Set(ids);
    for (const box of this.sourceBox.querySelectorAll<HTMLInputElement>('input[name=source]')) {
      box.checked = asked.has(box.value);
    }
  }
}

function rank(kind: string): number {
  const i = kindOrder.indexOf(kind);
  return i < 0 ? kindOrder.length : i;
}

function candidateText(candidate: unknown): string {
  if (typeof candidate === 'string') {
    return candidate;
  }
  if (candidate && typeof candidate === 'object') {
    const c = candidate as Record<string, unknown>;
    const name = typeof c.name === 'string' ? c.name : typeof c.objectName === 'string' ? c.objectName : '';
    const pos = typeof c.ra === 'number' && typeof c.dec === 'number' ? ` ${c.ra.toFixed(5)} ${c.dec.toFixed(5)}` : '';
    const type = typeof c.objectType === 'string' ? ` (${c.objectType})` : '';
    return `${name}${pos}${type}` || JSON.stringify(candidate);
  }
  return String(candidate);
}
