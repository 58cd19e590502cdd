// The sky view: Aladin Lite on a local HiPS, the target with its error circle and field-of-view box, and one
// catalogue overlay per source. Aladin Lite calls CDS servers unless told otherwise, so it is always created with
// an absolute local survey URL, the page's own survey list and log:false (notes: "Aladin Lite offline").

import A, { type Aladin, type AladinCatalog, type AladinImage, type AladinOverlay, type AladinSource } from 'aladin-lite';
import type { SurveyEntry } from './api';
import { fieldCorners } from './geometry';

/** The Aladin layer FITS overlays go to (one at a time). */
const overlayLayer = 'das-image';

export interface SkyPosition {
  ra: number;
  dec: number;
  /** Row index in the source's table. */
  row: number;
}

interface Layer {
  catalog: AladinCatalog;
  byRow: Map<number, AladinSource>;
}

export class SkyView {
  private readonly layers = new Map<string, Layer>();
  private target: AladinOverlay | null = null;
  private highlighted: AladinSource | null = null;
  private clickHandler: ((sourceId: string, row: number) => void) | null = null;
  private hoverHandler: ((sourceId: string, row: number | null) => void) | null = null;
  private image: { layer: AladinImage; blobUrl: string } | null = null;

  private constructor(private readonly aladin: Aladin, private readonly element: HTMLElement) {
    aladin.on('objectClicked', (object: AladinSource | null) => {
      const hit = object ? sourceOf(object) : null;
      if (hit && this.clickHandler) {
        this.clickHandler(hit.sourceId, hit.row);
      }
    });
    aladin.on('objectHovered', (object: AladinSource | null) => {
      const hit = object ? sourceOf(object) : null;
      if (hit) {
        this.hoverHandler?.(hit.sourceId, hit.row);
      }
    });
    aladin.on('objectHoveredStop', (object: AladinSource | null) => {
      const hit = object ? sourceOf(object) : null;
      if (hit) {
        this.hoverHandler?.(hit.sourceId, null);
      }
    });
  }

  /**
   * Creates the view in `element` on the first survey of `surveys` (URLs relative to the page), looking at `ra`,
   * `dec` from the start: a view created elsewhere first would ask the survey for tiles where it may have none.
   */
  static async create(element: HTMLElement, surveys: SurveyEntry[], ra: number, dec: number): Promise<SkyView> {
    await A.init;
    element.replaceChildren();
    const list = surveys.map(s => ({ id: s.id, name: s.name, url: new URL(s.url, location.href).href }));
    const first = list[0] ?? { id: 'local', name: 'Local HiPS', url: new URL('hips/', location.href).href };
    const aladin = A.aladin(element, {
      survey: first.url,
      hipsList: list.length > 0 ? list : [first],
      log: false,
      samp: false,
      cooFrame: 'ICRS',
      fov: 0.1,
      target: `${ra} ${dec >= 0 ? '+' : ''}${dec}`,
      showReticle: false,
      showStatusBar: false,
      showSimbadPointerControl: false,
      showShareControl: false,
      showSettingsControl: false,
      showContextMenu: false,
      showCooGridControl: false,
      // The page has its own controls (source toggles, survey selector, image opacity). Aladin's layers box rebuilt
      // its whole DOM list on every catalogue added or removed: 75 % of the page's CPU while results streamed in.
      showLayersControl: false,
      showFullscreenControl: true,
    });
    return new SkyView(aladin, element);
  }

  /** Called with a source id and row index when a catalogue object is clicked on the sky. */
  onObjectClicked(handler: (sourceId: string, row: number) => void): void {
    this.clickHandler = handler;
  }

  /** Called with (source, row) when the mouse is over a catalogue object, and (source, null) when it leaves it. */
  onObjectHovered(handler: (sourceId: string, row: number | null) => void): void {
    this.hoverHandler = handler;
  }

  /** Shows another HiPS survey (URL relative to the page, made absolute so Aladin never looks it up elsewhere). */
  setSurvey(survey: SurveyEntry): void {
    const url = new URL(survey.url, location.href).href;
    this.aladin.setBaseImageLayer(A.imageHiPS(url, { name: survey.name, url }));
    this.element.dataset.survey = survey.id;
  }

  /**
   * Overlays a FITS image (a blob: URL the page fetched through the server's image proxy) at `opacity`, replacing
   * the one shown before; resolves when Aladin has decoded and placed it.
   */
  overlayImage(blobUrl: string, name: string, opacity: number): Promise<void> {
    this.removeImage();
    this.element.dataset.overlay = 'loading';
    return new Promise((resolve, reject) => {
      const layer = A.image(blobUrl, {
        name: name.replace(/[^A-Za-z0-9._ -]/g, '_'),
        imgFormat: 'fits',
        opacity,
        successCallback: () => {
          this.element.dataset.overlay = 'shown';
          resolve();
        },
        errorCallback: (error: unknown) => {
          this.removeImage();
          reject(new Error(`the image could not be decoded: ${String(error)}`));
        },
      });
      this.image = { layer, blobUrl };
      this.aladin.setOverlayImageLayer(layer, overlayLayer);
    });
  }

  /** The overlay's opacity, 0 (invisible) to 1. */
  setImageOpacity(opacity: number): void {
    this.image?.layer.setOpacity(opacity);
    this.element.dataset.overlayOpacity = opacity.toFixed(2);
  }

  /** The overlay's opacity as Aladin holds it, or null without an overlay (for tests). */
  imageOpacity(): number | null {
    return this.image ? this.image.layer.getOpacity() : null;
  }

  removeImage(): void {
    if (this.image) {
      try {
        this.aladin.removeImageLayer(overlayLayer);
      } catch {
        // Not added yet (it failed to decode): nothing to remove.
      }
      URL.revokeObjectURL(this.image.blobUrl);
      this.image = null;
    }
    delete this.element.dataset.overlay;
  }

  /** Centres on the target and draws the error circle and the field-of-view box. */
  showTarget(ra: number, dec: number, fovArcmin: number, errArcsec: number): void {
    this.aladin.gotoRaDec(ra, dec);
    const fovDeg = fovArcmin / 60;
    const errDeg = errArcsec / 3600;
    // Aladin's field of view is the view's width: widen it so the box and the circle fit the height as well.
    const aspect = this.element.clientHeight > 0 ? Math.max(1, this.element.clientWidth / this.element.clientHeight) : 1;
    this.aladin.setFoV(Math.max(fovDeg * 1.4, errDeg * 2.4, 1 / 60) * aspect);
    if (this.target) {
      this.aladin.removeLayer(this.target);
    }
    this.target = A.graphicOverlay({ name: 'target', color: '#ff4040', lineWidth: 2 });
    this.aladin.addOverlay(this.target);
    this.target.add(A.circle(ra, dec, errDeg, { color: '#ff4040', lineWidth: 2 }));
    this.target.add(A.polygon(fieldCorners(ra, dec, fovDeg), { color: '#40c0ff', lineWidth: 1, closed: true }));
    this.element.dataset.target = `${ra.toFixed(6)} ${dec.toFixed(6)}`;
  }

  /** Puts a source's positions on the sky as its own catalogue (replacing an earlier one with the same id). */
  setCatalogue(sourceId: string, color: string, positions: SkyPosition[]): void {
    this.removeCatalogue(sourceId);
    // Aladin shows the name in its layer list: only characters of a source id, never remote text.
    const catalog = A.catalog({ name: sourceId.replace(/[^A-Za-z0-9._-]/g, '_'), color, sourceSize: 12, shape: 'circle', selectionColor: '#ffff00', hoverColor: '#ffffff' });
    this.aladin.addCatalog(catalog);
    const byRow = new Map<number, AladinSource>();
    const objects = positions.map(p => {
      const object = A.source(p.ra, p.dec, { dasSource: sourceId, dasRow: p.row });
      byRow.set(p.row, object);
      return object;
    });
    catalog.addSources(objects);
    this.layers.set(sourceId, { catalog, byRow });
  }

  removeCatalogue(sourceId: string): void {
    const layer = this.layers.get(sourceId);
    if (layer) {
      if (this.highlighted && layer.byRow.has(Number(this.highlighted.data.dasRow)) && this.highlighted.data.dasSource === sourceId) {
        this.unhighlight();
      }
      this.aladin.removeLayer(layer.catalog);
      this.layers.delete(sourceId);
    }
  }

  setVisible(sourceId: string, visible: boolean): void {
    const layer = this.layers.get(sourceId);
    if (layer) {
      if (visible) {
        layer.catalog.show();
      } else {
        layer.catalog.hide();
      }
    }
  }

  /** Marks one row's object on the sky (a table row under the mouse); false when that row has no position. */
  highlight(sourceId: string, row: number): boolean {
    const object = this.layers.get(sourceId)?.byRow.get(row);
    if (object === this.highlighted) {
      return object !== undefined;
    }
    this.unhighlight();
    if (!object) {
      return false;
    }
    // Through the view's selection, which Aladin draws in the selection colour (Aladin's own selectObjects drops
    // objects when it groups them by catalogue, and a source's select() alone is never drawn).
    this.aladin.view.selectObjects([[object]]);
    this.highlighted = object;
    this.element.dataset.highlight = `${sourceId}#${row}`;
    return true;
  }

  unhighlight(): void {
    if (this.highlighted) {
      this.aladin.view.unselectObjects();
    }
    this.highlighted = null;
    delete this.element.dataset.highlight;
  }

  /** Removes every catalogue, the image overlay and the target (a new query). */
  reset(): void {
    this.unhighlight();
    this.removeImage();
    for (const id of [...this.layers.keys()]) {
      this.removeCatalogue(id);
    }
    if (this.target) {
      this.aladin.removeLayer(this.target);
      this.target = null;
    }
  }

  /** Canvas position of a sky position (for tests driving the mouse), or null when off the view. */
  pixelOf(ra: number, dec: number): [number, number] | null {
    return this.aladin.world2pix(ra, dec);
  }
}

function sourceOf(object: AladinSource): { sourceId: string; row: number } | null {
  const data = object.data;
  return data && typeof data.dasSource === 'string' && typeof data.dasRow === 'number' ? { sourceId: data.dasSource, row: data.dasRow } : null;
}
