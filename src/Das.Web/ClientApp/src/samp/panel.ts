// The page's SAMP control: connect to the user's hub (or say clearly that none runs), list the clients that take
// tables and images, send a source's table (table.load.votable) or a row's FITS image (image.load.fits) to all of
// them or one, and point them at a row's position (coord.pointAt.sky) when a row is clicked. Client names and their
// error texts are remote text: DOM text only.

import type { TableJson } from '../api';
import { clear, h } from '../dom';
import { NoHubError, SampHub, type SampClient, type SampResponse } from './hub';
import {
  coordPointAtSky, fitsUrlOf, imageColumns, imageLoadFits, MTYPE_IMAGE, MTYPE_POINT, MTYPE_TABLE, newMessageId, rowPosition,
  tableLoadVotable, type SampMessage,
} from './messages';

interface TableEntry {
  id: string;
  title: string;
  table: TableJson;
  target: HTMLSelectElement;
  selectedRow: number | null;
}

interface Pending {
  what: string;
  items: Map<string, HTMLElement>;
}

const maxResults = 8;

export class SampPanel {
  readonly element: HTMLElement;
  private readonly button: HTMLButtonElement;
  private readonly status: HTMLElement;
  private readonly results: HTMLElement;
  private readonly tables = new Map<string, TableEntry>();
  private readonly pending = new Map<string, Pending>();
  /** Responses that arrived (through the long poll) before the call that caused them returned. */
  private readonly early = new Map<string, SampResponse[]>();
  private hub: SampHub | null = null;
  private connecting: Promise<SampHub | null> | null = null;

  constructor(private readonly search: () => string) {
    this.button = h('button', { type: 'button', id: 'samp-connect', onclick: () => void this.toggle() }, 'Connect');
    this.status = h('span', { id: 'samp-status', class: 'samp-status', role: 'status', 'data-state': 'disconnected' },
      'Not connected: SAMP sends tables and images to TOPCAT, Aladin and other VO tools.');
    this.results = h('ul', { id: 'samp-results', class: 'samp-results', 'aria-live': 'polite' });
    this.element = h('section', { id: 'samp', class: 'samp', 'aria-label': 'SAMP' },
      h('strong', null, 'SAMP'), this.button, this.status, this.results);
    // Leaving the page unregisters; a page kept in the back-forward cache comes back disconnected, and says so.
    window.addEventListener('pagehide', () => {
      if (this.hub?.connected) {
        this.hub.unregisterOnUnload();
        this.hub = null;
        this.setStatus('disconnected', 'Disconnected from the SAMP hub when the page was left.');
        this.refreshTargets();
      }
    });
  }

  /** The SAMP controls of one source's table, shown beside its downloads. */
  tableActions(id: string, title: string, table: TableJson): HTMLElement {
    const target = h('select', { class: 'samp-target', 'aria-label': 'SAMP recipient' });
    const entry: TableEntry = { id, title, table, target, selectedRow: null };
    this.tables.set(id, entry);
    this.fillTargets(entry);
    const images = imageColumns(table);
    return h('div', { class: 'samp-actions', 'data-source': id },
      h('button', { type: 'button', class: 'samp-send-table', onclick: () => void this.sendTable(entry) }, 'Send to SAMP'),
      images ? h('button', { type: 'button', class: 'samp-send-image', onclick: () => void this.sendImage(entry) }, 'Send image') : null,
      target);
  }

  /** A row was clicked: remembered for "Send image", and the SAMP clients that listen are pointed at its position. */
  rowClicked(id: string, row: number): void {
    const entry = this.tables.get(id);
    if (!entry) {
      return;
    }
    entry.selectedRow = row;
    const hub = this.hub;
    const position = rowPosition(entry.table, row);
    if (!hub?.connected || !position || !hub.clients.some(c => c.mtypes.has(MTYPE_POINT))) {
      return;
    }
    const message = coordPointAtSky(position.ra, position.dec);
    hub.notifyAll(message).then(
      ids => this.report(`Pointed ${this.names(ids)} at RA ${position.ra.toFixed(5)}, Dec ${position.dec.toFixed(5)}`, 'point'),
      (error: unknown) => this.report(`Pointing failed: ${messageOf(error)}`, 'error'));
  }

  private async toggle(): Promise<void> {
    if (this.hub?.connected) {
      const hub = this.hub;
      this.hub = null;
      await hub.disconnect();
      this.setStatus('disconnected', 'Disconnected from the SAMP hub.');
      this.refreshTargets();
      return;
    }
    await this.connect();
  }

  private connect(): Promise<SampHub | null> {
    if (this.hub?.connected) {
      return Promise.resolve(this.hub);
    }
    this.connecting ??= (async () => {
      this.setStatus('connecting', 'Connecting to the SAMP hub…');
      try {
        const hub = await SampHub.connect('Das', 'Das, the Data Aggregation Service: tables and images from many archives at once', {
          clients: clients => { if (this.hub === hub) { this.onClients(clients); } },
          response: (tag, response) => this.onResponse(tag, response),
          disconnected: reason => {
            if (this.hub === hub) {
              this.hub = null;
              this.setStatus('disconnected', reason);
              this.refreshTargets();
            }
          },
        });
        this.hub = hub;
        this.onClients(hub.clients);
        return hub;
      } catch (error) {
        this.setStatus(error instanceof NoHubError ? 'no-hub' : 'error',
          error instanceof NoHubError ? error.message : `The SAMP hub refused the connection: ${messageOf(error)}`);
        return null;
      } finally {
        this.connecting = null;
      }
    })();
    return this.connecting;
  }

  private async sendTable(entry: TableEntry): Promise<void> {
    const url = new URL(`api/query/table?source=${encodeURIComponent(entry.id)}&format=votable&${this.search()}`, location.href).href;
    const rows = `${entry.table.rowCount} row${entry.table.rowCount === 1 ? '' : 's'}`;
    await this.send(entry, MTYPE_TABLE, 'tables', `"${entry.title}" (${rows})`,
      () => tableLoadVotable(url, newMessageId('table', entry.id), entry.title));
  }

  private async sendImage(entry: TableEntry): Promise<void> {
    const columns = imageColumns(entry.table);
    const row = entry.selectedRow;
    const url = columns && row !== null ? fitsUrlOf(entry.table, columns, row) : null;
    if (row === null) {
      this.report(`Select a row of "${entry.title}" first: its FITS image is sent.`, 'error');
      return;
    }
    if (url === null) {
      this.report(`Row ${row + 1} of "${entry.title}" has no FITS image.`, 'error');
      return;
    }
    await this.send(entry, MTYPE_IMAGE, 'FITS images', `the image of row ${row + 1} of "${entry.title}"`,
      () => imageLoadFits(url, newMessageId('image', entry.id), `${entry.title} row ${row + 1}`));
  }

  private async send(entry: TableEntry, mtype: string, things: string, what: string, message: () => SampMessage): Promise<void> {
    const hub = await this.connect();
    if (!hub) {
      return;
    }
    const chosen = entry.target.value || null;
    const takers = hub.clients.filter(c => c.mtypes.has(mtype));
    if (takers.length === 0) {
      this.report(`No SAMP client accepts ${things} (${mtype}): start TOPCAT or Aladin, or another VO tool.`, 'error');
      return;
    }
    if (chosen !== null && !takers.some(c => c.id === chosen)) {
      this.report(`${this.names([chosen])} does not accept ${things} (${mtype}).`, 'error');
      return;
    }
    try {
      const { tag, recipients } = await hub.send(message(), chosen);
      const items = new Map<string, HTMLElement>();
      for (const id of recipients) {
        const item = this.report(`${what} sent to ${this.names([id])}…`, 'sent');
        item.dataset.client = id;
        item.dataset.mtype = mtype;
        items.set(id, item);
      }
      this.pending.set(tag, { what, items });
      const early = this.early.get(tag) ?? [];
      this.early.delete(tag);
      early.forEach(response => this.onResponse(tag, response));
    } catch (error) {
      this.report(`Sending ${what} failed: ${messageOf(error)}`, 'error');
    }
  }

  private onResponse(tag: string, response: SampResponse): void {
    const pending = this.pending.get(tag);
    if (!pending) {
      this.early.set(tag, [...(this.early.get(tag) ?? []), response]);
      return;
    }
    const item = pending.items.get(response.clientId);
    if (!item) {
      return;
    }
    const name = this.names([response.clientId]);
    item.dataset.status = response.status;
    item.className = response.status === 'samp.error' ? 'error' : 'ok';
    item.textContent = response.status === 'samp.error'
      ? `${name} could not load ${pending.what}: ${response.error ?? 'no reason given'}`
      : `${name} loaded ${pending.what}${response.status === 'samp.warning' && response.error ? ` (warning: ${response.error})` : ''}.`;
    pending.items.delete(response.clientId);
    if (pending.items.size === 0) {
      this.pending.delete(tag);
    }
  }

  private onClients(clients: readonly SampClient[]): void {
    const takers = clients.filter(c => c.mtypes.has(MTYPE_TABLE) || c.mtypes.has(MTYPE_IMAGE));
    this.setStatus('connected', takers.length === 0
      ? 'Connected to the SAMP hub, but no client takes tables or images: start TOPCAT or Aladin.'
      : `Connected to the SAMP hub: ${takers.map(c => c.name).join(', ')}.`);
    this.refreshTargets();
  }

  private refreshTargets(): void {
    for (const [id, entry] of this.tables) {
      if (!entry.target.isConnected) {
        this.tables.delete(id);
      } else {
        this.fillTargets(entry);
      }
    }
  }

  private fillTargets(entry: TableEntry): void {
    const previous = entry.target.value;
    const clients = this.hub?.clients.filter(c => c.mtypes.has(MTYPE_TABLE) || c.mtypes.has(MTYPE_IMAGE)) ?? [];
    clear(entry.target);
    entry.target.append(h('option', { value: '' }, 'all SAMP clients'),
      ...clients.map(c => h('option', { value: c.id }, c.name)));
    entry.target.value = clients.some(c => c.id === previous) ? previous : '';
  }

  private setStatus(state: string, text: string): void {
    this.status.dataset.state = state;
    this.status.textContent = text;
    this.button.textContent = state === 'connected' ? 'Disconnect' : 'Connect';
    this.button.disabled = state === 'connecting';
  }

  private report(text: string, kind: string): HTMLElement {
    const item = h('li', { class: kind, 'data-kind': kind }, text);
    this.results.prepend(item);
    while (this.results.childElementCount > maxResults) {
      this.results.lastElementChild?.remove();
    }
    return item;
  }

  private names(ids: string[]): string {
    if (ids.length === 0) {
      return 'no client';
    }
    const clients = this.hub?.clients ?? [];
    return ids.map(id => clients.find(c => c.id === id)?.name ?? id).join(', ');
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
