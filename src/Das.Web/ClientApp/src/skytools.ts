// The controls under the sky view: the HiPS survey selector and, once an image is overlaid, its name, an opacity
// slider and a remove button. Survey names come from the server's configuration; image names from an archive, so
// they are DOM text like every other remote string.

import type { SurveyEntry } from './api';
import { clear, h } from './dom';

export interface SkyToolsHandlers {
  survey(survey: SurveyEntry): void;
  opacity(value: number): void;
  removeImage(): void;
}

export class SkyTools {
  private readonly select: HTMLSelectElement;
  private readonly overlay: HTMLElement;
  private readonly slider: HTMLInputElement;
  private readonly overlayName: HTMLElement;
  private readonly message: HTMLElement;

  constructor(element: HTMLElement, surveys: SurveyEntry[], handlers: SkyToolsHandlers) {
    this.select = h('select', { id: 'survey', 'aria-label': 'HiPS survey' },
      ...surveys.map(s => h('option', { value: s.id }, s.name)));
    this.select.addEventListener('change', () => {
      const survey = surveys.find(s => s.id === this.select.value);
      if (survey) {
        handlers.survey(survey);
      }
    });
    this.slider = h('input', {
      id: 'overlay-opacity', type: 'range', min: '0', max: '1', step: '0.05', value: String(SkyTools.defaultOpacity),
      'aria-label': 'image opacity',
    });
    this.slider.addEventListener('input', () => handlers.opacity(Number(this.slider.value)));
    this.overlayName = h('span', { class: 'overlay-name' });
    this.overlay = h('div', { id: 'image-overlay', class: 'image-overlay', hidden: true },
      'Image: ', this.overlayName, ' ', h('label', { for: 'overlay-opacity' }, 'opacity'), ' ', this.slider, ' ',
      h('button', { type: 'button', id: 'overlay-remove', onclick: () => { handlers.removeImage(); this.hideOverlay(); } }, 'remove'));
    this.message = h('div', { id: 'overlay-message', class: 'overlay-message', 'aria-live': 'polite' });
    clear(element);
    element.append(h('label', { class: 'survey-label' }, 'Survey ', this.select), this.overlay, this.message);
    element.hidden = false;
  }

  static readonly defaultOpacity = 0.7;

  get opacity(): number {
    return Number(this.slider.value);
  }

  loading(name: string): void {
    this.message.textContent = `loading ${name}…`;
    this.message.classList.remove('error');
  }

  showOverlay(name: string): void {
    this.overlayName.textContent = name;
    this.overlay.hidden = false;
    this.message.textContent = '';
  }

  hideOverlay(): void {
    this.overlay.hidden = true;
    this.overlayName.textContent = '';
  }

  error(text: string): void {
    this.hideOverlay();
    this.message.textContent = text;
    this.message.classList.add('error');
  }
}
