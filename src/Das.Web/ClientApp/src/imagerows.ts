// What the image list shows of an image table (SIA 1, SIA 2 / ObsCore, archive image services): one entry per row
// with an access URL, with its title, band, exposure, date, size, format and preview link. Pure functions of the
// table JSON, so they are tested without a page.

import type { ColumnJson, TableJson } from './api';
import { cellText, fitsUrl, imageColumns, looksLikeUrl } from './columns';

export interface ImageRow {
  /** The row's index in the source's table. */
  row: number;
  url: string;
  /** True when the row is a FITS image (it can be downloaded for a HiPS or mosaic and overlaid). */
  fits: boolean;
  title: string;
  band: string | null;
  exposureSeconds: number | null;
  /** ISO 8601 (UTC) of the observation's start, or the archive's own date text. */
  date: string | null;
  sizeBytes: number | null;
  format: string | null;
  preview: string | null;
}

const words = (c: ColumnJson): string[] => (c.ucd ?? '').toLowerCase().split(';').map(w => w.trim());

function find(columns: ColumnJson[], names: RegExp, ucds: string[] = []): number {
  const byName = columns.findIndex(c => names.test(c.name));
  if (byName >= 0) {
    return byName;
  }
  return columns.findIndex(c => ucds.some(u => (c.ucd ?? '').toLowerCase() === u.toLowerCase() || words(c).includes(u.toLowerCase())));
}

function number(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A Modified Julian Date as ISO 8601 UTC to the second, or null outside 1858–2200. */
export function mjdToIso(mjd: number): string | null {
  if (!Number.isFinite(mjd) || mjd < 0 || mjd > 124_000) {
    return null;
  }
  return new Date(Math.round((mjd - 40587) * 86_400_000)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Bytes for a size cell in the column's unit: byte (default), kbyte/kB (1000), KiB (1024), Mbyte, MB, MiB. */
export function sizeInBytes(value: unknown, unit: string | null): number | null {
  const n = number(value);
  if (n === null || n < 0) {
    return null;
  }
  const u = (unit ?? '').trim();
  const factor = /^(kbyte|kB|kb|kilobyte)s?$/i.test(u) ? 1000
    : /^KiB$/.test(u) ? 1024
      : /^(Mbyte|MB|megabyte)s?$/.test(u) ? 1e6
        : /^MiB$/.test(u) ? 1024 * 1024
          : 1;
  return Math.round(n * factor);
}

/** Seconds for an exposure cell: s by default, min or h by the unit. */
function seconds(value: unknown, unit: string | null): number | null {
  const n = number(value);
  if (n === null || n < 0) {
    return null;
  }
  const u = (unit ?? '').trim().toLowerCase();
  return u === 'min' ? n * 60 : u === 'h' ? n * 3600 : u === 'ms' ? n / 1000 : n;
}

function dateText(value: unknown, column: ColumnJson): string | null {
  const n = number(value);
  const unit = (column.unit ?? '').trim().toLowerCase();
  if (n !== null && (unit === 'd' || unit === 'mjd' || unit === '' || /mjd|t_min/i.test(column.name))) {
    // JD rather than MJD when it is past 2 400 000.
    return mjdToIso(n > 2_400_000 ? n - 2_400_000.5 : n);
  }
  const text = cellText(value).trim();
  return text === '' ? null : text;
}

function bandText(table: TableJson, cells: unknown[]): string | null {
  const c = table.columns;
  const named = find(c, /^(energy_bandpassname|bandpassname|bandpass_id|bandpass|band|filter|filter_name|filtername)$/i,
    ['instr.bandpass', 'instr.filter', 'VOX:BandPass_ID']);
  if (named >= 0) {
    const text = cellText(cells[named]).trim();
    if (text) {
      return text;
    }
  }
  // ObsCore em_min/em_max are wavelengths in metres.
  const lo = number(cells[c.findIndex(col => /^em_min$/i.test(col.name))]);
  const hi = number(cells[c.findIndex(col => /^em_max$/i.test(col.name))]);
  if (lo !== null && hi !== null && lo > 0 && hi > 0) {
    return `${wavelength(lo)}–${wavelength(hi)}`;
  }
  return null;
}

/** A wavelength in metres as nm, µm, mm or m with three significant digits. */
export function wavelength(metres: number): string {
  const [factor, unit] = metres < 1e-6 ? [1e9, 'nm'] : metres < 1e-3 ? [1e6, 'µm'] : metres < 1 ? [1e3, 'mm'] : [1, 'm'];
  return `${Number((metres * factor).toPrecision(3))} ${unit}`;
}

/** The entries of the image list for a table: one per row with an http(s) access URL; [] when none. */
export function imageRows(table: TableJson): ImageRow[] {
  const images = imageColumns(table);
  if (!images) {
    return [];
  }
  const c = table.columns;
  const title = find(c, /^(obs_title|title|image_title)$/i, ['VOX:Image_Title']);
  const id = find(c, /^(obs_id|obs_publisher_did|id)$/i, ['meta.id;meta.main']);
  const exposure = find(c, /^(t_exptime|exptime|exposure|exposure_time|exp_time)$/i, ['time.duration;obs.exposure', 'VOX:Image_Exposure']);
  const date = find(c, /^(t_min|date_obs|dateobs|mjd_obs|mjd|obs_date)$/i, ['VOX:Image_MJDateObs', 'time.start', 'time.epoch']);
  const size = find(c, /^(access_estsize|filesize|file_size|size)$/i, ['VOX:Image_FileSize']);
  const preview = find(c, /^(preview|thumbnail|preview_url|thumbnail_url|jpeg_url)$/i, ['meta.ref.url;meta.preview']);
  const dateColumn = date >= 0 ? c[date] : undefined;
  const sizeColumn = size >= 0 ? c[size] : undefined;
  const exposureColumn = exposure >= 0 ? c[exposure] : undefined;
  const rows: ImageRow[] = [];
  table.rows.forEach((cells, row) => {
    const url = cells[images.url];
    if (!looksLikeUrl(url)) {
      return;
    }
    const fits = fitsUrl(cells, images) !== null;
    const previewUrl = preview >= 0 && preview !== images.url ? cells[preview] : null;
    const format = images.format >= 0 ? cellText(cells[images.format]).trim() : '';
    rows.push({
      row,
      url,
      fits,
      title: (title >= 0 ? cellText(cells[title]).trim() : '') || (id >= 0 ? cellText(cells[id]).trim() : '') || fileName(url),
      band: bandText(table, cells),
      exposureSeconds: exposureColumn ? seconds(cells[exposure], exposureColumn.unit) : null,
      date: dateColumn ? dateText(cells[date], dateColumn) : null,
      sizeBytes: sizeColumn ? sizeInBytes(cells[size], sizeColumn.unit ?? (/estsize/i.test(sizeColumn.name) ? 'kbyte' : null)) : null,
      format: format || null,
      preview: looksLikeUrl(previewUrl) ? previewUrl : null,
    });
  });
  return rows;
}

/** The last path segment of a URL, decoded; the host when the path is empty. */
export function fileName(url: string): string {
  try {
    const parsed = new URL(url);
    return decodeURIComponent(parsed.pathname.split('/').filter(Boolean).pop() ?? parsed.host) || parsed.host;
  } catch {
    return url;
  }
}

/**
 * The name a downloaded image gets: the URL's file name when it has an extension, else the title; FITS images end
 * in .fits (archives' access URLs are often `getData?ID=…`), and names repeat nowhere in one job.
 */
export function downloadNames(images: ImageRow[]): string[] {
  const used = new Set<string>();
  return images.map(image => {
    let base = fileName(image.url);
    if (!/\.[A-Za-z0-9]{2,5}(\.gz)?$/.test(base)) {
      base = image.title;
    }
    base = base.replace(/[^A-Za-z0-9._+-]+/g, '_').replace(/^[._]+/, '').slice(0, 100) || 'image';
    if (image.fits && !/\.(fits?|fts|fits\.gz|fz)$/i.test(base)) {
      base += '.fits';
    }
    let name = base;
    for (let n = 2; used.has(name); n++) {
      name = `${n}-${base}`;
    }
    used.add(name);
    return name;
  });
}
