import { alarmStage, timeLeftMs, type AcceptanceClock, type AlarmStage } from '../common/acceptance.js';
import type { OrderSummary } from '../common/bridge-api.js';
import { h } from './dom.js';
import { ACCEPTANCE_WORDS } from './acceptance-words.js';

// The time a waiting order has left before its platform cancels it. The same element sits on the
// acceptance strip, the card, the detail and the takeover; one tick rewrites every one of them in
// place (its text and its stage colour), so a button beside it is never rebuilt under a finger.

/** The alarm stage of a waiting order now; null when it waits for nobody or its deadline is unknown. */
export function stageOf(order: OrderSummary, now: number): AlarmStage | null {
  return order.waitingForAcceptance && order.acceptBy ? alarmStage(order.acceptBy, now) : null;
}

function paint(el: HTMLElement, clock: AcceptanceClock, now: number): void {
  const stage = alarmStage(clock, now);
  const text = ACCEPTANCE_WORDS.left(timeLeftMs(clock, now), stage);
  if (el.textContent !== text) el.textContent = text;
  if (el.dataset.stage !== stage) {
    el.dataset.stage = stage;
    el.setAttribute('class', `accept-left accept-${stage}`);
  }
}

/** The countdown of a waiting order, or null when it has none. */
export function acceptCountdown(order: OrderSummary, now: number): HTMLElement | null {
  if (!order.waitingForAcceptance || !order.acceptBy) return null;
  const el = h('span', {
    class: 'accept-left',
    'data-accept-by': JSON.stringify(order.acceptBy),
    title: ACCEPTANCE_WORDS.leftTitle(order.provider),
  });
  paint(el, order.acceptBy, now);
  return el;
}

/** Rewrites every countdown under `root` for `now`. */
export function tickCountdowns(root: ParentNode, now: number): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-accept-by]')) {
    paint(el, JSON.parse(el.dataset.acceptBy!) as AcceptanceClock, now);
  }
}
