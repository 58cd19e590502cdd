// The jobs panel: the caller's jobs (api/jobs, so a reload shows them again), each watched live over the SignalR hub
// hubs/jobs (Watch(jobId)) with a total progress bar and one bar per file (bytes, %, rate, ETA, the file's error),
// Cancel, links to the finished files, and on a completed download or upload "Build HiPS" / "Build mosaic", whose
// jobs show their steps the same way and, when done, go onto the sky. Job text from the server (steps, messages,
// file names) is DOM text.

import { HubConnectionBuilder, LogLevel, type HubConnection, type ISubscription } from '@microsoft/signalr';
import { ApiError, errorOf } from './api';
import { append, clear, h } from './dom';
import { fileFraction, formatBytes, formatEta, formatRate, percent, totals, type FileProgress, type JobProgress } from './progress';

export interface JobResultView {
  name: string;
  mediaType: string;
  size: number | null;
  url: string;
  source: string | null;
}

export interface JobView {
  id: string;
  kind: string;
  phase: string;
  parameters: unknown;
  progress: JobProgress | null;
  results: JobResultView[];
  error: string | null;
  created: string;
  started: string | null;
  ended: string | null;
}

interface JobEventView {
  jobId: string;
  sequence: number;
  phase: string;
  progress: JobProgress | null;
  error: string | null;
}

export interface ImageFile {
  url: string;
  name: string;
  format: string | null;
}

export interface JobsHandlers {
  /** The mosaic's region: the query's position and field of view, or null before a query ran. */
  region(): { ra: number; dec: number; width: number; height: number } | null;
  showHips(url: string, name: string): void;
  showMosaic(fitsUrl: string, name: string): void;
}

const finalPhases = new Set(['COMPLETED', 'ERROR', 'ABORTED', 'INTERRUPTED']);

async function send<T>(method: string, url: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    if (body instanceof FormData) {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers = { 'Content-Type': 'application/json' };
    }
  }
  const response = await fetch(url, init);
  if (!response.ok) {
    throw await errorOf(response);
  }
  const text = await response.text();
  return (text ? JSON.parse(text) : null) as T;
}

/** Creates a job; resolves with it, or rejects with the server's reason. */
export function createJob(kind: string, parameters: unknown): Promise<JobView> {
  return send<JobView>('POST', 'api/jobs', { kind, parameters });
}

interface Watched {
  job: JobView;
  item: HTMLLIElement;
  subscription: ISubscription<JobEventView> | null;
}

/** One line of what the page saw happen to jobs (tests read it to check the order of events). */
export interface JobLogEntry {
  job: string;
  kind: string;
  phase: string;
  percent: number | null;
  files: (number | null)[];
}

export class JobsPanel {
  readonly element: HTMLElement;
  private readonly list: HTMLUListElement;
  private readonly message: HTMLElement;
  private readonly jobs = new Map<string, Watched>();
  private connection: Promise<HubConnection> | null = null;
  readonly log: JobLogEntry[] = [];

  constructor(private readonly handlers: JobsHandlers) {
    this.list = h('ul', { class: 'job-list' });
    this.message = h('div', { class: 'jobs-message', 'aria-live': 'polite' });
    const upload = h('input', { type: 'file', id: 'upload-fits', accept: '.fits,.fit,.fts,application/fits', multiple: true, 'aria-label': 'FITS files to upload' });
    upload.addEventListener('change', () => void this.upload(upload));
    this.element = h('section', { id: 'jobs', class: 'jobs', 'aria-label': 'Jobs', hidden: true },
      h('h2', null, 'Jobs'),
      h('div', { class: 'jobs-upload' }, h('label', { for: 'upload-fits' }, 'Upload FITS for a HiPS or mosaic: '), upload),
      this.message, this.list);
  }

  /** Shows the caller's jobs (newest first) and watches those still running. */
  async load(): Promise<void> {
    try {
      const answer = await send<{ jobs: JobView[] }>('GET', 'api/jobs');
      for (const job of [...answer.jobs].reverse()) {
        this.add(job);
      }
    } catch (error) {
      this.say(`The jobs could not be listed: ${messageOf(error)}`, true);
    }
  }

  /** Downloads these images in one job. */
  async download(files: ImageFile[]): Promise<JobView | null> {
    return this.create('download', { files: files.map(f => ({ url: f.url, name: f.name, format: f.format })) });
  }

  private async create(kind: string, parameters: unknown): Promise<JobView | null> {
    this.say('');
    try {
      const job = await createJob(kind, parameters);
      this.add(job);
      return job;
    } catch (error) {
      this.say(`The ${kind} job was refused: ${messageOf(error)}`, true);
      this.element.hidden = false;
      return null;
    }
  }

  private async upload(input: HTMLInputElement): Promise<void> {
    const files = [...(input.files ?? [])];
    if (files.length === 0) {
      return;
    }
    const form = new FormData();
    files.forEach(f => form.append('file', f, f.name));
    this.say(`uploading ${files.length} file(s)…`);
    try {
      const job = await send<JobView>('POST', 'api/jobs/uploads', form);
      this.say('');
      this.add(job);
    } catch (error) {
      this.say(`The upload was refused: ${messageOf(error)}`, true);
    } finally {
      input.value = '';
    }
  }

  private say(text: string, error = false): void {
    this.message.textContent = text;
    this.message.classList.toggle('error', error);
  }

  /** Adds a job at the top of the list and watches it while it is not final. */
  private add(job: JobView): void {
    this.element.hidden = false;
    const existing = this.jobs.get(job.id);
    const item = existing?.item ?? h('li', { class: 'job', 'data-job': job.id, 'data-kind': job.kind });
    const watched: Watched = existing ?? { job, item, subscription: null };
    watched.job = job;
    this.jobs.set(job.id, watched);
    if (!existing) {
      this.list.prepend(item);
    }
    this.render(watched);
    if (!finalPhases.has(job.phase) && !watched.subscription) {
      void this.watch(watched);
    }
  }

  private hub(): Promise<HubConnection> {
    if (!this.connection) {
      const connection = new HubConnectionBuilder()
        .withUrl(new URL('hubs/jobs', location.href).href)
        .configureLogging(LogLevel.None)
        .build();
      this.connection = connection.start().then(() => connection);
      this.connection.catch(() => { this.connection = null; });
    }
    return this.connection;
  }

  private async watch(watched: Watched): Promise<void> {
    let connection: HubConnection;
    try {
      connection = await this.hub();
    } catch (error) {
      this.say(`Live progress is not available (${messageOf(error)}); the job's final state shows when it ends.`, true);
      await this.refresh(watched, 60);
      return;
    }
    watched.subscription = connection.stream<JobEventView>('Watch', watched.job.id).subscribe({
      next: event => {
        watched.job = { ...watched.job, phase: event.phase, progress: event.progress ?? watched.job.progress, error: event.error ?? watched.job.error };
        this.render(watched);
      },
      error: () => {
        watched.subscription = null;
        void this.refresh(watched, 0);
      },
      complete: () => {
        watched.subscription = null;
        void this.refresh(watched, 0);
      },
    });
  }

  /** Reads the job again (its results appear only in the full view), waiting up to `wait` seconds for a change. */
  private async refresh(watched: Watched, wait: number): Promise<void> {
    try {
      const job = await send<JobView>('GET', `api/jobs/${encodeURIComponent(watched.job.id)}${wait > 0 ? `?wait=${wait}` : ''}`);
      watched.job = job;
      this.render(watched);
      if (!finalPhases.has(job.phase) && wait > 0) {
        await this.refresh(watched, wait);
      }
    } catch (error) {
      this.say(`Job ${watched.job.id} could not be read: ${messageOf(error)}`, true);
    }
  }

  private render(watched: Watched): void {
    const { job, item } = watched;
    const progress = job.progress;
    const sums = progress ? totals(progress) : null;
    const fraction = job.phase === 'COMPLETED' ? 1 : sums?.fraction ?? null;
    item.dataset.phase = job.phase;
    this.log.push({
      job: job.id, kind: job.kind, phase: job.phase, percent: fraction === null ? null : Math.floor(fraction * 100),
      files: (progress?.files ?? []).map(f => { const x = fileFraction(f); return x === null ? null : Math.floor(x * 100); }),
    });
    const final = finalPhases.has(job.phase);
    // The head (kind, phase, id, Cancel) is made once and updated: rebuilding it on every progress event would pull
    // the Cancel button from under the user's mouse. Only the bars and results below are drawn afresh.
    let head = item.querySelector<HTMLElement>(':scope > .job-head');
    let body = item.querySelector<HTMLElement>(':scope > .job-body');
    if (!head || !body) {
      head = h('div', { class: 'job-head' },
        h('strong', null, kindLabel(job.kind)), ' ',
        h('span', { class: 'job-phase' }), ' ',
        h('span', { class: 'job-id' }, job.id), ' ',
        h('button', { type: 'button', class: 'job-cancel', onclick: () => void this.cancel(job.id) }, 'Cancel'));
      body = h('div', { class: 'job-body' });
      item.replaceChildren(head, body);
    }
    const phase = head.querySelector<HTMLElement>('.job-phase');
    if (phase) {
      phase.textContent = job.phase;
      phase.className = `job-phase phase-${job.phase.toLowerCase()}`;
    }
    if (final) {
      head.querySelector('.job-cancel')?.remove();
    }
    clear(body);
    append(body,
      bar('job-total', fraction, [
        percent(fraction),
        sums?.done !== null && sums?.done !== undefined ? `${formatBytes(sums.done)}${sums.total !== null ? ` of ${formatBytes(sums.total)}` : ''}` : '',
        final ? '' : formatRate(sums?.rate),
        final ? '' : (sums?.eta !== null && sums?.eta !== undefined ? `${formatEta(sums.eta)} left` : ''),
      ]),
      progress?.step && !final ? h('div', { class: 'job-step' }, progress.step) : null,
      progress?.files?.length ? h('ul', { class: 'job-files' }, ...progress.files.map(fileLine)) : null,
      job.error ? h('p', { class: 'job-error error' }, job.error) : null,
      this.resultsOf(job),
    );
  }

  private resultsOf(job: JobView): Node | null {
    if (job.phase !== 'COMPLETED' && job.results.length === 0) {
      return null;
    }
    const box = h('div', { class: 'job-results' });
    if (job.kind === 'download' || job.kind === 'upload') {
      box.append(...job.results.map(r => h('a', { class: 'job-result', href: r.url.replace(/^\//, ''), download: r.name }, r.name)));
      if (job.phase === 'COMPLETED' && job.results.some(r => /fits?$/i.test(r.name) || /fits/i.test(r.mediaType))) {
        box.append(
          h('button', { type: 'button', class: 'build-hips', onclick: () => void this.create('hips', { inputs: [job.id] }) }, 'Build HiPS'),
          h('button', { type: 'button', class: 'build-mosaic', onclick: () => void this.buildMosaic(job.id) }, 'Build mosaic'));
      }
    } else if (job.kind === 'hips') {
      const hips = job.results.find(r => r.name === 'hips');
      if (hips) {
        box.append(h('button', { type: 'button', class: 'show-hips', onclick: () => this.handlers.showHips(hips.url, `HiPS ${job.id}`) }, 'Show on sky'),
          h('a', { class: 'job-result', href: hips.url.replace(/^\//, '') + 'properties', target: '_blank' }, 'properties'));
      }
    } else if (job.kind === 'mosaic') {
      const fits = job.results.find(r => r.name === 'mosaic.fits');
      const png = job.results.find(r => r.name === 'mosaic.png');
      if (fits) {
        box.append(h('button', { type: 'button', class: 'show-mosaic', onclick: () => this.handlers.showMosaic(fits.url, `mosaic ${job.id}`) }, 'Show on sky'));
      }
      box.append(...[fits, png].filter((r): r is JobResultView => r !== undefined)
        .map(r => h('a', { class: 'job-result', href: r.url.replace(/^\//, ''), target: r.name.endsWith('.png') ? '_blank' : null, download: r.name.endsWith('.png') ? null : r.name }, r.name)));
    } else {
      box.append(...job.results.map(r => h('a', { class: 'job-result', href: r.url.replace(/^\//, ''), download: r.name }, r.name)));
    }
    return box;
  }

  private async buildMosaic(jobId: string): Promise<void> {
    const region = this.handlers.region();
    await this.create('mosaic', region ? { inputs: [jobId], region } : { inputs: [jobId] });
  }

  private async cancel(id: string): Promise<void> {
    try {
      await send<unknown>('POST', `api/jobs/${encodeURIComponent(id)}/cancel`);
    } catch (error) {
      this.say(`Job ${id} could not be cancelled: ${messageOf(error)}`, true);
    }
  }
}

function kindLabel(kind: string): string {
  return kind === 'download' ? 'Download' : kind === 'hips' ? 'HiPS' : kind === 'mosaic' ? 'Mosaic' : kind === 'upload' ? 'Upload' : kind;
}

function bar(cls: string, fraction: number | null, texts: string[]): HTMLElement {
  const progress = h('progress', { max: '1' });
  if (fraction !== null) {
    progress.value = fraction;
  }
  return h('div', { class: `bar ${cls}`, 'data-percent': fraction === null ? null : String(Math.floor(fraction * 100)) },
    progress, h('span', { class: 'bar-text' }, texts.filter(Boolean).join(' · ')));
}

function fileLine(file: FileProgress): HTMLElement {
  const fraction = fileFraction(file);
  const running = file.state === 'running';
  return h('li', { class: `job-file state-${file.state}`, 'data-name': file.name, 'data-state': file.state },
    h('span', { class: 'file-name' }, file.name), ' ',
    bar('file-bar', fraction, [
      file.state === 'running' ? percent(fraction) : file.state,
      `${formatBytes(file.bytesDone)}${file.bytesTotal !== null && file.bytesTotal !== undefined ? ` of ${formatBytes(file.bytesTotal)}` : ''}`,
      running ? formatRate(file.bytesPerSecond) : '',
      running && file.etaSeconds !== null && file.etaSeconds !== undefined ? `${formatEta(file.etaSeconds)} left` : '',
    ]),
    file.message ? h('span', { class: file.state === 'failed' ? 'file-message error' : 'file-message' }, file.message) : null);
}

function messageOf(error: unknown): string {
  return error instanceof ApiError || error instanceof Error ? error.message : String(error);
}
