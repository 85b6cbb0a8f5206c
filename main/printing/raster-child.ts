import { errorText } from '../../common/error-text.js';
import type { TicketDocument } from '../tickets/document.js';
import { renderTicket, type TicketTarget } from '../tickets/render-ticket.js';

// The raster process (raster-process.ts): draws each ticket it is sent and exits when its parent lets
// go of it, giving back the memory Skia and the fonts took.

export type RasterRequest = { id: number; doc: TicketDocument; target: TicketTarget };
export type RasterReply = { id: number; bytes: Uint8Array; warning?: string } | { id: number; error: string };

if (process.send) {
  process.on('message', (request: RasterRequest) => {
    let reply: RasterReply;
    try {
      const { bytes, warning } = renderTicket(request.doc, request.target);
      reply = warning === undefined ? { id: request.id, bytes } : { id: request.id, bytes, warning };
    } catch (err) {
      reply = { id: request.id, error: errorText(err) };
    }
    process.send!(reply);
  });
  process.on('disconnect', () => process.exit(0));
}
