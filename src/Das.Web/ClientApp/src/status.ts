// The status panel: one line per source asked, waiting (spinner) until its outcome arrives, then its rows,
// truncation, cache age, skip reason or failure message, elapsed time and, on demand, the request sent.

import type { OutcomeLine } from './api';
import { clear, h } from './dom';

export interface StatusSource {
  id: string;
  title: string;
  kind: string;
  color: string;
}

interface Line {
  element: HTMLElement;
  toggle: HTMLInputElement;
}

const statusWords: Record<string, string> = {
  Ok: 'rows',
  Empty: 'nothing here',
  Truncated: 'truncated',
  Failed: 'failed',
  TimedOut: 'timed out',
  Skipped: 'skipped',
};

/** "42 s", "3 min", "5 h", "2 d": a cache age as people say it. */
export function formatAge(seconds: number): string {
  if (seconds < 90) {
    return `${Math.round(seconds)} s`;
  }
  if (seconds < 90 * 60) {
    return `${Math.round(seconds / 60)} min`;
  }
  if (seconds < 36 * 3600) {
    return `${Math.round(seconds / 3600)} h`;
  }
  return `${Math.round(seconds / 86400)} d`;
}

export function formatElapsed(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export class StatusPanel {
  private readonly lines = new Map<string, Line>();
  private toggleHandler: ((sourceId: string, visible: boolean) => void) | null = null;
  private notRunReason: string | null = null;

  constructor(private readonly list: HTMLElement, private readonly summary: HTMLElement) {}

  /** Called when a source's "show" box changes after its results arrived. */
  onToggle(handler: (sourceId: string, visible: boolean) => void): void {
    this.toggleHandler = handler;
  }

  reset(sources: StatusSource[], problems: string[]): void {
    clear(this.list);
    this.lines.clear();
    for (const problem of problems) {
      this.list.append(h('li', { class: 'problem' }, problem));
    }
    for (const source of sources) {
      this.addLine(source);
    }
    this.updateSummary();
  }

  /** Adds lines for sources asked later (an extra VizieR catalogue), keeping the lines there are. */
  extend(sources: StatusSource[]): void {
    for (const source of sources) {
      if (!this.lines.has(source.id)) {
        this.addLine(source);
      }
    }
    this.updateSummary();
  }

  /** Fills a source's line from its outcome (adding a line if the start line did not list it). */
  update(outcome: OutcomeLine, color: string): void {
    let line = this.lines.get(outcome.source);
    if (!line) {
      this.addLine({ id: outcome.source, title: outcome.title, kind: outcome.kind, color });
      line = this.lines.get(outcome.source);
      if (!line) {
        return;
      }
    }
    const { element, toggle } = line;
    element.classList.remove('waiting');
    element.dataset.status = outcome.status;
    element.classList.add(`status-${outcome.status.toLowerCase()}`);
    const details: (Node | string)[] = [];
    const word = statusWords[outcome.status] ?? outcome.status;
    const state = h('span', { class: 'state' },
      outcome.status === 'Ok' || outcome.status === 'Truncated' ? h('span', { class: 'rows' }, `${outcome.rows} rows`) : word);
    if (outcome.status === 'Truncated') {
      details.push(h('span', { class: 'badge truncated' }, 'truncated'));
    }
    if (outcome.cachedAgeSeconds !== null && outcome.cachedAgeSeconds !== undefined) {
      details.push(h('span', { class: 'badge cached', title: outcome.fetchedAt ? `fetched ${outcome.fetchedAt}` : '' },
        `cached ${formatAge(outcome.cachedAgeSeconds)} ago`));
    }
    details.push(h('span', { class: 'elapsed' }, formatElapsed(outcome.elapsedMs)));
    element.querySelector('.state')?.replaceWith(state);
    element.querySelectorAll('.badge, .elapsed, .message, .notes, details').forEach(e => e.remove());
    element.append(...details);
    if (outcome.message) {
      element.append(h('div', { class: 'message' }, outcome.message,
        outcome.transient ? h('span', { class: 'transient' }, ' (may work if tried again)') : null));
    }
    if (outcome.notes.length > 0) {
      element.append(h('ul', { class: 'notes' }, ...outcome.notes.map(n => h('li', null, n))));
    }
    if (outcome.provenance) {
      element.append(h('details', { class: 'provenance' }, h('summary', null, 'request'), h('pre', null, outcome.provenance)));
    }
    const hasRows = outcome.rows > 0 && !!outcome.table;
    toggle.disabled = !hasRows;
    this.updateSummary();
  }

  private addLine(source: StatusSource): void {
    const toggle = h('input', {
      type: 'checkbox', class: 'show', checked: true, disabled: true, title: 'show this source on the sky and in the tables',
      'aria-label': `show ${source.title}`,
    });
    toggle.addEventListener('change', () => this.toggleHandler?.(source.id, toggle.checked));
    const element = h('li', { class: 'source waiting', 'data-source': source.id, 'data-status': 'Waiting' },
      toggle,
      h('span', { class: 'swatch', style: `background:${source.color}` }),
      h('span', { class: 'title' }, source.title),
      h('span', { class: 'kind' }, source.kind),
      h('span', { class: 'state' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'waiting'));
    this.list.append(element);
    this.lines.set(source.id, { element, toggle });
  }

  /** The query did not run (bad parameters, a name that did not resolve): says so instead of counting nothing. */
  notRun(reason: string): void {
    this.notRunReason = reason;
    this.finish('no answer: the query stopped');
    this.notRunReason = null;
  }

  /** Marks every source still waiting as not answered (the stream ended or broke). */
  finish(reason: string | null): void {
    for (const { element } of this.lines.values()) {
      if (element.classList.contains('waiting')) {
        element.classList.remove('waiting');
        element.dataset.status = 'NoAnswer';
        element.querySelector('.state')?.replaceWith(h('span', { class: 'state' }, reason ?? 'no answer'));
      }
    }
    this.updateSummary(true);
  }

  private updateSummary(finished = false): void {
    const all = [...this.lines.values()].map(l => l.element);
    const waiting = all.filter(e => e.classList.contains('waiting')).length;
    const count = (status: string) => all.filter(e => e.dataset.status === status).length;
    const parts = [
      `${all.length - waiting} of ${all.length} answered`,
      count('Failed') + count('TimedOut') > 0 ? `${count('Failed') + count('TimedOut')} failed` : '',
      count('Skipped') > 0 ? `${count('Skipped')} skipped` : '',
    ].filter(Boolean);
    if (all.length === 0) {
      this.summary.textContent = finished ? (this.notRunReason ?? 'no source was asked.') : '…';
    } else {
      this.summary.textContent = parts.join(', ') + (waiting === 0 && (finished || all.length > 0) ? '.' : '…');
    }
    this.summary.dataset.waiting = String(waiting);
  }
}
