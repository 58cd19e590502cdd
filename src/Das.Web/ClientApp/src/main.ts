// The Das page: reads the query from the address bar (or the form), streams every source's outcome into the status
// panel, the sky view and one table per source, and keeps the address bar holding a link that repeats the query.

import './style.css';
import { errorOf, fetchImage, fetchSources, fetchSurveys, queryExportFormats, type OutcomeLine, type SourceInfo, type StartLine, type StartQuery, type SurveyEntry } from './api';
import { sourceColor } from './colors';
import { degrees, positionColumns } from './columns';
import { append, byId, clear, h } from './dom';
import { QueryFormView } from './form';
import './images.css';
import { ImagesPanel } from './images';
import { JobsPanel } from './jobs';
import { readQuery, splitList, writeQuery, type QueryForm } from './query';
import { RedshiftPanel } from './redshift';
import { SkyView, type SkyPosition } from './sky';
import { SkyTools } from './skytools';
import { StatusPanel } from './status';
import { SampPanel } from './samp/panel';
import { runQuery, type RunningQuery } from './stream';
import { TablesView } from './tables';

interface Run {
  search: string;
  form: QueryForm;
  /** The query as the server understood it (its start line): extra catalogues are asked at exactly this place. */
  query: StartQuery | null;
  /** Streams of extra VizieR catalogues added after the query ran. */
  extras: RunningQuery[];
  colors: Map<string, string>;
  outcomes: Map<string, OutcomeLine>;
  stream: RunningQuery;
  /** The query was refused or broke: the end of the stream that follows changes nothing. */
  failed: boolean;
}

class App {
  private readonly form: QueryFormView;
  private readonly status = new StatusPanel(byId('status-list'), byId('status-summary'));
  private readonly tables: TablesView;
  private readonly samp = new SampPanel(() => this.run?.search ?? '');
  private readonly target = byId('query-target');
  /** Every redshift near the query's position, filled from api/redshift/stream when a query starts. */
  private readonly redshifts = new RedshiftPanel(byId('results'));
  private readonly surveys: Promise<SurveyEntry[]>;
  private sky: SkyView | null = null;
  private skyTools: SkyTools | null = null;
  /** The sky view, made at the first query's position (never before: see SkyView.create). */
  private skyReady: Promise<SkyView | null> = Promise.resolve(null);
  private skyStarted = false;
  private run: Run | null = null;
  /** The image list of every source with image rows, and the jobs (downloads, HiPS, mosaics) built from them. */
  private readonly images = new ImagesPanel({
    overlay: (_id, _row, url) => void this.overlay(url),
    download: files => this.jobs.download(files),
  });
  private readonly jobs = new JobsPanel({
    region: () => {
      const q = this.run?.query;
      return q ? { ra: q.ra, dec: q.dec, width: q.fovArcmin, height: q.fovArcmin } : null;
    },
    showHips: (url, name) => void this.showHips(url, name),
    showMosaic: (url, name) => void this.showJobImage(url, name),
  });

  constructor() {
    this.form = new QueryFormView(query => this.start(query));
    this.tables = new TablesView(byId('table-tabs'), byId('table-panels'), () => this.run?.search ?? '');
    this.tables.reset();
    byId('table-panels').after(this.images.element, this.jobs.element);
    // SAMP (samp/): the control above the tables, each table's "Send to SAMP", coord.pointAt.sky on a row click.
    byId('table-tabs').before(this.samp.element);
    this.tables.onTableActions((id, title, table) => this.samp.tableActions(id, title, table));
    this.tables.onRowClick((id, row) => this.samp.rowClicked(id, row));
    this.tables.onRowHover((id, row) => {
      if (row === null) {
        this.sky?.unhighlight();
      } else {
        this.sky?.highlight(id, row);
      }
    });
    this.tables.onOverlay((_id, _row, url) => void this.overlay(url));
    byId('add-viz-form').addEventListener('submit', event => {
      event.preventDefault();
      this.addVizier(byId<HTMLInputElement>('add-viz').value);
    });
    this.status.onToggle((id, visible) => {
      this.sky?.setVisible(id, visible);
      this.tables.setVisible(id, visible);
      this.images.setVisible(id, visible);
    });
    this.surveys = fetchSurveys();
  }

  async load(): Promise<void> {
    let sources: SourceInfo[] = [];
    try {
      sources = await fetchSources();
    } catch (error) {
      this.form.showErrors([], `The source list could not be loaded: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.form.setSources(sources);
    void this.jobs.load();
    const { query, present } = readQuery(location.search);
    this.form.fill(query);
    if (present) {
      this.start(query);
    }
  }

  private start(query: QueryForm): void {
    this.run?.stream.cancel();
    this.run?.extras.forEach(e => e.cancel());
    const search = writeQuery(query);
    history.replaceState(history.state, '', search ? `?${search}` : location.pathname);
    this.form.clearErrors();
    this.tables.reset();
    this.images.reset();
    this.sky?.reset();
    this.redshifts.reset();
    clear(this.target);
    this.target.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'starting…');
    this.status.reset([], []);
    byId('add-viz-form').hidden = true;
    byId('query-downloads').hidden = true;
    const run: Run = { search, form: query, query: null, extras: [], colors: new Map(), outcomes: new Map(), stream: { cancel() {} }, failed: false };
    this.run = run;
    document.body.dataset.query = 'running';
    run.stream = runQuery(search, {
      start: line => { if (this.run === run) { void this.onStart(run, line); } },
      outcome: line => { if (this.run === run) { void this.onOutcome(run, line); } },
      failed: error => {
        if (this.run !== run) {
          return;
        }
        run.failed = true;
        clear(this.target);
        this.form.showErrors(error.errors, error.message);
        this.status.notRun('the query did not run: see the form.');
        document.body.dataset.query = 'failed';
      },
      done: () => {
        if (this.run === run && !run.failed) {
          this.status.finish(null);
          document.body.dataset.query = 'done';
        }
      },
    });
  }

  /** The sky view, created on first use looking at (ra, dec). */
  private skyAt(ra: number, dec: number): Promise<SkyView | null> {
    if (!this.skyStarted) {
      this.skyStarted = true;
      const element = byId('sky');
      this.skyReady = this.surveys
        .then(surveys => SkyView.create(element, surveys, ra, dec))
        .then(sky => {
          this.sky = sky;
          sky.onObjectClicked((id, row) => void this.tables.selectRow(id, row));
          sky.onObjectHovered((id, row) => void this.tables.hoverRow(id, row));
          void this.surveys.then(surveys => {
            this.skyTools = new SkyTools(byId('sky-tools'), surveys, {
              survey: survey => sky.setSurvey(survey),
              opacity: value => sky.setImageOpacity(value),
              removeImage: () => sky.removeImage(),
            });
          });
          return sky;
        })
        .catch((error: unknown) => {
          element.replaceChildren(h('p', { class: 'error' }, `The sky view could not start: ${error instanceof Error ? error.message : String(error)}`));
          return null;
        });
    }
    return this.skyReady;
  }

  /** Where a sky position is drawn on the canvas (tests move the mouse there), or null. */
  pixelOf(ra: number, dec: number): [number, number] | null {
    return this.sky?.pixelOf(ra, dec) ?? null;
  }

  /** The image overlay's opacity as Aladin holds it (tests read it), or null. */
  imageOpacity(): number | null {
    return this.sky?.imageOpacity() ?? null;
  }

  /** Puts an archive's FITS image on the sky, fetched through the server's image proxy. */
  private async overlay(url: string): Promise<void> {
    const sky = await this.skyReady;
    const tools = this.skyTools;
    if (!sky || !tools) {
      return;
    }
    const name = decodeURIComponent(new URL(url).pathname.split('/').filter(Boolean).pop() ?? url);
    tools.loading(name);
    try {
      const blobUrl = await fetchImage(url);
      await sky.overlayImage(blobUrl, name, tools.opacity);
      tools.showOverlay(name);
    } catch (error) {
      tools.error(`The image could not be overlaid: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** Puts a built HiPS (a hips job's /hips-jobs/{key}/) on the sky as the overlay layer, with the opacity slider. */
  private async showHips(url: string, name: string): Promise<void> {
    const sky = await this.skyReady;
    const tools = this.skyTools;
    if (!sky || !tools) {
      this.jobs.element.querySelector('.jobs-message')?.replaceChildren('Run a query first: the sky view opens at its position.');
      return;
    }
    sky.overlayHips(url, name, tools.opacity);
    tools.showOverlay(name);
  }

  /** Puts a job's FITS result (the mosaic) on the sky, fetched from this server as a blob as archive images are. */
  private async showJobImage(url: string, name: string): Promise<void> {
    const sky = await this.skyReady;
    const tools = this.skyTools;
    if (!sky || !tools) {
      this.jobs.element.querySelector('.jobs-message')?.replaceChildren('Run a query first: the sky view opens at its position.');
      return;
    }
    tools.loading(name);
    try {
      const response = await fetch(url.replace(/^\//, ''));
      if (!response.ok) {
        throw await errorOf(response);
      }
      const blobUrl = URL.createObjectURL(await response.blob());
      await sky.overlayImage(blobUrl, name, tools.opacity);
      tools.showOverlay(name);
    } catch (error) {
      tools.error(`The image could not be overlaid: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** The sky overlay's URL (a HiPS's, or a FITS image's blob: URL), or null (tests read it). */
  overlayUrl(): string | null {
    return this.sky?.overlayUrl() ?? null;
  }

  /** What the page saw happen to jobs, in order (tests check that progress rose before completion). */
  jobLog(): unknown[] {
    return this.jobs.log;
  }

  /** The whole-query downloads for the query as the address bar holds it. */
  private showDownloads(search: string): void {
    const box = byId('query-downloads');
    clear(box);
    box.append('Download everything: ', ...queryExportFormats.map(f => h('a', {
      class: 'query-export', 'data-format': f.format, download: '', href: `api/query/export?format=${f.format}&${search}`,
    }, f.label)));
    box.hidden = false;
  }

  /**
   * Asks extra VizieR catalogues for the query that ran, at the position the server understood: their status lines,
   * tables and overlays join the others, and the address bar's link asks them too from then on.
   */
  private addVizier(text: string): void {
    const run = this.run;
    const error = byId('add-viz-error');
    clear(error);
    if (!run?.query) {
      return;
    }
    const names = splitList(text).filter(n => !run.form.viz.some(v => v.toLowerCase() === n.toLowerCase()));
    if (names.length === 0) {
      error.append(splitList(text).length === 0 ? 'Type a VizieR catalogue, such as II/246.' : 'That catalogue is asked already.');
      return;
    }
    const q = run.query;
    const search = `RA=${q.ra}&DEC=${q.dec}&FOV=${q.fovArcmin}&ERR=${q.errArcsec}&CAT=0&IMG=0&VIZ=${names.map(encodeURIComponent).join(',')}`;
    document.body.dataset.query = 'running';
    const extra = runQuery(search, {
      start: line => {
        if (this.run !== run) {
          return;
        }
        line.sources.forEach(s => run.colors.set(s.id, sourceColor(run.colors.size)));
        this.status.extend(line.sources.map(s => ({ ...s, color: run.colors.get(s.id) ?? sourceColor(0) })));
        run.form = { ...run.form, viz: [...run.form.viz, ...names] };
        run.search = writeQuery(run.form);
        history.replaceState(history.state, '', `?${run.search}`);
        byId<HTMLInputElement>('f-viz').value = run.form.viz.join(',');
        byId<HTMLInputElement>('add-viz').value = '';
        this.showDownloads(run.search);
      },
      outcome: line => { if (this.run === run) { void this.onOutcome(run, line); } },
      failed: failure => {
        if (this.run === run) {
          error.append(failure.message);
          document.body.dataset.query = 'done';
        }
      },
      done: () => {
        if (this.run === run) {
          this.status.finish(null);
          document.body.dataset.query = 'done';
        }
      },
    });
    run.extras.push(extra);
  }

  private async onStart(run: Run, line: StartLine): Promise<void> {
    run.query = line.query;
    line.sources.forEach((s, i) => run.colors.set(s.id, sourceColor(i)));
    byId('add-viz-form').hidden = false;
    this.showDownloads(run.search);
    this.status.reset(line.sources.map(s => ({ ...s, color: run.colors.get(s.id) ?? sourceColor(0) })), line.problems ?? []);
    this.form.markAsked(line.sources.map(s => s.id));
    const q = line.query;
    this.redshifts.start(q.ra, q.dec, q.errArcsec);
    clear(this.target);
    append(this.target,
      q.targetName ? h('strong', null, q.targetName, ' ') : null,
      h('span', { class: 'position' }, `RA ${q.ra.toFixed(6)}  Dec ${q.dec >= 0 ? '+' : ''}${q.dec.toFixed(6)}`),
      `  FOV ${q.fovArcmin}′  ERR ${q.errArcsec}″`);
    const sky = await this.skyAt(q.ra, q.dec);
    if (sky && this.run === run) {
      sky.showTarget(q.ra, q.dec, q.fovArcmin, q.errArcsec);
    }
  }

  private async onOutcome(run: Run, outcome: OutcomeLine): Promise<void> {
    if (!run.colors.has(outcome.source)) {
      run.colors.set(outcome.source, sourceColor(run.colors.size));
    }
    const color = run.colors.get(outcome.source) ?? sourceColor(0);
    run.outcomes.set(outcome.source, outcome);
    this.status.update(outcome, color);
    const table = outcome.table;
    if (!table || table.rows.length === 0) {
      return;
    }
    this.tables.setTable(outcome.source, outcome.title, color, table);
    this.images.setTable(outcome.source, outcome.title, color, table);
    const sky = await this.skyReady;
    if (sky && this.run === run) {
      sky.setCatalogue(outcome.source, color, positionsOf(outcome));
    }
  }
}

function positionsOf(outcome: OutcomeLine): SkyPosition[] {
  const table = outcome.table;
  const cols = table ? positionColumns(table) : null;
  if (!table || !cols) {
    return [];
  }
  const raUnit = table.columns[cols.ra]?.unit ?? null;
  const decUnit = table.columns[cols.dec]?.unit ?? null;
  const positions: SkyPosition[] = [];
  table.rows.forEach((cells, row) => {
    const ra = degrees(cells[cols.ra], true, raUnit);
    const dec = degrees(cells[cols.dec], false, decUnit);
    if (ra !== null && dec !== null && dec >= -90 && dec <= 90) {
      positions.push({ ra, dec, row });
    }
  });
  return positions;
}

const app = new App();
void app.load();
// Tests drive the mouse over sky objects: they ask the sky view where a position is drawn.
(window as unknown as { das: unknown }).das = {
  pixelOf: (ra: number, dec: number) => app.pixelOf(ra, dec),
  imageOpacity: () => app.imageOpacity(),
  overlayUrl: () => app.overlayUrl(),
  jobLog: () => app.jobLog(),
};
