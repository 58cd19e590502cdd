// What the page needs to know about a table's columns: where the positions are, which cells are links, and how to
// compare cells for sorting. Pure functions of the table JSON (docs/table-json.md).

import type { ColumnJson, TableJson } from './api';

const ucdWords = (c: ColumnJson): string[] => (c.ucd ?? '').toLowerCase().split(';').map(w => w.trim());

function byUcd(columns: ColumnJson[], word: string): number {
  let fallback = -1;
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    if (!column) {
      continue;
    }
    const words = ucdWords(column);
    if (words.includes(word)) {
      if (words.includes('meta.main')) {
        return i;
      }
      if (fallback < 0) {
        fallback = i;
      }
    }
  }
  return fallback;
}

function byName(columns: ColumnJson[], names: string[]): number {
  for (const name of names) {
    const i = columns.findIndex(c => c.name.toLowerCase() === name);
    if (i >= 0) {
      return i;
    }
  }
  return -1;
}

/** The RA and Dec columns: by UCD pos.eq.ra / pos.eq.dec (meta.main preferred), else by usual names; null if none. */
export function positionColumns(table: TableJson): { ra: number; dec: number } | null {
  let ra = byUcd(table.columns, 'pos.eq.ra');
  let dec = byUcd(table.columns, 'pos.eq.dec');
  if (ra < 0 || dec < 0) {
    ra = byName(table.columns, ['ra', 'raj2000', 'ra_icrs', 'ra_j2000', 's_ra', 'ra_deg', 'radeg']);
    dec = byName(table.columns, ['dec', 'dej2000', 'decj2000', 'de_icrs', 'dec_icrs', 'dec_j2000', 's_dec', 'dec_deg', 'dedeg']);
  }
  return ra >= 0 && dec >= 0 ? { ra, dec } : null;
}

const decimal = /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/;
const sexagesimal = /^\s*([+-]?)(\d{1,3})[\s:hd°]+(\d{1,2})[\s:m′']+(\d{1,2}(?:\.\d*)?)\s*[s″"]?\s*$/;

/**
 * A position cell as degrees, or null. Numbers are degrees unless the column's unit says hours ("h"); strings are
 * decimal, or sexagesimal ("12 34 56.7", "12:34:56.7", "-07 05 18") with RA in hours and Dec in degrees, as
 * VizieR writes RAJ2000/DEJ2000 in its h:m:s and d:m:s units.
 */
export function degrees(value: unknown, isRa: boolean, unit: string | null): number | null {
  const hours = isRa && unit !== null && /^(h|hour|hours)$/i.test(unit.trim());
  if (typeof value === 'number') {
    return Number.isFinite(value) ? (hours ? value * 15 : value) : null;
  }
  if (typeof value !== 'string') {
    return null;
  }
  if (decimal.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? (hours ? n * 15 : n) : null;
  }
  const m = sexagesimal.exec(value);
  if (!m) {
    return null;
  }
  const [, sign, a = '0', b = '0', c = '0'] = m;
  const magnitude = Number(a) + Number(b) / 60 + Number(c) / 3600;
  const value_ = (sign === '-' ? -1 : 1) * magnitude;
  return isRa ? value_ * 15 : value_;
}

/** True for columns whose cells are URLs (UCD meta.ref.url or an access reference). */
export function isLinkColumn(column: ColumnJson): boolean {
  const words = ucdWords(column);
  return words.includes('meta.ref.url') || words.includes('meta.ref.uri') || /access_?url|datalink/i.test(column.name);
}

const httpUrl = /^https?:\/\/\S+$/i;

/** True when a cell's text is an http(s) URL. */
export function looksLikeUrl(value: unknown): value is string {
  return typeof value === 'string' && httpUrl.test(value);
}

const integerTypes = new Set(['short', 'int', 'unsignedByte']);
const realTypes = new Set(['float', 'double']);

/** True for scalar numeric columns (longs come as strings; they are numeric too). */
export function isNumeric(column: ColumnJson): boolean {
  return column.arraysize === null && (integerTypes.has(column.datatype) || realTypes.has(column.datatype) || column.datatype === 'long');
}

/** A cell as display text: arrays joined, nulls empty, complex numbers as a+bi. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) {
    return '';
  }
  if (Array.isArray(value)) {
    return value.map(v => (Array.isArray(v) ? complexText(v) : cellText(v))).join(' ');
  }
  return String(value);
}

function complexText(pair: unknown[]): string {
  const [re, im] = pair;
  return `${cellText(re)}${typeof im === 'number' && im < 0 ? '' : '+'}${cellText(im)}i`;
}

/** Compares two cells of a numeric column; long values (strings of digits) compare exactly through BigInt. */
export function compareNumeric(a: unknown, b: unknown): number {
  if (a === null || a === undefined || a === '') {
    return b === null || b === undefined || b === '' ? 0 : -1;
  }
  if (b === null || b === undefined || b === '') {
    return 1;
  }
  if (typeof a === 'string' && typeof b === 'string' && /^-?\d+$/.test(a) && /^-?\d+$/.test(b)) {
    const x = BigInt(a);
    const y = BigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return Number(a) - Number(b);
}

/** The header title of a column: its name, then its unit in brackets. */
export function headerText(column: ColumnJson): { name: string; unit: string | null } {
  return { name: column.name, unit: column.unit && column.unit.trim() ? column.unit.trim() : null };
}

/** The tooltip of a column header: description, UCD and datatype. */
export function headerTooltip(column: ColumnJson): string {
  return [column.description, column.ucd ? `UCD ${column.ucd}` : null,
    `${column.datatype}${column.arraysize ? `[${column.arraysize}]` : ''}`].filter(Boolean).join('\n');
}

/** Header filter for numbers: "> 5", "<=2.5", "= 3", "1..2" (inclusive range), or a substring of the digits. */
export function numericFilter(filter: string, value: unknown): boolean {
  const text = String(filter).trim();
  if (!text) {
    return true;
  }
  const range = /^(-?[\d.eE+-]+)\s*\.\.\s*(-?[\d.eE+-]+)$/.exec(text);
  if (range) {
    return compareNumeric(value, range[1]) >= 0 && compareNumeric(value, range[2]) <= 0 && value !== null;
  }
  const op = /^(>=|<=|>|<|=)\s*(-?[\d.eE+-]+)$/.exec(text);
  if (op) {
    if (value === null || value === undefined || value === '') {
      return false;
    }
    const cmp = compareNumeric(value, op[2]);
    switch (op[1]) {
      case '>': return cmp > 0;
      case '<': return cmp < 0;
      case '>=': return cmp >= 0;
      case '<=': return cmp <= 0;
      default: return cmp === 0;
    }
  }
  return cellText(value).includes(text);
}

/** Where an image table keeps its access URL and its format (MIME type) column, or null when it has no access URL. */
export function imageColumns(table: TableJson): { url: number; format: number } | null {
  const columns = table.columns;
  let url = columns.findIndex(c => /^access_?url$/i.test(c.name));
  if (url < 0) {
    url = columns.findIndex(c => ucdWords(c).includes('meta.ref.url') || ucdWords(c).includes('meta.ref.uri'));
  }
  if (url < 0) {
    return null;
  }
  let format = columns.findIndex(c => ucdWords(c).includes('meta.code.mime'));
  if (format < 0) {
    format = columns.findIndex(c => /^(access_)?format$/i.test(c.name));
  }
  return { url, format };
}

/**
 * The FITS URL of an image row, or null: an http(s) access URL whose format says FITS (image/fits,
 * application/fits), or, without a format, whose path ends in .fits, .fit or .fits.gz.
 */
export function fitsUrl(cells: unknown[], columns: { url: number; format: number }): string | null {
  const url = cells[columns.url];
  if (!looksLikeUrl(url)) {
    return null;
  }
  const format = columns.format >= 0 ? cells[columns.format] : null;
  if (typeof format === 'string' && format.trim()) {
    return /fits/i.test(format) ? url : null;
  }
  try {
    return /\.(fits?|fits\.gz|fz)$/i.test(new URL(url).pathname) ? url : null;
  } catch {
    return null;
  }
}
