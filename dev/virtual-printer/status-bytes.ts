// What an Epson printer answers to DLE EOT n in each simulated state (ESC/POS reference, "Transmit
// real-time status"). Written from the manual's bit tables, independently of main/printing/status.ts,
// so that the tests of the decoder check it against the printer rather than against itself.

export type SimulatedState = 'ok' | 'paper-out' | 'cover-open';

const FIXED = 0x12; // bits 1 and 4 are fixed on in every answer
const OFFLINE = 0x08; // n=1 bit 3
const COVER_OPEN = 0x04; // n=2 bit 2
const PAPER_END_STOP = 0x20; // n=2 bit 5
const PAPER_END_SENSOR = 0x60; // n=4 bits 5-6
const PAPER_NEAR_END_SENSOR = 0x0c; // n=4 bits 2-3

export function statusAnswer(state: SimulatedState, n: number): number {
  switch (n) {
    case 1:
      return state === 'ok' ? FIXED : FIXED | OFFLINE;
    case 2:
      if (state === 'cover-open') return FIXED | COVER_OPEN;
      return state === 'paper-out' ? FIXED | PAPER_END_STOP : FIXED;
    case 4:
      return state === 'paper-out' ? FIXED | PAPER_END_SENSOR | PAPER_NEAR_END_SENSOR : FIXED;
    default:
      return FIXED;
  }
}
