// The Das page: reads the query from the address bar (or the form), streams every source's outcome into the status
// panel, the sky view and one table per source, and keeps the address bar holding a link that repeats the query.

import './style.css';
import { fetchSources, fetchSurveys, type OutcomeLine, type SourceInfo, type StartLine, type SurveyEntry } from './api';
import { sourceColor } from './colors';
import { degrees, positionColumns } from './columns';
import { append, byId, clear, h } from './dom';
import { QueryFormView } from './form';
import { readQuery, writeQuery, type QueryForm } from './query';
import { RedshiftPanel } from './redshift';
import { SkyView, type SkyPosition } from './sky';
import { StatusPanel } from './status';
import { runQuery, type RunningQuery } from './stream';
import { TablesView } from './tables';

interface Run {
  search: string;
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
  private readonly target = byId('query-target');
  /** Every redshift near the query's position, filled from api/redshift/stream when a query starts. */
  private readonly redshifts = new RedshiftPanel(byId('results'));
  private readonly surveys: Promise<SurveyEntry[]>;
  private sky: SkyView | null = null;
  /** The sky view, made at the first query's position (never before: see SkyView.create). */
  private skyReady: Promise<SkyView | null> = Promise.resolve(null);
  private skyStarted = false;
  private run: Run | null = null;

  constructor() {
    this.form = new QueryFormView(query => this.start(query));
    this.tables = new TablesView(byId('table-tabs'), byId('table-panels'), () => this.run?.search ?? '');
    this.tables.reset();
    this.tables.onRowHover((id, row) => {
      if (row === null) {
        this.sky?.unhighlight();
      } else {
        this.sky?.highlight(id, row);
      }
    });
    this.status.onToggle((id, visible) => {
      this.sky?.setVisible(id, visible);
      this.tables.setVisible(id, visible);
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
    const { query, present } = readQuery(location.search);
    this.form.fill(query);
    if (present) {
      this.start(query);
    }
  }

  private start(query: QueryForm): void {
    this.run?.stream.cancel();
    const search = writeQuery(query);
    history.replaceState(history.state, '', search ? `?${search}` : location.pathname);
    this.form.clearErrors();
    this.tables.reset();
    this.sky?.reset();
    this.redshifts.reset();
    clear(this.target);
    this.target.append(h('span', { class: 'spinner', 'aria-hidden': 'true' }), 'starting…');
    this.status.reset([], []);
    const run: Run = { search, colors: new Map(), outcomes: new Map(), stream: { cancel() {} }, failed: false };
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

  private async onStart(run: Run, line: StartLine): Promise<void> {
    line.sources.forEach((s, i) => run.colors.set(s.id, sourceColor(i)));
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
(window as unknown as { das: unknown }).das = { pixelOf: (ra: number, dec: number) => app.pixelOf(ra, dec) };
