import { parseArgs } from 'node:util';
import { createVirtualPrinter } from './virtual-printer.js';

// `npx tsx dev/virtual-printer/cli.ts --port 9100 --out DIR [--dialect star]`: a printer for the demo.

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    out: { type: 'string' },
    dialect: { type: 'string', default: 'epson' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`--port: expected a port number, got "${values.port}"`);
  process.exit(2);
}
if (values.dialect !== 'epson' && values.dialect !== 'star') {
  console.error(`--dialect: expected epson or star, got "${values.dialect}"`);
  process.exit(2);
}

const printer = await createVirtualPrinter({
  host: values.host,
  port,
  dialect: values.dialect,
  ...(values.out ? { outDir: values.out } : {}),
});
printer.events.on('ticket', (ticket: { text: string }) => {
  console.log(`--- ticket ${printer.tickets().length} ---\n${ticket.text}`);
});
console.log(`virtual printer listening on ${printer.url}`);

const shutdown = (): void => {
  void printer.stop().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
