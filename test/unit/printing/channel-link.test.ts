import { describe, expect, it } from 'vitest';
import { STATUS_REQUEST } from '../../../main/printing/status.js';
import { createChannelLink, type ByteChannel } from '../../../main/printing/transports/channel-link.js';

// A printer behind a byte channel that answers every status request with four status bytes. After a
// job whose image held a DLE EOT, the answer to it comes in late: after the line looked quiet, right in
// front of the answer to the real status request, shifting it by a byte.

const READY = [0x16, 0x12, 0x12, 0x12];
const COVER_OPEN = [0x16, 0x16, 0x12, 0x12];

function fakePrinter(answer: () => number[]): { channel: ByteChannel; staleAnswers: number[] } {
  let input: number[] = [];
  const staleAnswers: number[] = [];
  const channel: ByteChannel = {
    readable: true,
    async write(bytes) {
      if (bytes.equals(STATUS_REQUEST)) input.push(...staleAnswers.splice(0), ...answer());
      else staleAnswers.push(0x16);
    },
    async read(count) {
      const taken = input.slice(0, count);
      input = input.slice(count);
      return Buffer.from(taken);
    },
    async discardInput() {
      input = [];
    },
    async close() {},
  };
  return { channel, staleAnswers };
}

function linkOver(channel: ByteChannel) {
  return createChannelLink({
    open: async () => ({ ok: true, channel }),
    capabilities: { readsStatus: true, confirms: false, receiptProof: false },
    statusTimeoutMs: 500,
    writeTimeoutMs: () => 1_000,
    keepOpen: true,
  });
}

describe('the status after a job over a byte channel', () => {
  it('is not a fault read from a late answer to a DLE EOT inside the job', async () => {
    const { channel } = fakePrinter(() => READY);
    const link = linkOver(channel);
    expect(await link.send(Buffer.from([0x1d, 0x76, 0x30, 0x10, 0x04, 0x01]))).toEqual({ ok: true });
    await expect(link.probe()).resolves.toEqual({ state: 'ready' });
  });

  it('is a fault the printer still reports when asked again', async () => {
    const { channel } = fakePrinter(() => COVER_OPEN);
    const link = linkOver(channel);
    await link.send(Buffer.from([0x1d, 0x76, 0x30, 0x10, 0x04, 0x01]));
    await expect(link.probe()).resolves.toEqual({ state: 'cover-open' });
  });
});
