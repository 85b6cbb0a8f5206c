import { describe, expect, it } from 'vitest';
import { countAllDay, type AllDayLine } from '../../../main/stats/all-day-counts.js';

const NAMES = { all: 'Every station', unrouted: 'No station takes these' };
const line = (name: string, quantity: number, modifiers: string[] = [], stations: string[] = []): AllDayLine => ({ name, quantity, modifiers, stations });
const STATIONS = [
  { id: 'wok', name: 'Wok' },
  { id: 'bar', name: 'Bar' },
];

describe('all-day counts', () => {
  it('add up each item across orders and count how many portions carry each modifier', () => {
    const counts = countAllDay(
      [
        { lines: [line('Nasi Goreng', 2, ['Spice: Extra pedas']), line('Es Teh', 1)], stationsDone: [] },
        { lines: [line('Nasi Goreng', 4), line('Nasi Goreng', 1, ['Spice: Extra pedas', 'Add: Telur'])], stationsDone: [] },
      ],
      [],
      NAMES,
    );
    expect(counts).toEqual({
      orders: 2,
      stations: [
        {
          id: null,
          name: 'Every station',
          total: 8,
          items: [
            { name: 'Nasi Goreng', count: 7, modifiers: [{ name: 'Spice: Extra pedas', count: 3 }, { name: 'Add: Telur', count: 1 }] },
            { name: 'Es Teh', count: 1, modifiers: [] },
          ],
        },
      ],
    });
  });

  it('count a line under every station that cooks it, leave out what a station bumped, and list lines no station takes last', () => {
    const counts = countAllDay(
      [
        { lines: [line('Mie Goreng', 2, [], ['wok']), line('Es Jeruk', 2, [], ['bar'])], stationsDone: ['bar'] },
        { lines: [line('Mie Goreng', 1, [], ['wok']), line('Es Jeruk', 1, [], ['bar']), line('Kerupuk', 3)], stationsDone: [] },
      ],
      STATIONS,
      NAMES,
    );
    expect(counts.stations.map((s) => [s.id, s.name, s.total, s.items.map((i) => `${i.name}×${i.count}`)])).toEqual([
      ['wok', 'Wok', 3, ['Mie Goreng×3']],
      ['bar', 'Bar', 1, ['Es Jeruk×1']],
      [null, 'No station takes these', 3, ['Kerupuk×3']],
    ]);
  });

  it('show every station, even one with nothing left, and order items by count then name', () => {
    const counts = countAllDay([{ lines: [line('B', 1, [], ['wok']), line('A', 1, [], ['wok']), line('C', 2, [], ['wok'])], stationsDone: [] }], STATIONS, NAMES);
    expect(counts.stations.map((s) => [s.id, s.items.map((i) => i.name)])).toEqual([
      ['wok', ['C', 'A', 'B']],
      ['bar', []],
    ]);
  });

  it('group the same dish however its name is padded, and ignore lines with nothing to cook', () => {
    const counts = countAllDay([{ lines: [line('Sate ', 2), line('Sate', 1), line('Sate', 0, ['x'])], stationsDone: [] }], [], NAMES);
    expect(counts.stations[0]!.items).toEqual([{ name: 'Sate', count: 3, modifiers: [] }]);
  });
});
