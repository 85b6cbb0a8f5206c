import { h } from './dom.js';

// The settings form's building blocks: a labelled field with its hint and the slot its error goes
// in (`data-error-for`, the path the settings schema names), plain inputs and choices, and the rule
// that a field's error goes as soon as staff change that field (it was about the old value).

export function field(label: string, name: string, input: HTMLElement, hint = ''): HTMLElement {
  return h(
    'label',
    { class: 'field', 'data-field': name },
    h('span', { class: 'field-label' }, label),
    input,
    hint ? h('span', { class: 'field-hint' }, hint) : null,
    h('span', { class: 'field-error', 'data-error-for': name, role: 'alert' }),
  );
}

export function textInput(name: string, value: string, attrs: Record<string, string> = {}): HTMLInputElement {
  return h('input', { name, value, autocomplete: 'off', spellcheck: 'false', ...attrs });
}

/** A whole number with its unit after it ("10 seconds"); the browser's spinner keeps to the bounds. */
export function numberInput(name: string, value: number, unit: string, bounds: { min: number; max: number }): HTMLElement {
  return h(
    'span',
    { class: 'unit-input' },
    textInput(name, String(value), { type: 'number', min: String(bounds.min), max: String(bounds.max), step: '1', inputmode: 'numeric' }),
    h('span', { class: 'unit' }, unit),
  );
}

/** A plain choice of a few values as a row of buttons (radio inputs, so the keyboard works as usual). */
export function choiceGroup(name: string, label: string, options: ReadonlyArray<{ value: string; label: string }>, current: string, errorFor: string, hint = ''): HTMLElement {
  return h(
    'div',
    { class: 'field', 'data-field': errorFor, role: 'radiogroup', 'aria-label': label },
    h('span', { class: 'field-label' }, label),
    h(
      'span',
      { class: 'segmented' },
      ...options.map((o) => h('label', { class: 'seg' }, h('input', { type: 'radio', name, value: o.value, checked: o.value === current }), h('span', {}, o.label))),
    ),
    hint ? h('span', { class: 'field-hint' }, hint) : null,
    h('span', { class: 'field-error', 'data-error-for': errorFor, role: 'alert' }),
  );
}

/**
 * Empties a field's error slots. In a field of several inputs (IP address and port) only the slot of
 * the input that changed (`…ip` for `name="ip"`) when it has one: the other may still be wrong.
 */
export function clearFieldErrors(fieldElement: Element, changed: string | null = null): void {
  const slots = [...fieldElement.querySelectorAll<HTMLElement>('[data-error-for]')];
  const own = changed === null ? [] : slots.filter((slot) => slot.dataset.errorFor?.endsWith(`.${changed}`));
  for (const slot of own.length > 0 ? own : slots) slot.textContent = '';
  if (slots.every((slot) => slot.textContent === '')) fieldElement.classList.remove('invalid');
}

/** From now on, an edit inside a field (typing, a pick, a tick) clears that field's error at once. */
export function clearErrorsOnEdit(form: HTMLElement): void {
  const clear = (event: Event): void => {
    const target = event.target as HTMLInputElement;
    const fieldElement = target.closest('[data-field]');
    if (fieldElement) clearFieldErrors(fieldElement, target.name || null);
  };
  form.addEventListener('input', clear);
  form.addEventListener('change', clear);
}
