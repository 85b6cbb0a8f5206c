import type { OrderSummary } from '../common/bridge-api.js';

// Which orders are on the board and which ask for someone: the chime, the title count and the
// highlight all read these two rules, so they stop together when the order leaves the board by any
// route (bumped here, finished or cancelled elsewhere, acknowledged).

/** On the board: in the kitchen's hands, or cancelled and not yet acknowledged (a VOID card). */
export const onBoard = (o: OrderSummary): boolean => o.active || o.attention === 'void';

/** Asks for someone now: waiting for acceptance, or new, edited or cancelled and not acknowledged. */
export const alerting = (o: OrderSummary): boolean => onBoard(o) && (o.waitingForAcceptance || o.attention !== null);

/** A card a tap acknowledges (rather than opens). */
export const needsAck = (o: OrderSummary): boolean => onBoard(o) && o.attention !== null;
