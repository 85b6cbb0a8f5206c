import type { PrinterLink, PrinterStatus, SendOutcome, TransportCapabilities } from '../../../main/printing/types.js';

// A scripted transport for the unit tests of what sits above a link (the queue, the test print).

/** A printer device file or serial port: status read, receipt not proven. */
export const DEVICE: TransportCapabilities = { readsStatus: true, confirms: false, receiptProof: false };
/** TCP: status read, the close handshake proves receipt. */
export const STREAM: TransportCapabilities = { readsStatus: true, confirms: false, receiptProof: true };
export const SPOOLER: TransportCapabilities = { readsStatus: true, confirms: true, receiptProof: true };
export const BLIND_SPOOLER: TransportCapabilities = { readsStatus: false, confirms: true, receiptProof: true };

/** A link whose probes answer from `statuses` in turn (the last one repeats); `sent` records each job. */
export function fakeLink(capabilities: TransportCapabilities, statuses: PrinterStatus[], outcome: SendOutcome): PrinterLink & { sent: Buffer[] } {
  const sent: Buffer[] = [];
  return {
    capabilities,
    sent,
    probe: async () => (statuses.length > 1 ? statuses.shift()! : statuses[0]!),
    send: async (bytes) => (sent.push(bytes), outcome),
    close: async () => undefined,
  };
}
