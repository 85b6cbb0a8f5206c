// Child process for crash.test.ts: drives one printer's queue until it is killed.
import { systemClock, systemRandom } from '../../../ground/clock.js';
import { createPrintQueue } from '../../../main/printing/queue.js';
import { createTcpLink } from '../../../main/printing/transports/tcp.js';
import { openDatabase } from '../../../main/store/connection.js';
import { printerConfig, renderStandIn } from './helpers.js';

const [dbPath, url] = process.argv.slice(2);
if (!dbPath || !url) throw new Error('usage: crash-child.ts DB_PATH PRINTER_URL');
const db = openDatabase(dbPath);
const printer = printerConfig('p1', url, { statusProbe: 'off' });
const queue = createPrintQueue({
  db,
  printer,
  link: createTcpLink(url),
  clock: systemClock,
  random: systemRandom,
  render: renderStandIn,
  recheckMs: 50,
});
queue.start();
process.stdout.write('started\n');
