// The part of Aladin Lite's API (aladin-lite on npm, which ships no types) that Das uses.
declare module 'aladin-lite' {
  export interface AladinSource {
    ra: number;
    dec: number;
    data: Record<string, unknown>;
    isSelected?: boolean;
    select(): void;
    deselect(): void;
    hover(): void;
    unhover(): void;
  }

  export interface AladinCatalog {
    name: string;
    addSources(sources: AladinSource[]): void;
    removeAll(): void;
    show(): void;
    hide(): void;
    isShowing: boolean;
    reportChange(): void;
  }

  export interface AladinOverlay {
    add(shape: AladinShape | AladinShape[]): void;
    removeAll(): void;
    show(): void;
    hide(): void;
  }

  // Circles and polygons: opaque handles added to an overlay.
  export type AladinShape = object;

  export interface HipsListEntry {
    id: string;
    name: string;
    url: string;
    [key: string]: unknown;
  }

  /** A FITS image layer (A.image). */
  export interface AladinImage {
    setOpacity(opacity: number): void;
    getOpacity(): number;
    added?: boolean;
  }

  export interface ImageOptions {
    name?: string;
    imgFormat?: 'fits' | 'jpeg' | 'png';
    opacity?: number;
    successCallback?: (ra: number, dec: number, fov: number, image: AladinImage) => void;
    errorCallback?: (error: unknown) => void;
  }

  /** A HiPS layer (A.imageHiPS). */
  export type AladinHiPS = object;

  export interface AladinOptions {
    survey?: string;
    hipsList?: HipsListEntry[];
    target?: string;
    fov?: number;
    log?: boolean;
    samp?: boolean;
    cooFrame?: string;
    projection?: string;
    showLayersControl?: boolean;
    showSimbadPointerControl?: boolean;
    showShareControl?: boolean;
    showSettingsControl?: boolean;
    showContextMenu?: boolean;
    showCooGridControl?: boolean;
    showProjectionControl?: boolean;
    showFullscreenControl?: boolean;
    showReticle?: boolean;
    showStatusBar?: boolean;
    showFrame?: boolean;
    showCooLocation?: boolean;
    showFov?: boolean;
    showZoomControl?: boolean;
    expandLayersControl?: boolean;
    backgroundColor?: string;
  }

  export interface Aladin {
    gotoRaDec(ra: number, dec: number): void;
    setFoV(degrees: number): void;
    getRaDec(): [number, number];
    getFov(): [number, number];
    world2pix(ra: number, dec: number): [number, number] | null;
    addCatalog(catalog: AladinCatalog): void;
    addOverlay(overlay: AladinOverlay): void;
    removeLayers(): void;
    removeLayer(layer: AladinCatalog | AladinOverlay): void;
    setImageSurvey(survey: unknown): void;
    setBaseImageLayer(survey: unknown): void;
    setOverlayImageLayer(image: AladinImage | AladinHiPS, layer?: string): unknown;
    removeImageLayer(layer: string): void;
    getOverlayImageLayer(layer?: string): unknown;
    newImageSurvey(idOrUrl: string, options?: Record<string, unknown>): unknown;
    on(event: 'objectHovered' | 'objectHoveredStop' | 'objectClicked', handler: (object: AladinSource | null, xy?: unknown) => void): void;
    on(event: string, handler: (...args: unknown[]) => void): void;
    selectObjects(objects: AladinSource[][]): void;
    /** The view: its selection is what Aladin draws highlighted (a source's own select() alone is not drawn). */
    view: { selectObjects(objects: AladinSource[][]): void; unselectObjects(): void; requestRedraw(): void };
  }

  export interface CatalogOptions {
    name?: string;
    color?: string;
    sourceSize?: number;
    shape?: string;
    selectionColor?: string;
    hoverColor?: string;
    onClick?: string;
  }

  export interface ShapeOptions {
    color?: string;
    lineWidth?: number;
    fillColor?: string;
    opacity?: number;
  }

  interface AladinStatic {
    init: Promise<void>;
    aladin(element: string | HTMLElement, options?: AladinOptions): Aladin;
    catalog(options?: CatalogOptions): AladinCatalog;
    source(ra: number, dec: number, data?: Record<string, unknown>, options?: Record<string, unknown>): AladinSource;
    graphicOverlay(options?: ShapeOptions & { name?: string }): AladinOverlay;
    circle(ra: number, dec: number, radiusDegrees: number, options?: ShapeOptions): AladinShape;
    polygon(vertices: [number, number][], options?: ShapeOptions & { closed?: boolean }): AladinShape;
    image(url: string, options: ImageOptions): AladinImage;
    imageHiPS(idOrUrl: string, options?: { name?: string; url?: string }): AladinHiPS;
  }

  const A: AladinStatic;
  export default A;
}
