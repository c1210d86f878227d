// A vscode-elements single select built from [value, text] pairs, with its test id and accessible label.

export type Select = HTMLElement & { value: string };

export function option(value: string, text: string): HTMLElement {
  const o = document.createElement('vscode-option');
  o.setAttribute('value', value);
  o.textContent = text;
  return o;
}

export function select(testid: string, label: string, options: [string, string][]): Select {
  const s = document.createElement('vscode-single-select') as Select;
  s.dataset.testid = testid;
  s.setAttribute('aria-label', label);
  s.title = label;
  for (const [v, t] of options) s.append(option(v, t));
  return s;
}
