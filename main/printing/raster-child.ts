import { errorText } from '../../common/error-text.js';
import type { TicketDocument } from '../tickets/document.js';
import { renderTicket, type TicketTarget } from '../tickets/render-ticket.js';

// The raster process (raster-process.ts): draws each ticket it is sent and exits when its parent lets
// go of it, giving back the memory Skia and the fonts took.

export type RasterRequest = { id: number; doc: TicketDocument; target: TicketTarget };
export type RasterReply = { id: number; bytes: Uint8Array; warning?: string } | { id: number; error: string };

// Skia's glyph caches are kept from one ticket to the next (this process's memory is given back when
// it exits), but emptied every CACHE_TICKETS tickets so that a long burst of new dish names in
// several scripts does not grow them without end.
const CACHE_TICKETS = 50;
let drawn = 0;

if (process.send) {
  process.on('message', (request: RasterRequest) => {
    let reply: RasterReply;
    try {
      drawn += 1;
      const { bytes, warning } = renderTicket(request.doc, request.target, { keepGlyphCache: drawn % CACHE_TICKETS !== 0 });
      reply = warning === undefined ? { id: request.id, bytes } : { id: request.id, bytes, warning };
    } catch (err) {
      reply = { id: request.id, error: errorText(err) };
    }
    process.send!(reply);
  });
  process.on('disconnect', () => process.exit(0));
}
