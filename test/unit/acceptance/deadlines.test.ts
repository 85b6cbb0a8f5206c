import { describe, expect, it } from 'vitest';
import { ACCEPTANCE_DEFAULTS, acceptanceClock, alarmStage, countdownText, deadlineMinutesFor, timeLeftMs, worstStage } from '../../../common/acceptance.js';
import { DEFAULT_SETTINGS, validateSettings } from '../../../common/settings.js';
import { parseConfig } from '../../../main/core/config.js';

const UBER_EATS = 2;
const GRABFOOD = 6;
const PLACED = '2026-12-07T10:00:00.000Z';
const at = (iso: string): number => Date.parse(iso);

describe('acceptance deadlines per provider', () => {
  it('use the published figure (Uber Eats 11.5 min), else the default of 10 min, and a configured figure over both', () => {
    expect(deadlineMinutesFor(UBER_EATS, ACCEPTANCE_DEFAULTS)).toBe(11.5);
    expect(deadlineMinutesFor(GRABFOOD, ACCEPTANCE_DEFAULTS)).toBe(10);
    expect(deadlineMinutesFor(null, ACCEPTANCE_DEFAULTS)).toBe(10);
    const configured = { ...ACCEPTANCE_DEFAULTS, deadlineMinutes: { '2': 9, '6': 5 }, otherProvidersMinutes: 8 };
    expect(deadlineMinutesFor(UBER_EATS, configured)).toBe(9);
    expect(deadlineMinutesFor(GRABFOOD, configured)).toBe(5);
    expect(deadlineMinutesFor(99, configured)).toBe(8);
  });

  it('count down from klikit’s created_at, and from the bridge’s first sight when that is earlier', () => {
    const clock = acceptanceClock(PLACED, '2026-12-07T10:01:30.000Z', UBER_EATS, ACCEPTANCE_DEFAULTS)!;
    expect(clock).toEqual({
      placedAt: PLACED,
      warnAt: '2026-12-07T10:05:45.000Z',
      urgentAt: '2026-12-07T10:09:30.000Z',
      cancelsAt: '2026-12-07T10:11:30.000Z',
    });
    expect(timeLeftMs(clock, at('2026-12-07T10:01:30.000Z'))).toBe(10 * 60_000);
    // klikit's clock ahead of ours: never more time than the platform gives.
    const skewed = acceptanceClock('2026-12-07T10:03:00.000Z', PLACED, GRABFOOD, ACCEPTANCE_DEFAULTS)!;
    expect(skewed.cancelsAt).toBe('2026-12-07T10:10:00.000Z');
    expect(acceptanceClock(null, PLACED, GRABFOOD, ACCEPTANCE_DEFAULTS)!.cancelsAt).toBe('2026-12-07T10:10:00.000Z');
    expect(acceptanceClock('garbage', 'garbage', GRABFOOD, ACCEPTANCE_DEFAULTS)).toBeNull();
  });

  it('escalate at the configured share of the time and in the last minutes, then expire', () => {
    const clock = acceptanceClock(PLACED, PLACED, GRABFOOD, { ...ACCEPTANCE_DEFAULTS, warnAtShare: 0.3, takeoverMinutes: 3 })!;
    expect(alarmStage(clock, at('2026-12-07T10:02:59.999Z'))).toBe('calm');
    expect(alarmStage(clock, at('2026-12-07T10:03:00.000Z'))).toBe('warning');
    expect(alarmStage(clock, at('2026-12-07T10:06:59.999Z'))).toBe('warning');
    expect(alarmStage(clock, at('2026-12-07T10:07:00.000Z'))).toBe('urgent');
    expect(alarmStage(clock, at('2026-12-07T10:10:00.000Z'))).toBe('expired');
    // A takeover longer than the half-time point: the warning never comes after it.
    const short = acceptanceClock(PLACED, PLACED, GRABFOOD, { ...ACCEPTANCE_DEFAULTS, deadlineMinutes: { '6': 3 } })!;
    expect(short.warnAt <= short.urgentAt).toBe(true);
    expect(worstStage(['calm', 'urgent', 'warning'])).toBe('urgent');
    expect(worstStage([])).toBeNull();
  });

  it('read as minutes and seconds, rounded up, never below 0:00', () => {
    expect(countdownText(7 * 60_000 + 4_001)).toBe('7:05');
    expect(countdownText(59_000)).toBe('0:59');
    expect(countdownText(1)).toBe('0:01');
    expect(countdownText(-5_000)).toBe('0:00');
  });
});

describe('acceptance configuration', () => {
  const base = { relay: { url: 'wss://relay.example.com/v1/bridge', token: 't' }, printers: [], dataDir: '/tmp/unused' };

  it('defaults in the config file and merges what is given', () => {
    const file = parseConfig(base);
    if (!file.ok) throw new Error(file.error);
    expect(file.config.acceptance).toEqual(ACCEPTANCE_DEFAULTS);
    const given = parseConfig({ ...base, acceptance: { deadlineMinutes: { '6': 7 }, autoAcceptBelowOpenOrders: 3 } });
    if (!given.ok) throw new Error(given.error);
    expect(given.config.acceptance).toEqual({ ...ACCEPTANCE_DEFAULTS, deadlineMinutes: { '6': 7 }, autoAcceptBelowOpenOrders: 3 });
  });

  it('refuses an unknown key, naming it, in the config file and in Settings', () => {
    const file = parseConfig({ ...base, acceptance: { takeoverMinute: 2 } });
    expect(file.ok).toBe(false);
    if (!file.ok) expect(file.error).toMatch(/acceptance.*takeoverMinute/);
    const provider = parseConfig({ ...base, acceptance: { deadlineMinutes: { grab: 5 } } });
    expect(provider.ok).toBe(false);
    const saved = validateSettings(DEFAULT_SETTINGS, { kitchen: { ...DEFAULT_SETTINGS.kitchen, acceptance: { ...ACCEPTANCE_DEFAULTS, autoAccept: 3 } } });
    expect(saved).toEqual({ ok: false, errors: [{ field: 'kitchen.acceptance.autoAccept', message: 'is not a setting' }] });
    const bad = validateSettings(DEFAULT_SETTINGS, { kitchen: { ...DEFAULT_SETTINGS.kitchen, acceptance: { ...ACCEPTANCE_DEFAULTS, takeoverMinutes: 0 } } });
    expect(bad).toEqual({ ok: false, errors: [{ field: 'kitchen.acceptance.takeoverMinutes', message: 'at least half a minute' }] });
  });
});
