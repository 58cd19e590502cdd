// The image list: for each source whose answer has image rows, one card per image (title, band, exposure, date,
// size, format, a preview link when the archive gives one), a checkbox per image, "select all" per source, the
// "overlay on sky" action for FITS images, and "Download selected", which hands the chosen images to the jobs
// panel. Everything from the archive is DOM text; previews are links (the page loads no image from elsewhere).

import type { TableJson } from './api';
import { clear, h, safeLink } from './dom';
import { downloadNames, imageRows, type ImageRow } from './imagerows';
import type { ImageFile } from './jobs';
import { formatBytes } from './progress';

interface SourceImages {
  id: string;
  title: string;
  images: ImageRow[];
  section: HTMLElement;
  boxes: Map<number, HTMLInputElement>;
  all: HTMLInputElement;
}

export interface ImagesHandlers {
  overlay(sourceId: string, row: number, url: string): void;
  download(files: ImageFile[]): Promise<unknown>;
}

export class ImagesPanel {
  readonly element: HTMLElement;
  private readonly sources = new Map<string, SourceImages>();
  private readonly body: HTMLElement;
  private readonly count: HTMLElement;
  private readonly button: HTMLButtonElement;

  constructor(private readonly handlers: ImagesHandlers) {
    this.count = h('span', { class: 'selected-count' }, 'none selected');
    this.button = h('button', { type: 'button', id: 'download-selected', class: 'primary', disabled: true, onclick: () => void this.download() }, 'Download selected');
    this.body = h('div', { class: 'image-sources' });
    this.element = h('section', { id: 'images', class: 'images', 'aria-label': 'Images', hidden: true },
      h('div', { class: 'images-head' }, h('h2', null, 'Images'), this.count, ' ', this.button), this.body);
  }

  reset(): void {
    this.sources.clear();
    clear(this.body);
    this.element.hidden = true;
    this.update();
  }

  /** Shows (or replaces) a source's images; a table without image rows shows nothing. */
  setTable(id: string, title: string, color: string, table: TableJson): void {
    this.remove(id);
    const images = imageRows(table);
    if (images.length === 0) {
      return;
    }
    const boxes = new Map<number, HTMLInputElement>();
    const all = h('input', { type: 'checkbox', class: 'select-all', 'aria-label': `select every image of ${title}` });
    all.addEventListener('change', () => {
      boxes.forEach(box => { box.checked = all.checked; });
      this.update();
    });
    const cards = images.map(image => {
      const box = h('input', { type: 'checkbox', class: 'image-select', 'aria-label': `select ${image.title}` });
      box.addEventListener('change', () => this.update());
      boxes.set(image.row, box);
      return card(image, box, () => this.handlers.overlay(id, image.row, image.url));
    });
    const section = h('section', { class: 'image-source', 'data-source': id },
      h('h3', null, h('span', { class: 'swatch', style: `background:${color}` }), title, ' ',
        h('span', { class: 'count' }, `${images.length} image${images.length === 1 ? '' : 's'}`), ' ',
        h('label', { class: 'select-all-label' }, all, ' select all')),
      h('ul', { class: 'image-cards' }, ...cards));
    this.sources.set(id, { id, title, images, section, boxes, all });
    this.body.append(section);
    this.element.hidden = false;
    this.update();
  }

  remove(id: string): void {
    this.sources.get(id)?.section.remove();
    this.sources.delete(id);
    this.element.hidden = this.sources.size === 0;
    this.update();
  }

  setVisible(id: string, visible: boolean): void {
    const source = this.sources.get(id);
    if (source) {
      source.section.hidden = !visible;
    }
  }

  /** The checked images, in list order. */
  selected(): ImageRow[] {
    const chosen: ImageRow[] = [];
    for (const source of this.sources.values()) {
      if (source.section.hidden) {
        continue;
      }
      for (const image of source.images) {
        if (source.boxes.get(image.row)?.checked) {
          chosen.push(image);
        }
      }
    }
    return chosen;
  }

  private update(): void {
    const chosen = this.selected();
    const bytes = chosen.every(i => i.sizeBytes !== null) ? chosen.reduce((a, i) => a + (i.sizeBytes ?? 0), 0) : null;
    this.count.textContent = chosen.length === 0 ? 'none selected'
      : `${chosen.length} selected${bytes !== null ? ` (${formatBytes(bytes)})` : ''}`;
    this.button.disabled = chosen.length === 0;
    for (const source of this.sources.values()) {
      const checked = [...source.boxes.values()].filter(b => b.checked).length;
      source.all.checked = checked === source.boxes.size;
      source.all.indeterminate = checked > 0 && checked < source.boxes.size;
    }
  }

  private async download(): Promise<void> {
    const chosen = this.selected();
    if (chosen.length === 0) {
      return;
    }
    const names = downloadNames(chosen);
    this.button.disabled = true;
    try {
      await this.handlers.download(chosen.map((image, i) => ({ url: image.url, name: names[i] ?? image.title, format: image.fits ? 'fits' : image.format })));
    } finally {
      this.update();
    }
  }
}

function card(image: ImageRow, box: HTMLInputElement, overlay: () => void): HTMLLIElement {
  const facts = [
    image.band ? ['band', image.band] : null,
    image.exposureSeconds !== null ? ['exposure', `${Number(image.exposureSeconds.toPrecision(4))} s`] : null,
    image.date ? ['date', image.date] : null,
    image.sizeBytes !== null ? ['size', formatBytes(image.sizeBytes)] : null,
    image.format ? ['format', image.format] : null,
  ].filter((f): f is string[] => f !== null);
  const preview = image.preview ? safeLink(image.preview, 'preview') : null;
  const link = safeLink(image.url, 'file');
  return h('li', { class: 'image-card', 'data-row': image.row, 'data-fits': image.fits ? 'true' : 'false' },
    h('label', { class: 'image-title' }, box, ' ', image.title),
    h('dl', { class: 'image-facts' }, ...facts.flatMap(([k, v]) => [h('dt', null, k ?? ''), h('dd', { 'data-fact': k ?? '' }, v ?? '')])),
    h('div', { class: 'image-actions' },
      image.fits ? h('button', { type: 'button', class: 'overlay-button', title: 'overlay this FITS image on the sky', onclick: overlay }, 'overlay on sky') : null,
      link ? ' ' : null, link, preview ? ' ' : null, preview));
}
