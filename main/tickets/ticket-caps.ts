// Limits that keep an absurd order (a 3,000-line note, 500 items, a 250,000-character id) from printing
// metres of paper or taking seconds to lay out: every field klikit sends stops at a sane length and
// says so, and the ticket as a whole stops at about half a metre. The window's copy has higher limits
// (it is where "see screen" points) but limits all the same: a 1 MB note must not stall the window.

import { CATALOGUES } from '../../common/i18n/catalogue.js';

/** Joined by no-break spaces: wrapping moves a cut marker to the next line whole, never "… see" / "screen". */
export const keepTogether = (text: string): string => text.replace(/ /g, '\u00a0');

/** The English markers (each language's come from the catalogue: `ticket.seeScreen`, `ticket.tooLongToShow`). */
export const SEE_SCREEN = keepTogether(CATALOGUES.en['ticket.seeScreen']);
export const TOO_LONG_TO_SHOW = keepTogether(CATALOGUES.en['ticket.tooLongToShow']);

/** At most `chars` characters (code points) and `lines` lines of the sender's text. */
export type FieldCap = { chars: number; lines: number };

export type TicketCaps = {
  /** What a cut field or a cut ticket ends with. */
  cut: string;
  /** Order and operator notes, line comments. */
  note: FieldCap;
  /** Item and modifier names. */
  name: FieldCap;
  /** Brand titles (a cut one still fits a 48-column rule, "..." and all), modifier group names, the item named in an allergy note. */
  label: FieldCap;
  /** What staff call out (the short id or queue number), printed biggest. */
  title: FieldCap;
  /** The aggregator's reference (`external_id`) and the table number. */
  id: FieldCap;
  /** The customer's first name. */
  person: FieldCap;
  vehicle: FieldCap;
  /** Allergy-like line instructions repeated in the NOTES box (each stays under its item too). */
  allergyNotes: number;
  /** The whole ticket in printed lines (tall and big lines count twice); the cart gets what the rest leaves. */
  ticketLines: number;
  /** The cart's lines even when the head of the ticket took more than its share. */
  minCartLines: number;
};

/** 140 lines of 3.75 mm: about half a metre of 80 mm paper. */
export const PAPER_CAPS: TicketCaps = {
  cut: SEE_SCREEN,
  note: { chars: 280, lines: 6 },
  name: { chars: 120, lines: 3 },
  label: { chars: 24, lines: 1 },
  title: { chars: 20, lines: 1 },
  id: { chars: 40, lines: 1 },
  person: { chars: 20, lines: 1 },
  vehicle: { chars: 60, lines: 2 },
  allergyNotes: 4,
  ticketLines: 140,
  minCartLines: 30,
};

/** The window's preview: everything a real order has, bounded so that the window answers at once. */
export const SCREEN_CAPS: TicketCaps = {
  cut: TOO_LONG_TO_SHOW,
  note: { chars: 4000, lines: 80 },
  name: { chars: 400, lines: 8 },
  label: { chars: 120, lines: 2 },
  title: { chars: 40, lines: 2 },
  id: { chars: 120, lines: 2 },
  person: { chars: 40, lines: 1 },
  vehicle: { chars: 200, lines: 4 },
  allergyNotes: 40,
  ticketLines: 1200,
  minCartLines: 600,
};

const NEWLINE = /\r\n|\r|\n/;

/**
 * `text` cut to the field's characters and lines, ending in `cut` when cut. Reads only as much of
 * the text as it can keep (a cap is worth nothing if applying it walks 250,000 characters).
 */
export function capText(text: string, field: FieldCap, cut: string): string {
  const whole = text.trim();
  // A code point is one or two UTF-16 units: this prefix holds every character that can be kept.
  const window = whole.slice(0, 2 * field.chars + 2);
  const lines = window.split(NEWLINE);
  const chars = Array.from(lines.slice(0, field.lines).join('\n'));
  const wasCut = window.length < whole.length || lines.length > field.lines || chars.length > field.chars;
  const kept = chars.slice(0, field.chars).join('').trimEnd();
  return wasCut ? `${kept} ${cut}` : kept;
}

type CappedField = { [K in keyof TicketCaps]: TicketCaps[K] extends FieldCap ? K : never }[keyof TicketCaps];

/** `text` cut to `field`'s cap in `caps`: the one way every printed field from klikit is capped. */
export const capField = (caps: TicketCaps, field: CappedField, text: string): string => capText(text, caps[field], caps.cut);
