// Child process for backup-crash.test.ts: a kitchen printer with the bar as its backup, driven until killed.
import { systemClock, systemRandom } from '../../../ground/clock.js';
import { createPrinterManager } from '../../../main/printing/printer-manager.js';
import { openDatabase } from '../../../main/store/connection.js';
import { backupPrinters, renderStandIn } from './helpers.js';

const [dbPath, kitchenUrl, barUrl] = process.argv.slice(2);
if (!dbPath || !kitchenUrl || !barUrl) throw new Error('usage: backup-crash-child.ts DB_PATH KITCHEN_URL BAR_URL');
const manager = createPrinterManager({
  db: openDatabase(dbPath),
  printers: backupPrinters(kitchenUrl, barUrl),
  clock: systemClock,
  random: systemRandom,
  render: renderStandIn,
  recheckMs: 50,
});
manager.start();
process.stdout.write('started\n');
