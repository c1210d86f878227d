// The tie threshold ε: "calibrated per task" (the paper's protocol) or one value dragged on a slider; the
// table and charts follow while dragging, and the final value is reported when the slider is let go.
import type { EpsilonChoice } from '../../src/core/analysis/accuracyTable';
import { calibratedSummary, formatEpsilon } from './format';
import { el, type ViewHandle } from './view';

export interface EpsilonControlData {
  choice: EpsilonChoice;
  /** Slider range, e.g. from epsilonSliderRange() (chartMath.ts). */
  max: number;
  step: number;
  /** The per-task ε calibration chose, shown as a range while calibrated. */
  calibrated?: Record<string, number>;
}

export interface EpsilonControlOptions {
  /** `final` is false while dragging (redraw locally) and true on release or typing (tell the host). */
  onChange(choice: EpsilonChoice, final: boolean): void;
}

type Checkbox = HTMLElement & { checked: boolean };

export function renderEpsilonControl(
  container: HTMLElement,
  data: EpsilonControlData,
  opts: EpsilonControlOptions,
): ViewHandle<EpsilonControlData> {
  const root = el('div', 'rl-epsilon');
  const label = el('label', 'rl-epsilon-label', 'Tie threshold ε');
  const calibrated = document.createElement('vscode-checkbox') as Checkbox;
  calibrated.setAttribute('label', 'Calibrated per task');
  calibrated.title = 'Choose ε per task to maximise three-way accuracy (Deutsch et al. 2023, as the paper does)';
  const slider = el('input', 'rl-epsilon-slider');
  slider.type = 'range';
  slider.min = '0';
  slider.id = `rl-eps-${Math.random().toString(36).slice(2, 8)}`;
  label.htmlFor = slider.id;
  const number = el('input', 'rl-epsilon-number');
  number.type = 'number';
  number.min = '0';
  number.setAttribute('aria-label', 'ε value');
  const summary = el('span', 'rl-epsilon-summary');
  root.append(label, calibrated, slider, number, summary);
  container.append(root);

  let current = data;
  const show = () => {
    const fixed = current.choice.epsilon !== undefined;
    calibrated.checked = !fixed;
    slider.max = String(current.max);
    slider.step = String(current.step);
    number.step = String(current.step);
    const value = fixed ? current.choice.epsilon! : 0;
    slider.value = String(Math.min(value, current.max));
    number.value = fixed ? formatEpsilon(value) : '';
    number.placeholder = fixed ? '' : 'auto';
    root.classList.toggle('rl-calibrated', !fixed);
    summary.textContent = fixed ? 'the same ε in every task' : calibratedSummary(current.calibrated);
  };
  show();

  const set = (choice: EpsilonChoice, final: boolean) => {
    current = { ...current, choice };
    show();
    opts.onChange(choice, final);
  };
  // Dragging the slider while calibrated switches to a fixed ε, starting where the user put it.
  slider.addEventListener('input', () => set({ epsilon: Number(slider.value) }, false));
  slider.addEventListener('change', () => set({ epsilon: Number(slider.value) }, true));
  number.addEventListener('change', () => {
    const v = Number(number.value);
    if (number.value.trim() === '' || !Number.isFinite(v) || v < 0) return show();
    set({ epsilon: v }, true);
  });
  calibrated.addEventListener('change', () => set(calibrated.checked ? {} : { epsilon: Number(slider.value) }, true));
  return {
    update(d) {
      current = d;
      show();
    },
    dispose() {
      root.remove();
    },
  };
}
