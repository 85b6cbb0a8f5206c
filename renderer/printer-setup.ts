import type { BridgeApi, PrinterCandidate, RouteChoices } from '../common/bridge-api.js';
import {
  DEFAULT_NETWORK_PORT,
  networkPartsOf,
  networkPrinterAddress,
  printerDeviceKey,
  printerAddressLabel,
  printerIdFromName,
  SERIAL_SPEEDS,
  serialSpeedOf,
  withSerialSpeed,
} from '../common/printer-choice.js';
import { parsePrinterUri } from '../common/printer-uri.js';
import type { FieldError, PrinterSettings } from '../common/settings.js';
import { h, replaceChildren } from './dom.js';
import { choiceGroup, clearFieldErrors, field, textInput } from './form-fields.js';
import { readRoutes, routesEditor } from './routes-editor.js';
import { backupField, type BackupChoice } from './backup-field.js';
import { fmt, t } from './i18n.js';
import { languageSelect } from './language-select.js';

// Settings → Printers, for an owner with a printer and no manual: each printer is picked from the
// ones this computer reaches ("USB printer (lp0)"), or is a network printer given by its IP address,
// and can print a test page before anything is saved. The address itself stays under "Advanced" for
// integrators, and the technical id is derived from the name and never shown to be typed.

export type PrinterSetupContext = { bridge: BridgeApi; routeChoices: RouteChoices };

/** The Printers part of the settings form. */
export type PrinterSection = {
  element: HTMLElement;
  /** The printers as the form shows them, and what must be fixed before they can be saved. */
  read(): { printers: PrinterSettings[]; errors: FieldError[] };
  /** After a save: each printer keeps the id it was saved under, whatever it is renamed to later. */
  adoptSaved(printers: readonly PrinterSettings[]): void;
};

/** The printers this computer reaches: null while they are being looked for. */
type Finder = { found: PrinterCandidate[] | null; problem: string };

type Mode = 'none' | 'found' | 'network' | 'custom';

type Resolved = { ok: true; uri: string } | { ok: false; error: FieldError };

type PrinterRow = {
  element: HTMLFieldSetElement;
  /** The printer as the row shows it, under `id`, or what must be fixed first. */
  read(id: string): { printer: PrinterSettings; error: FieldError | null };
  name(): string;
  /** The physical printer its address names (printerDeviceKey), or null while it has none. */
  deviceKey(): string | null;
  /** The id it was saved under; null until it is saved. */
  savedId(): string | null;
  adoptId(id: string): void;
  redrawChoices(): void;
  setIndex(index: number): void;
};

let rowSerial = 0;

// Examples of what to type, the same in every language; addresses read left to right in every language.
const EXAMPLE_IP = '192.168.1.50';
const EXAMPLE_ADDRESS = 'tcp://192.168.1.50:9100';

const paperChoices = (): Array<{ value: string; label: string }> => [
  { value: '48', label: t('settings.printer.paper80') },
  { value: '32', label: t('settings.printer.paper58') },
];
const typeChoices = (): Array<{ value: string; label: string }> => [
  { value: 'epson', label: t('settings.printer.typeEpson') },
  { value: 'star', label: t('settings.printer.typeStar') },
];

type RowHooks = {
  remove(): void;
  lookAgain(): Promise<void>;
  /** The name of another printer of the form set up at this device, if any. */
  takenBy(deviceKey: string): string | null;
  /** This printer's address or name changed: the others' lists say which printers are taken. */
  changed(): void;
  /** The other saved printers, that this one may name as its backup. */
  backupChoices(): BackupChoice[];
};

function printerRow(p: PrinterSettings | null, index: number, ctx: PrinterSetupContext, finder: Finder, hooks: RowHooks): PrinterRow {
  const uid = ++rowSerial;
  let at = index;
  let savedId = p?.id ?? null;
  const errorSlot = (key: string): string => `printers.${at}.${key}`;
  let mode: Mode = 'none';
  /** The address in `found` and `custom` modes; a network printer's comes from its IP and port. */
  let address = p?.interface ?? '';

  const legend = h('legend', {}, p?.name || t('settings.printer.new'));
  const nameInput = textInput('name', p?.name ?? '', { 'aria-label': t('settings.printer.nameLabel'), placeholder: t('settings.printer.namePlaceholder') });
  const choice = h('select', { name: 'printer-choice', 'aria-label': t('settings.printer.printer') });
  const lookAgain = h('button', { type: 'button', class: 'look-again', title: t('settings.printer.lookAgainTitle') }, t('settings.printer.lookAgain'));
  const note = h('span', { class: 'field-hint', 'data-finder-note': '' });
  const network = networkPartsOf(address);
  const ipInput = textInput('ip', network?.ip ?? '', { 'aria-label': t('settings.printer.ip'), placeholder: EXAMPLE_IP, inputmode: 'decimal', dir: 'ltr' });
  const portInput = textInput('port', network && network.port !== DEFAULT_NETWORK_PORT ? String(network.port) : '', { 'aria-label': t('settings.printer.port'), placeholder: String(DEFAULT_NETWORK_PORT), inputmode: 'numeric', class: 'port', dir: 'ltr' });
  const speed = h('select', { name: 'speed', 'aria-label': t('settings.printer.speedLabel') }, ...SERIAL_SPEEDS.map((baud) => h('option', { value: String(baud) }, t('settings.printer.baud', { baud: String(baud) }))));
  const raw = textInput('interface', address, { 'aria-label': t('settings.printer.addressLabel'), placeholder: EXAMPLE_ADDRESS, dir: 'ltr' });
  const result = h('span', { class: 'test-result', 'data-test-result': p?.id ?? 'new', role: 'status' });
  const testButton = h('button', { type: 'button', class: 'test-print' }, t('settings.printer.test'));

  const networkField = h(
    'div',
    { class: 'field network-field', 'data-field': errorSlot('ip') },
    h('span', { class: 'field-label' }, t('settings.printer.ip')),
    h('span', { class: 'ip-port' }, ipInput, h('span', { class: 'port-label' }, t('settings.printer.portLabel')), portInput),
    h('span', { class: 'field-hint' }, t('settings.printer.ipHint', { port: String(DEFAULT_NETWORK_PORT) })),
    h('span', { class: 'field-error', 'data-error-for': errorSlot('ip'), role: 'alert' }),
    h('span', { class: 'field-error', 'data-error-for': errorSlot('port'), role: 'alert' }),
  );
  const speedField = field(t('settings.printer.speed'), errorSlot('speed'), speed, t('settings.printer.speedHint'));
  const pickerField = h(
    'div',
    { class: 'field', 'data-field': errorSlot('interface') },
    h('span', { class: 'field-label' }, t('settings.printer.printer')),
    h('span', { class: 'printer-choice' }, choice, lookAgain),
    note,
    h('span', { class: 'field-error', 'data-error-for': errorSlot('interface'), role: 'alert' }),
  );

  const candidates = (): PrinterCandidate[] => finder.found ?? [];
  const candidateFor = (uri: string): PrinterCandidate | undefined => {
    const key = printerDeviceKey(uri);
    return key === null ? undefined : candidates().find((c) => printerDeviceKey(c.uri) === key);
  };

  /** What an address is, as the list shows it. */
  function classify(uri: string): Mode {
    if (uri === '') return 'none';
    if (networkPartsOf(uri)) return 'network';
    return candidateFor(uri) ? 'found' : 'custom';
  }

  function resolve(): Resolved {
    switch (mode) {
      case 'none':
        return { ok: false, error: { field: errorSlot('interface'), message: t('settings.printer.choose') } };
      case 'network': {
        const typed = networkPrinterAddress(ipInput.value, portInput.value);
        return typed.ok ? { ok: true, uri: typed.uri } : { ok: false, error: { field: errorSlot(typed.field), message: t(typed.key, typed.values) } };
      }
      default: {
        const parsed = parsePrinterUri(address);
        return 'error' in parsed ? { ok: false, error: { field: errorSlot('interface'), message: t('settings.printer.addressInvalid', { detail: parsed.error }) } } : { ok: true, uri: address };
      }
    }
  }

  function candidateLabel(c: PrinterCandidate): string {
    const key = printerDeviceKey(c.uri);
    const other = key === null ? null : hooks.takenBy(key);
    const label = printerAddressLabel(c.uri, t);
    return other === null ? label : t('settings.printer.taken', { printer: label, other });
  }

  /** A device address that parses but is not among the printers found: unplugged, switched off, or typed. */
  const notFound = (): boolean => mode === 'custom' && finder.found !== null && !('error' in parsePrinterUri(address));

  function drawChoices(): void {
    const found = finder.found;
    replaceChildren(
      choice,
      h('option', { value: '' }, t('settings.printer.chooseOption')),
      found === null
        ? h('option', { disabled: true, value: 'looking' }, t('settings.printer.looking'))
        : found.length === 0
          ? h('option', { disabled: true, value: 'nothing' }, t('settings.printer.noneFoundOption'))
          : h('optgroup', { label: t('settings.printer.foundGroup') }, ...found.map((c) => h('option', { value: c.uri }, candidateLabel(c)))),
      h('option', { value: 'network' }, t('settings.printer.networkOption')),
      mode === 'custom' ? h('option', { value: 'custom' }, notFound() ? t('settings.printer.notFoundNow', { printer: printerAddressLabel(address, t) }) : printerAddressLabel(address, t)) : null,
    );
    choice.value = mode === 'found' ? candidateFor(address)!.uri : mode === 'none' ? '' : mode;
  }

  function drawNote(): void {
    const found = finder.found;
    const detail = mode === 'found' ? candidateFor(address)?.detail ?? '' : '';
    note.textContent =
      finder.problem !== '' ? finder.problem
      : found === null ? t('settings.printer.looking')
      : notFound() ? t('settings.printer.notConnected')
      : found.length === 0 && mode === 'none' ? t('settings.printer.noneFound')
      : detail;
  }

  /** Shows what the mode needs; `keepRaw` while someone types the address itself. */
  function sync(keepRaw = false): void {
    networkField.hidden = mode !== 'network';
    const baud = mode === 'found' ? serialSpeedOf(address) : null;
    speedField.hidden = baud === null;
    if (baud !== null) speed.value = String(baud);
    drawChoices();
    drawNote();
    if (!keepRaw) {
      const resolved = resolve();
      raw.value = resolved.ok ? resolved.uri : mode === 'network' ? '' : address;
    }
  }

  function redrawChoices(): void {
    if (mode === 'found' || mode === 'custom') mode = classify(address);
    sync(true);
  }

  /** After someone changed this printer: its own fields, then the others' lists. */
  function edited(keepRaw = false): void {
    sync(keepRaw);
    hooks.changed();
  }

  choice.addEventListener('change', () => {
    const value = choice.value;
    if (value === '' || value === 'network' || value === 'custom') {
      mode = value === '' ? 'none' : value;
      if (mode === 'none') address = '';
    } else {
      mode = 'found';
      address = value;
    }
    result.textContent = '';
    edited();
    if (mode === 'network') ipInput.focus();
  });
  speed.addEventListener('change', () => {
    address = withSerialSpeed(address, Number(speed.value));
    edited();
  });
  for (const input of [ipInput, portInput]) input.addEventListener('input', () => edited());
  raw.addEventListener('input', () => {
    // The typed address replaces the choice and the IP address above, and with them what was wrong with them.
    clearFieldErrors(pickerField);
    clearFieldErrors(networkField);
    address = raw.value.trim();
    mode = classify(address);
    const parts = networkPartsOf(address);
    if (parts) {
      ipInput.value = parts.ip;
      portInput.value = parts.port === DEFAULT_NETWORK_PORT ? '' : String(parts.port);
    }
    edited(true);
  });
  nameInput.addEventListener('input', () => {
    legend.textContent = nameInput.value.trim() || t('settings.printer.new');
    hooks.changed();
  });
  lookAgain.addEventListener('click', () => void hooks.lookAgain());

  const checked = (name: string): string => row.querySelector<HTMLInputElement>(`input[name="${name}-${uid}"]:checked`)?.value ?? '';
  const target = (): { type: PrinterSettings['type']; width: PrinterSettings['width'] } => ({
    type: checked('type') as PrinterSettings['type'],
    width: Number(checked('width')) as PrinterSettings['width'],
  });

  const idNote = (): string => (savedId ? t('settings.printer.idSaved', { id: savedId }) : t('settings.printer.idNew'));
  const advancedHint = h('span', { class: 'field-hint' }, idNote());

  testButton.addEventListener('click', async () => {
    const resolved = resolve();
    if (!resolved.ok) {
      result.textContent = resolved.error.message;
      result.classList.remove('ok');
      result.classList.add('bad');
      return;
    }
    testButton.disabled = true;
    result.textContent = t('settings.printer.testing');
    result.classList.remove('ok', 'bad');
    const r = await ctx.bridge.testPrintCandidate({ interface: resolved.uri, ...target() });
    const outcome = r.ok ? r.value : { ok: false, message: r.error };
    testButton.disabled = false;
    result.textContent = outcome.message;
    result.classList.toggle('ok', outcome.ok);
    result.classList.toggle('bad', !outcome.ok);
  });

  const backup = backupField(p, errorSlot);
  const language = languageSelect('ticket-language', p?.language ?? '', { value: '', label: t('settings.printer.languageWindow') });
  const row = h(
    'fieldset',
    { class: 'printer-row', 'data-printer-index': index },
    legend,
    field(t('settings.printer.name'), errorSlot('name'), nameInput, t('settings.printer.nameHint')),
    pickerField,
    networkField,
    speedField,
    choiceGroup(`width-${uid}`, t('settings.printer.paper'), paperChoices(), String(p?.width ?? 48), errorSlot('width'), t('settings.printer.paperHint')),
    choiceGroup(`type-${uid}`, t('settings.printer.type'), typeChoices(), p?.type ?? 'epson', errorSlot('type'), t('settings.printer.typeHint')),
    field(t('settings.printer.copies'), errorSlot('copies'), textInput('copies', String(p?.copies ?? 1), { type: 'number', min: '1', max: '5' })),
    field(t('settings.printer.language'), errorSlot('language'), language, t('settings.printer.languageHint')),
    ...backup.elements,
    h('div', { class: 'printer-actions' }, testButton, result),
    h(
      'details',
      { class: 'advanced' },
      h('summary', {}, t('settings.printer.advanced')),
      h(
        'label',
        { class: 'field' },
        h('span', { class: 'field-label' }, t('settings.printer.address')),
        raw,
        h('span', { class: 'field-hint' }, t('settings.printer.addressHint')),
        advancedHint,
      ),
    ),
    routesEditor(index, p?.routes, ctx.routeChoices),
    h('div', { class: 'printer-foot' }, h('button', { type: 'button', class: 'remove-printer', onclick: () => hooks.remove() }, t('settings.printer.remove'))),
  );

  mode = classify(address);
  sync();
  return {
    element: row,
    name: () => nameInput.value.trim(),
    deviceKey() {
      const resolved = resolve();
      return resolved.ok ? printerDeviceKey(resolved.uri) : null;
    },
    savedId: () => savedId,
    adoptId(id) {
      savedId = id;
      result.dataset.testResult = id;
      advancedHint.textContent = idNote();
    },
    read(id) {
      const resolved = resolve();
      const routes = readRoutes(row);
      const copies = Number(row.querySelector<HTMLInputElement>('input[name="copies"]')!.value.trim());
      return {
        printer: {
          id,
          name: nameInput.value.trim(),
          interface: resolved.ok ? resolved.uri : '',
          ...target(),
          copies,
          ...(routes ? { routes } : {}),
          ...backup.read(),
          ...(language.value !== '' ? { language: language.value } : {}),
        },
        error: resolved.ok ? null : resolved.error,
      };
    },
    redrawChoices() {
      redrawChoices();
      backup.redraw(hooks.backupChoices());
    },
    setIndex(index) {
      at = index;
      row.dataset.printerIndex = String(index);
      for (const el of row.querySelectorAll<HTMLElement>('[data-error-for], [data-field]')) {
        for (const attr of ['errorFor', 'field'] as const) {
          const value = el.dataset[attr];
          if (value) el.dataset[attr] = value.replace(/^printers\.\d+\./, `printers.${index}.`);
        }
      }
    },
  };
}

/**
 * The printers' own errors (no printer chosen, a mistyped IP address) first, and the schema's errors
 * without those about an address a printer's own error already explains ("malformed printer URI").
 */
export function withPrinterErrors(own: readonly FieldError[], schema: readonly FieldError[]): FieldError[] {
  const explained = new Set(own.map((e) => e.field.split('.').slice(0, 2).join('.')));
  return [...own, ...schema.filter((e) => !(/^printers\.\d+\.interface/.test(e.field) && explained.has(e.field.split('.').slice(0, 2).join('.'))))];
}

export function printerSection(printers: readonly PrinterSettings[], ctx: PrinterSetupContext): PrinterSection {
  const finder: Finder = { found: null, problem: '' };
  const list = h('div', { class: 'printer-list' });
  const summary = h('p', { class: 'printer-summary', 'data-found-summary': '' });
  let rows: PrinterRow[] = [];

  /** What was found, above the list: the owner sees at once whether the printer is reachable at all. */
  function summarise(): void {
    const found = finder.found;
    summary.textContent =
      found === null ? t('settings.printers.looking')
      : found.length === 0 ? t('settings.printers.noneFound')
      : t('settings.printers.found', { printers: fmt().list(found.map((c) => printerAddressLabel(c.uri, t))) });
    summary.append(' ', t('settings.printers.addEach'));
  }

  let lookups = 0;
  async function lookAgain(): Promise<void> {
    const lookup = ++lookups;
    finder.found = null;
    finder.problem = '';
    for (const row of rows) row.redrawChoices();
    summarise();
    const r = await ctx.bridge.discoverPrinters();
    // Only the latest look counts: an earlier, slower answer must not replace it.
    if (lookup !== lookups) return;
    finder.found = r.ok ? r.value : [];
    finder.problem = r.ok ? '' : t('settings.printers.listFailed', { reason: r.error });
    for (const row of rows) row.redrawChoices();
    summarise();
  }

  function addRow(p: PrinterSettings | null): PrinterRow {
    // The row asks its hooks while it is being built, before `row` is set: it is not in `rows` yet then.
    let row: PrinterRow | null = null;
    const others = (): PrinterRow[] => rows.filter((r) => r !== row);
    const hooks: RowHooks = {
      remove() {
        rows = others();
        row?.element.remove();
        rows.forEach((r, i) => r.setIndex(i));
        for (const r of rows) r.redrawChoices();
      },
      lookAgain,
      takenBy(key) {
        const other = others().find((r) => r.deviceKey() === key);
        return other ? other.name() || t('settings.printer.another') : null;
      },
      changed() {
        for (const r of others()) r.redrawChoices();
      },
      backupChoices: () => others().flatMap((r) => {
        const id = r.savedId();
        return id === null ? [] : [{ id, name: r.name() || id }];
      }),
    };
    const built = printerRow(p, rows.length, ctx, finder, hooks);
    row = built;
    rows.push(built);
    list.append(built.element);
    return built;
  }

  for (const p of printers) addRow(p);
  void lookAgain();

  const element = h(
    'section',
    { class: 'printer-setup', 'aria-label': t('settings.printers.heading') },
    h('h2', {}, t('settings.printers.heading')),
    summary,
    list,
    h('button', {
      type: 'button',
      id: 'add-printer',
      onclick: () => {
        const row = addRow(null);
        row.element.querySelector<HTMLInputElement>('input[name="name"]')?.focus();
      },
    }, t('settings.printers.add')),
  );

  return {
    element,
    read() {
      const taken = new Set(rows.flatMap((r) => r.savedId() ?? []));
      const errors: FieldError[] = [];
      const read = rows.map((r) => {
        let id = r.savedId();
        if (id === null) {
          id = printerIdFromName(r.name(), taken);
          taken.add(id);
        }
        const { printer, error } = r.read(id);
        if (error) errors.push(error);
        return printer;
      });
      return { printers: read, errors };
    },
    adoptSaved(saved) {
      rows.forEach((r, i) => {
        const id = saved[i]?.id;
        if (id) r.adoptId(id);
      });
      // A printer saved just now can be chosen as another's backup.
      for (const r of rows) r.redrawChoices();
    },
  };
}
