import { request } from 'node:http';

// The one IPP operation the CUPS transport needs that CUPS's command-line tools do not answer
// plainly: Get-Job-Attributes for `job-state` (lpstat lists completed, cancelled and aborted jobs
// alike). RFC 8010 encoding, written out because it is a dozen bytes each way.

export type IppJobState = 'pending' | 'held' | 'processing' | 'stopped' | 'canceled' | 'aborted' | 'completed';
const JOB_STATES: Record<number, IppJobState> = { 3: 'pending', 4: 'held', 5: 'processing', 6: 'stopped', 7: 'canceled', 8: 'aborted', 9: 'completed' };

function attribute(tag: number, name: string, value: Buffer): Buffer {
  const head = Buffer.alloc(3);
  head.writeUInt8(tag, 0);
  head.writeUInt16BE(Buffer.byteLength(name), 1);
  const length = Buffer.alloc(2);
  length.writeUInt16BE(value.length);
  return Buffer.concat([head, Buffer.from(name), length, value]);
}

export function getJobAttributesRequest(printerUri: string, jobId: number): Buffer {
  const header = Buffer.from([0x02, 0x00, 0x00, 0x09, 0x00, 0x00, 0x00, 0x01, 0x01]);
  const id = Buffer.alloc(4);
  id.writeInt32BE(jobId);
  return Buffer.concat([
    header,
    attribute(0x47, 'attributes-charset', Buffer.from('utf-8')),
    attribute(0x48, 'attributes-natural-language', Buffer.from('en')),
    attribute(0x45, 'printer-uri', Buffer.from(printerUri)),
    attribute(0x21, 'job-id', id),
    attribute(0x44, 'requested-attributes', Buffer.from('job-state')),
    Buffer.from([0x03]),
  ]);
}

/** `job-state` from a Get-Job-Attributes response; undefined when absent or malformed. */
export function jobStateFromResponse(body: Buffer): IppJobState | undefined {
  let at = 8;
  while (at < body.length) {
    const tag = body[at]!;
    at += 1;
    if (tag === 0x03) return undefined;
    if (tag < 0x10) continue;
    if (at + 2 > body.length) return undefined;
    const nameLength = body.readUInt16BE(at);
    const name = body.subarray(at + 2, at + 2 + nameLength).toString();
    at += 2 + nameLength;
    if (at + 2 > body.length) return undefined;
    const valueLength = body.readUInt16BE(at);
    const value = body.subarray(at + 2, at + 2 + valueLength);
    at += 2 + valueLength;
    if (name === 'job-state' && value.length === 4) return JOB_STATES[value.readInt32BE(0)];
  }
  return undefined;
}

/** Asks the CUPS server at `server` (host:port) for one job's state; undefined when it cannot tell. */
export function queryJobState(server: string, queue: string, jobId: number, timeoutMs: number): Promise<IppJobState | undefined> {
  const [host, port = '631'] = server.split(':') as [string, string | undefined];
  const path = `/printers/${encodeURIComponent(queue)}`;
  const payload = getJobAttributesRequest(`ipp://${server}${path}`, jobId);
  return new Promise((resolve) => {
    const req = request(
      { host, port: Number(port), path, method: 'POST', timeout: timeoutMs, headers: { 'content-type': 'application/ipp', 'content-length': payload.length } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(res.statusCode === 200 ? jobStateFromResponse(Buffer.concat(chunks)) : undefined));
        res.on('error', () => resolve(undefined));
      },
    );
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
    req.end(payload);
  });
}
