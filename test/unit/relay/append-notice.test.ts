import { describe, expect, it } from 'vitest';
import { parseAppendNotice } from '../../../relay/store/postgres/append-listener.js';

describe('append notice payloads', () => {
  it('reads node, branch and seq from the right, so a node id may hold colons', () => {
    expect(parseAppendNotice('node-a:7:42')).toEqual({ nodeId: 'node-a', notice: { branchId: 7, seq: 42 } });
    expect(parseAppendNotice('host:8080:7:42')).toEqual({ nodeId: 'host:8080', notice: { branchId: 7, seq: 42 } });
    expect(parseAppendNotice(':7:42')).toEqual({ nodeId: '', notice: { branchId: 7, seq: 42 } });
  });

  it('refuses anything else', () => {
    for (const payload of ['', '42', '7:42', 'a:b:42', 'a:7:', 'a:7:4.5', 'a:7:99999999999999999999']) {
      expect(parseAppendNotice(payload), payload).toBeUndefined();
    }
  });
});
