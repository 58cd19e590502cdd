// One table per source, in tabs: Tabulator with a virtual DOM (100 000 rows scroll), sortable and filterable
// columns, units in the headers, clickable links, and downloads through api/query/table. Cells and headers are
// rendered as DOM nodes with text, never as HTML (Tabulator would insert a formatter's string as innerHTML).

import {
  Tabulator, EditModule, FilterModule, FormatModule, InteractionModule, ResizeColumnsModule, SelectRowModule, SortModule,
  type CellComponent, type ColumnDefinition, type RowComponent,
} from 'tabulator-tables';
import 'tabulator-tables/dist/css/tabulator_simple.min.css';
import type { ColumnJson, TableJson } from './api';
import { cellText, compareNumeric, fitsUrl, headerText, headerTooltip, imageColumns, isLinkColumn, isNumeric, looksLikeUrl, numericFilter } from './columns';
import { clear, h, safeLink } from './dom';

Tabulator.registerModule([EditModule, FilterModule, FormatModule, InteractionModule, ResizeColumnsModule, SelectRowModule, SortModule]);

export const exportFormats = ['csv', 'xlsx', 'votable', 'json'] as const;

interface Entry {
  id: string;
  title: string;
  color: string;
  table: TableJson;
  tab: HTMLButtonElement;
  panel: HTMLElement;
  count: HTMLElement;
  host: HTMLElement;
  grid: Tabulator | null;
  built: Promise<Tabulator> | null;
  visible: boolean;
}

type RowData = Record<string, unknown> & { __row: number };

export class TablesView {
  private readonly entries = new Map<string, Entry>();
  private active: string | null = null;
  private hoverHandler: ((sourceId: string, row: number | null) => void) | null = null;
  private overlayHandler: ((sourceId: string, row: number, url: string) => void) | null = null;
  private skyHovered: { entry: Entry; element: HTMLElement } | null = null;
  private clickHandler: ((sourceId: string, row: number) => void) | null = null;
  private actions: ((sourceId: string, title: string, table: TableJson) => Node | null) | null = null;

  constructor(private readonly tabBar: HTMLElement, private readonly panels: HTMLElement, private readonly search: () => string) {}

  /** Called with (source, row) when the mouse enters a row and (source, null) when it leaves. */
  onRowHover(handler: (sourceId: string, row: number | null) => void): void {
    this.hoverHandler = handler;
  }

  /** Called when an image row's "overlay" button is pressed, with the row's FITS URL. */
  onOverlay(handler: (sourceId: string, row: number, url: string) => void): void {
    this.overlayHandler = handler;
  }

  /** Called with (source, row) when a row is clicked. */
  onRowClick(handler: (sourceId: string, row: number) => void): void {
    this.clickHandler = handler;
  }

  /** Another feature's controls for each table (SAMP), shown beside its downloads. */
  onTableActions(make: (sourceId: string, title: string, table: TableJson) => Node | null): void {
    this.actions = make;
  }

  reset(): void {
    this.skyHovered = null;
    for (const entry of this.entries.values()) {
      entry.grid?.destroy();
    }
    this.entries.clear();
    this.active = null;
    clear(this.tabBar);
    clear(this.panels);
    this.panels.append(h('p', { class: 'placeholder' }, 'Tables appear here as the sources answer.'));
  }

  /** Adds (or replaces) a source's table as a tab; the first one is shown. */
  setTable(id: string, title: string, color: string, table: TableJson): void {
    this.remove(id);
    this.panels.querySelector('.placeholder')?.remove();
    const count = h('span', { class: 'count' }, `${table.rowCount}`);
    const tab = h('button', {
      type: 'button', role: 'tab', class: 'tab', 'data-source': id, 'aria-selected': 'false',
      onclick: () => this.show(id),
    }, h('span', { class: 'swatch', style: `background:${color}` }), title, ' ', count);
    const host = h('div', { class: 'grid' });
    const downloads = h('div', { class: 'downloads' }, 'Download: ',
      ...exportFormats.map(format => h('a', {
        class: 'export', 'data-format': format, download: '',
        href: `api/query/table?source=${encodeURIComponent(id)}&format=${format}&${this.search()}`,
      }, format.toUpperCase())));
    const notes = h('div', { class: 'table-notes' },
      table.truncated ? h('span', { class: 'truncated' }, `Truncated: ${table.truncation?.message ?? table.truncation?.reason ?? 'the source had more rows'}`) : null,
      h('span', { class: 'shown' }));
    const panel = h('section', { class: 'table-panel', role: 'tabpanel', 'data-source': id, hidden: true },
      h('div', { class: 'table-head' }, h('h3', null, title), downloads, this.actions?.(id, title, table) ?? null), notes, host);
    this.tabBar.append(tab);
    this.panels.append(panel);
    const entry: Entry = { id, title, color, table, tab, panel, count, host, grid: null, built: null, visible: true };
    this.entries.set(id, entry);
    if (this.active === null || !this.entries.get(this.active)?.visible) {
      this.show(id);
    }
  }

  remove(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) {
      return;
    }
    entry.grid?.destroy();
    entry.tab.remove();
    entry.panel.remove();
    this.entries.delete(id);
    if (this.active === id) {
      this.active = null;
      this.showFirstVisible();
    }
  }

  /** Hides or shows a source's tab (the source toggle after results arrived). */
  setVisible(id: string, visible: boolean): void {
    const entry = this.entries.get(id);
    if (!entry) {
      return;
    }
    entry.visible = visible;
    entry.tab.hidden = !visible;
    if (!visible && this.active === id) {
      entry.panel.hidden = true;
      this.active = null;
      this.showFirstVisible();
    } else if (visible && this.active === null) {
      this.show(id);
    }
  }

  /** Shows a source's tab and builds its grid the first time (Tabulator needs a visible container). */
  show(id: string): Promise<Tabulator> | null {
    const entry = this.entries.get(id);
    if (!entry) {
      return null;
    }
    for (const other of this.entries.values()) {
      other.panel.hidden = other !== entry;
      other.tab.setAttribute('aria-selected', String(other === entry));
      other.tab.classList.toggle('active', other === entry);
    }
    this.active = id;
    if (!entry.built) {
      entry.built = this.build(entry);
    } else {
      entry.grid?.redraw();
    }
    return entry.built;
  }

  /** Selects a row (an object clicked on the sky): shows its tab, scrolls to it and marks it selected. */
  async selectRow(id: string, row: number): Promise<void> {
    const built = this.show(id);
    if (!built) {
      return;
    }
    const grid = await built;
    grid.deselectRow();
    const component = grid.getRow(row);
    if (component) {
      component.select();
      await grid.scrollToRow(row, 'center', false);
    }
  }

  /**
   * Marks the row of the object under the mouse on the sky (scrolled into view when its tab is shown; otherwise its
   * tab is marked, and clicking the object opens it), or clears the marks when `row` is null. Hovering never
   * switches tabs: the page must not change under a mouse that is only passing over the sky.
   */
  async hoverRow(id: string, row: number | null): Promise<void> {
    if (this.skyHovered) {
      this.skyHovered.element.classList.remove('sky-hover');
      delete this.skyHovered.entry.panel.dataset.skyHover;
      this.skyHovered = null;
    }
    for (const entry of this.entries.values()) {
      entry.tab.classList.remove('sky-hover');
    }
    const entry = this.entries.get(id);
    if (row === null || !entry) {
      return;
    }
    if (this.active !== id || !entry.built) {
      entry.tab.classList.add('sky-hover');
      return;
    }
    const grid = await entry.built;
    const component = grid.getRow(row);
    if (!component || this.active !== id) {
      return;
    }
    await grid.scrollToRow(row, 'nearest', false);
    const element = component.getElement();
    element.classList.add('sky-hover');
    entry.panel.dataset.skyHover = String(row);
    this.skyHovered = { entry, element };
  }

  private showFirstVisible(): void {
    const next = [...this.entries.values()].find(e => e.visible);
    if (next) {
      this.show(next.id);
    }
  }

  private build(entry: Entry): Promise<Tabulator> {
    const { table } = entry;
    const data: RowData[] = table.rows.map((cells, index) => {
      const row: RowData = { __row: index };
      for (let c = 0; c < cells.length; c++) {
        row[`c${c}`] = cells[c];
      }
      return row;
    });
    const columns = table.columns.map((column, c) => columnDefinition(column, c));
    const images = imageColumns(table);
    if (images && table.rows.some(cells => fitsUrl(cells, images) !== null)) {
      columns.unshift(this.overlayColumn(entry, images));
    }
    const grid = new Tabulator(entry.host, {
      data,
      index: '__row',
      columns,
      // Tabulator sizes its own element: a bounded height is what turns on the virtual DOM's windowing.
      maxHeight: '460px',
      layout: 'fitDataStretch',
      renderVertical: 'virtual',
      selectableRows: 1,
      placeholder: 'No rows',
      columnDefaults: { headerSortTristate: true, maxWidth: 420 },
    });
    entry.grid = grid;
    grid.on('rowMouseEnter', (_e: UIEvent, row: RowComponent) => {
      this.hoverHandler?.(entry.id, (row.getData() as RowData).__row);
    });
    grid.on('rowClick', (_e: UIEvent, row: RowComponent) => {
      this.clickHandler?.(entry.id, (row.getData() as RowData).__row);
    });
    grid.on('rowMouseLeave', () => {
      this.hoverHandler?.(entry.id, null);
    });
    const shown = entry.panel.querySelector<HTMLElement>('.shown');
    grid.on('dataFiltered', (_filters: unknown, rows: RowComponent[]) => {
      if (shown) {
        shown.textContent = rows.length === table.rows.length ? '' : `${rows.length} of ${table.rows.length} rows match the filters`;
      }
    });
    return new Promise(resolve => grid.on('tableBuilt', () => resolve(grid)));
  }

  /** A first column with an "overlay" button on each FITS image row (the image goes onto the sky). */
  private overlayColumn(entry: Entry, images: { url: number; format: number }): ColumnDefinition {
    return {
      title: 'sky',
      field: '__overlay',
      headerSort: false,
      formatter: (cell: CellComponent) => {
        const row = (cell.getData() as RowData).__row;
        const url = fitsUrl(entry.table.rows[row] ?? [], images);
        if (url === null) {
          return document.createTextNode('') as unknown as HTMLElement;
        }
        return h('button', {
          type: 'button', class: 'overlay-button', title: 'overlay this FITS image on the sky',
          onclick: (event: Event) => {
            event.stopPropagation();
            this.overlayHandler?.(entry.id, row, url);
          },
        }, 'overlay');
      },
    };
  }
}

function columnDefinition(column: ColumnJson, index: number): ColumnDefinition {
  const numeric = isNumeric(column);
  const link = isLinkColumn(column);
  return {
    title: column.name,
    field: `c${index}`,
    titleFormatter: () => headerNode(column),
    // Tabulator appends any Node a formatter returns; its types say HTMLElement, but a Text node is lighter.
    formatter: (cell: CellComponent) => cellNode(cell.getValue(), link) as HTMLElement,
    headerSort: true,
    sorter: numeric ? (a: unknown, b: unknown) => compareNumeric(a, b) : (a: unknown, b: unknown) => cellText(a).localeCompare(cellText(b)),
    headerFilter: 'input',
    headerFilterPlaceholder: numeric ? '> < = or a..b' : 'contains',
    headerFilterFunc: numeric ? numericFilter : textFilter,
    hozAlign: numeric ? 'right' : 'left',
  };
}

function headerNode(column: ColumnJson): HTMLElement {
  const { name, unit } = headerText(column);
  return h('span', { class: 'col-title', title: headerTooltip(column) }, h('span', { class: 'col-name' }, name),
    unit ? h('span', { class: 'unit' }, ` [${unit}]`) : null);
}

function cellNode(value: unknown, linkColumn: boolean): Node {
  if (looksLikeUrl(value)) {
    const a = safeLink(value, linkColumn ? shortLink(value) : value);
    if (a) {
      return a;
    }
  }
  return document.createTextNode(cellText(value));
}

function shortLink(url: string): string {
  try {
    const parsed = new URL(url);
    const last = parsed.pathname.split('/').filter(Boolean).pop() ?? parsed.host;
    return `${parsed.host}/…/${decodeURIComponent(last)}`.slice(0, 80);
  } catch {
    return url;
  }
}

/** Header filter for text: case-insensitive substring. */
function textFilter(filter: string, value: unknown): boolean {
  return cellText(value).toLowerCase().includes(String(filter).trim().toLowerCase());
}
