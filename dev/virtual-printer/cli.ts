import { parseArgs } from 'node:util';
import { CLONE_MOTION, EPSON_TM_L90_MOTION, EPSON_TM_T88_MOTION, type PaperMotion } from './escpos-decoder.js';
import { createVirtualPrinter } from './virtual-printer.js';

// `npx tsx dev/virtual-printer/cli.ts --port 9100 --out DIR [--dialect star] [--motion clone|tm-t88|tm-l90]`:
// a printer for the demo; `--motion` picks whose paper feed it has (one dot per ESC J unit, or half).

const MOTIONS: Record<string, PaperMotion> = { clone: CLONE_MOTION, 'tm-t88': EPSON_TM_T88_MOTION, 'tm-l90': EPSON_TM_L90_MOTION };

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '9100' },
    host: { type: 'string', default: '127.0.0.1' },
    out: { type: 'string' },
    dialect: { type: 'string', default: 'epson' },
    motion: { type: 'string', default: 'clone' },
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

const motion = MOTIONS[values.motion];
if (!motion) {
  console.error(`--motion: expected clone, tm-t88 or tm-l90, got "${values.motion}"`);
  process.exit(2);
}

const printer = await createVirtualPrinter({
  host: values.host,
  port,
  dialect: values.dialect,
  motion,
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
