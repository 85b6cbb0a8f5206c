import { createRequire } from 'node:module';

// The Windows spooler API (winspool.drv) through koffi, kept to the calls a RAW job needs so it can
// be read line by line. Only ever imported on Windows (windows.ts loads it lazily). Calls are
// synchronous on purpose: GetLastError belongs to the calling thread, and an async koffi call runs
// on a worker thread whose error we could not read; the spooler answers these from its own queue.

/** The spooler as windows.ts uses it: a fake implements this in the tests. */
export interface Winspool {
  /** A printer handle, or null (see lastError). */
  openPrinter(name: string): unknown;
  /** The spooler's job id, or 0 on failure. */
  startDocPrinter(handle: unknown, docName: string, datatype: 'RAW'): number;
  startPagePrinter(handle: unknown): boolean;
  /** Bytes the spooler took, or null on failure. */
  writePrinter(handle: unknown, bytes: Buffer): number | null;
  endPagePrinter(handle: unknown): boolean;
  endDocPrinter(handle: unknown): boolean;
  closePrinter(handle: unknown): boolean;
  /** JOB_INFO_1.Status of the job, or null when the spooler no longer has it (see lastError). */
  jobStatus(handle: unknown, jobId: number): number | null;
  lastError(): number;
  /** Names of the local and connected printers (EnumPrinters level 4). */
  printerNames(): string[];
}

// Required here, not imported: in a bundle (esbuild), an imported external is loaded when the bundle
// starts, so every bridge and CLI would load koffi's native library on every platform.
type Koffi = typeof import('koffi');

export function bindWinspool(): Winspool {
  const koffi = createRequire(import.meta.url)('koffi') as Koffi;
  const spool = koffi.load('winspool.drv');
  const kernel32 = koffi.load('kernel32.dll');
  // Named types, referred to by name in the prototypes below.
  koffi.pointer('HANDLE', koffi.opaque());
  koffi.struct('DOC_INFO_1W', { pDocName: 'str16', pOutputFile: 'str16', pDatatype: 'str16' });
  const SYSTEMTIME = koffi.struct('SYSTEMTIME', {
    wYear: 'uint16', wMonth: 'uint16', wDayOfWeek: 'uint16', wDay: 'uint16',
    wHour: 'uint16', wMinute: 'uint16', wSecond: 'uint16', wMilliseconds: 'uint16',
  });
  const JOB_INFO_1W = koffi.struct('JOB_INFO_1W', {
    JobId: 'uint32', pPrinterName: 'void *', pMachineName: 'void *', pUserName: 'void *', pDocument: 'void *',
    pDatatype: 'void *', pStatus: 'void *', Status: 'uint32', Priority: 'uint32', Position: 'uint32',
    TotalPages: 'uint32', PagesPrinted: 'uint32', Submitted: SYSTEMTIME,
  });
  const OpenPrinterW = spool.func('int __stdcall OpenPrinterW(str16 pPrinterName, _Out_ HANDLE *phPrinter, void *pDefault)');
  const StartDocPrinterW = spool.func('uint32 __stdcall StartDocPrinterW(HANDLE hPrinter, uint32 Level, DOC_INFO_1W *pDocInfo)');
  const StartPagePrinter = spool.func('int __stdcall StartPagePrinter(HANDLE hPrinter)');
  const WritePrinter = spool.func('int __stdcall WritePrinter(HANDLE hPrinter, const uint8_t *pBuf, uint32 cbBuf, _Out_ uint32 *pcWritten)');
  const EndPagePrinter = spool.func('int __stdcall EndPagePrinter(HANDLE hPrinter)');
  const EndDocPrinter = spool.func('int __stdcall EndDocPrinter(HANDLE hPrinter)');
  const ClosePrinter = spool.func('int __stdcall ClosePrinter(HANDLE hPrinter)');
  const GetJobW = spool.func('int __stdcall GetJobW(HANDLE hPrinter, uint32 JobId, uint32 Level, _Out_ uint8_t *pJob, uint32 cbBuf, _Out_ uint32 *pcbNeeded)');
  const PRINTER_INFO_4W = koffi.struct('PRINTER_INFO_4W', { pPrinterName: 'str16', pServerName: 'str16', Attributes: 'uint32' });
  const EnumPrintersW = spool.func('int __stdcall EnumPrintersW(uint32 Flags, str16 Name, uint32 Level, _Out_ uint8_t *pPrinterEnum, uint32 cbBuf, _Out_ uint32 *pcbNeeded, _Out_ uint32 *pcReturned)');
  const PRINTER_ENUM_LOCAL = 0x2;
  const PRINTER_ENUM_CONNECTIONS = 0x4;
  const GetLastError = kernel32.func('uint32 __stdcall GetLastError()');

  return {
    openPrinter(name) {
      const handle: unknown[] = [null];
      return OpenPrinterW(name, handle, null) ? handle[0] : null;
    },
    startDocPrinter: (handle, docName, datatype) =>
      StartDocPrinterW(handle, 1, { pDocName: docName, pOutputFile: null, pDatatype: datatype }) as number,
    startPagePrinter: (handle) => StartPagePrinter(handle) !== 0,
    writePrinter(handle, bytes) {
      const written = [0];
      return WritePrinter(handle, bytes, bytes.length, written) ? written[0]! : null;
    },
    endPagePrinter: (handle) => EndPagePrinter(handle) !== 0,
    endDocPrinter: (handle) => EndDocPrinter(handle) !== 0,
    closePrinter: (handle) => ClosePrinter(handle) !== 0,
    jobStatus(handle, jobId) {
      const needed = [0];
      GetJobW(handle, jobId, 1, null, 0, needed);
      if (needed[0] === 0) return null;
      const info = Buffer.alloc(needed[0]!);
      if (!GetJobW(handle, jobId, 1, info, info.length, needed)) return null;
      return (koffi.decode(info, JOB_INFO_1W) as { Status: number }).Status;
    },
    lastError: () => GetLastError() as number,
    printerNames() {
      const flags = PRINTER_ENUM_LOCAL | PRINTER_ENUM_CONNECTIONS;
      const needed = [0];
      const returned = [0];
      EnumPrintersW(flags, null, 4, null, 0, needed, returned);
      if (needed[0] === 0) return [];
      const list = Buffer.alloc(needed[0]!);
      if (!EnumPrintersW(flags, null, 4, list, list.length, needed, returned)) return [];
      const infos = koffi.decode(list, koffi.array(PRINTER_INFO_4W, returned[0]!)) as { pPrinterName: string }[];
      return infos.map((info) => info.pPrinterName);
    },
  };
}
