// The ticket as a printer-independent document: what to say and how loudly, never how many columns.
// Layout (wrapping, alignment) happens per paper width when a renderer turns it into lines.

import type { StatusTable } from '../klikit/enums.js';
import type { StationPrinter } from '../routing/routes.js';

export type TicketKind = 'new' | 'update' | 'cancel' | 'reprint' | 'test';
export type PaperWidth = 48 | 42 | 32;

/** `tall` doubles the height only; `wide` and `big` also double the width, halving the columns. */
export type TextSize = 'normal' | 'tall' | 'wide' | 'big';
export type Align = 'left' | 'center' | 'right';
export type TextStyle = { bold?: boolean; size?: TextSize; align?: Align; struck?: boolean };

export type TicketBlock =
  /** `indent` applies to every wrapped line, `hang` only to continuation lines (both in columns). */
  | { type: 'text'; text: string; style?: TextStyle; indent?: number; hang?: number }
  /** A full-width inverted bar; the plain-text preview shows it as `***** TEXT *****`. */
  | { type: 'banner'; text: string; size?: TextSize }
  | { type: 'rule'; char: '-' | '='; title?: string }
  | { type: 'feed'; lines: number }
  | { type: 'cut' };

export type TicketDocument = {
  kind: TicketKind;
  /** klikit's order id; null for a test print without an order. */
  orderId: number | null;
  /** The id staff call out, as printed (e.g. `#2217`). */
  title: string;
  /** The paper the ticket was built for; renderers may be asked for another width. */
  width: PaperWidth;
  copies: number;
  blocks: TicketBlock[];
  /** Some field or the cart was cut to fit the caps (the ticket says "… see screen" there). */
  capped?: boolean;
  /** Arabic: lines read from the right, so the raster ticket aligns them to the right edge. */
  direction?: 'rtl';
};

export type TicketOptions = {
  width: PaperWidth;
  /** IANA zone for times on the ticket; the machine's zone when absent. */
  timeZone?: string;
  possibleDuplicate?: boolean;
  copies?: number;
  statusTable?: StatusTable;
  /** When this ticket is printed (ISO-8601, from the injected clock): shown on REPRINT and TEST tickets. */
  printedAt?: string;
  /** The printer this ticket is for and every configured printer: a routed printer gets only its lines. */
  station?: { printerId: string; printers: readonly StationPrinter[] };
  /** The window's copy: higher caps on every field and on the ticket's length (paper stops at about half a metre and says "see screen"). */
  forScreen?: boolean;
  /** Names of the order's lines whose item was marked out of stock when it arrived: an OUT OF STOCK box before the items. */
  outOfStock?: readonly string[];
  /** Printed on a backup printer: the name of the station whose printer was held, whose cook this ticket is for. */
  backupFor?: string;
  /** The ticket's language (a BCP 47 tag: `th`, `id-ID`); English when absent or not one we speak. */
  language?: string;
};

export const sizeIsWide = (size: TextSize | undefined): boolean => size === 'wide' || size === 'big';
