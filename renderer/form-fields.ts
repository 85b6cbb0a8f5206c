import { h } from './dom.js';

// The settings form's building blocks: a labelled field with its hint and the slot its error goes
// in (`data-error-for`, the path the settings schema names), and a plain text input.

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
