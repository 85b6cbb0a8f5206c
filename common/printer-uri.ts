// A printer's `interface` is a URI whose scheme picks the transport. Parsed here once, for the config
// file, the settings screen and the transport, so that a typo is an error naming the key, not a
// failed job. Web-standard globals only (URLSearchParams): the window bundles it too.

export type SerialParity = 'none' | 'even' | 'odd' | 'mark' | 'space';

export type PrinterAddress =
  | { scheme: 'tcp'; host: string; port: number }
  | { scheme: 'file'; path: string }
  | { scheme: 'serial'; path: string; baudRate: number; parity: SerialParity; rtscts: boolean; dataBits: 7 | 8; stopBits: 1 | 2 }
  | { scheme: 'cups'; queue: string; server?: string }
  | { scheme: 'windows'; printerName: string };

const SCHEME_EXAMPLES = [
  'tcp://192.168.1.50:9100',
  'file:///dev/usb/lp0',
  'serial:///dev/ttyUSB0?baud=115200 (or serial://COM3?baud=9600)',
  'cups://QUEUE',
  'windows://Printer Name',
] as const;

const expected = `expected one of ${SCHEME_EXAMPLES.join(', ')}`;

type Parsed = PrinterAddress | { error: string };

/** Reads the query string, refusing keys the scheme does not know. */
function options(query: string, known: readonly string[], scheme: string): URLSearchParams | { error: string } {
  const params = new URLSearchParams(query);
  const unknown = [...params.keys()].find((key) => !known.includes(key));
  if (unknown !== undefined) {
    return { error: `unknown option "${unknown}" in a ${scheme}:// URI; ${known.length ? `known: ${known.join(', ')}` : 'it takes none'}` };
  }
  return params;
}

function parseTcp(target: string, url: string): Parsed {
  const match = /^([^:/\s]+):(\d{1,5})$/.exec(target);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port < 1 || port > 65_535) return { error: `expected tcp://host:port, got "${url}"` };
  return { scheme: 'tcp', host: match[1]!, port };
}

function parseSerial(target: string, query: string): Parsed {
  if (target === '') return { error: 'expected a serial port, e.g. serial:///dev/ttyUSB0?baud=115200 or serial://COM3?baud=9600' };
  const params = options(query, ['baud', 'parity', 'rtscts', 'databits', 'stopbits'], 'serial');
  if ('error' in params) return params;
  const baudRate = Number(params.get('baud') ?? '9600');
  if (!Number.isInteger(baudRate) || baudRate < 300 || baudRate > 4_000_000) return { error: `expected baud=300..4000000, got "${params.get('baud')}"` };
  const parity = params.get('parity') ?? 'none';
  if (!['none', 'even', 'odd', 'mark', 'space'].includes(parity)) return { error: `expected parity=none|even|odd|mark|space, got "${parity}"` };
  const rtscts = params.get('rtscts') ?? 'false';
  if (rtscts !== 'true' && rtscts !== 'false') return { error: `expected rtscts=true|false, got "${rtscts}"` };
  const dataBits = Number(params.get('databits') ?? '8');
  if (dataBits !== 7 && dataBits !== 8) return { error: `expected databits=7|8, got "${params.get('databits')}"` };
  const stopBits = Number(params.get('stopbits') ?? '1');
  if (stopBits !== 1 && stopBits !== 2) return { error: `expected stopbits=1|2, got "${params.get('stopbits')}"` };
  return { scheme: 'serial', path: target, baudRate, parity: parity as SerialParity, rtscts: rtscts === 'true', dataBits, stopBits };
}

export function parsePrinterUri(url: string): Parsed {
  const match = /^([a-z]+):\/\/([^?#]*)(?:\?([^#]*))?$/.exec(url);
  if (!match) return { error: `malformed printer URI "${url}"; ${expected}` };
  const [, scheme, rawTarget, query = ''] = match as unknown as [string, string, string, string | undefined];
  let target: string;
  try {
    target = decodeURIComponent(rawTarget);
  } catch {
    return { error: `malformed escape in printer URI "${url}"` };
  }
  switch (scheme) {
    case 'tcp':
      return query === '' ? parseTcp(target, url) : { error: `a tcp:// URI takes no options, got "${url}"` };
    case 'file':
      return target.startsWith('/') && query === ''
        ? { scheme: 'file', path: target }
        : { error: `expected an absolute device path, e.g. file:///dev/usb/lp0, got "${url}"` };
    case 'serial':
      return parseSerial(target, query);
    case 'cups': {
      const params = options(query, ['server'], 'cups');
      if ('error' in params) return params;
      if (target === '' || /[\s/#]/.test(target)) return { error: `expected a CUPS queue name, e.g. cups://Kitchen, got "${url}"` };
      const server = params.get('server');
      return server ? { scheme: 'cups', queue: target, server } : { scheme: 'cups', queue: target };
    }
    case 'windows':
      return target.trim() === '' || query !== ''
        ? { error: `expected a Windows printer name, e.g. windows://EPSON TM-T82 Receipt, got "${url}"` }
        : { scheme: 'windows', printerName: target };
    default:
      return { error: `unknown printer scheme "${scheme}://"; ${expected}` };
  }
}
