import type { ScreenGrant } from '../../common/screen-grant.js';
import { SCREEN_WORDS, type ScreenWords } from './words.js';

// What each kind of screen may ask the bridge, enforced by the screen server per connection whatever
// the page does. Settings, secrets, diagnostics, printer discovery and tests, and pairing are the
// desktop window's alone. A station's bump is always its own station's; expo hands orders out
// (ready, picked up) but does not accept or reject; a pickup board reads ready numbers only.

/** `words`: the refusals in the screen's language, asked only when refusing. */
type ArgsCheck = (args: unknown, grant: ScreenGrant, words: () => ScreenWords) => { ok: true; args: unknown } | { ok: false; error: string };
type Allowed = Readonly<Record<string, ArgsCheck>>;

const asIs: ArgsCheck = (args) => ({ ok: true, args });
const record = (args: unknown): Record<string, unknown> => (typeof args === 'object' && args !== null ? (args as Record<string, unknown>) : {});

/** Expo hands out whole orders: a station's bump is that station's screen's, never expo's. */
const handsOut: ArgsCheck = (args, _grant, words) => {
  const a = record(args);
  return ['ready', 'picked_up'].includes(String(a.action)) ? { ok: true, args: { ...a, station: undefined } } : { ok: false, error: words().expoRefused };
};

/** A station's bump marks its own lines done: the station comes from the credential, not the page. */
const ownStation: ArgsCheck = (args, grant, words) => {
  const a = record(args);
  if (a.action !== 'ready') return { ok: false, error: words().stationRefused };
  return { ok: true, args: { ...a, station: grant.kind === 'station' ? grant.station : undefined } };
};

/** A station undoes its own bump only: the station comes from the credential, not the page. */
const ownRecall: ArgsCheck = (args, grant) => ({ ok: true, args: { ...record(args), station: grant.kind === 'station' ? grant.station : undefined } });

const BOARD: Allowed = { listOrders: asIs, getOrder: asIs, getHealth: asIs, recallAction: asIs };
/** "86": whoever sees the dish run out marks it, on any screen that shows lines. */
const STOCK: Allowed = { markOutOfStock: asIs, restoreItem: asIs, listOutOfStock: asIs, searchItems: asIs };

export const ALLOWED_METHODS: Readonly<Record<Exclude<ScreenGrant['kind'], 'desktop'>, Allowed>> = {
  counter: { ...BOARD, ...STOCK, acknowledgeOrder: asIs, orderAction: asIs, reprint: asIs, listProblems: asIs, allDayCounts: asIs, dayInNumbers: asIs },
  expo: { ...BOARD, ...STOCK, acknowledgeOrder: asIs, orderAction: handsOut, allDayCounts: asIs },
  station: { ...BOARD, ...STOCK, orderAction: ownStation, recallAction: ownRecall, allDayCounts: asIs },
  // Ready numbers and providers only (the pickup board's own method, renderer helper's contract).
  pickup: { pickupBoard: asIs },
};

export type Permission = { ok: true; args: unknown } | { ok: false; error: string };

/** Whether this grant may call `method` with `args`, and the arguments to pass on (a station's own id); a refusal in `words`' language. */
export function permit(grant: ScreenGrant, method: string, args: unknown, words: () => ScreenWords = () => SCREEN_WORDS): Permission {
  if (grant.kind === 'desktop') return { ok: true, args };
  const check = Object.hasOwn(ALLOWED_METHODS[grant.kind], method) ? ALLOWED_METHODS[grant.kind][method] : undefined;
  if (check) return check(args, grant, words);
  // Words for whoever looks at the screen; the refused method is the server's log's business.
  return { ok: false, error: method === 'getSettings' || method === 'saveSettings' ? words().settingsRefused : words().refused };
}
