import { countdownText, type AlarmStage } from '../common/acceptance.js';

// Every sentence the acceptance deadlines show, in one place (issue 22 translates them here).

export const ACCEPTANCE_WORDS = {
  /** On a chip, a card and the detail: the time left before the platform cancels the order. */
  left: (leftMs: number, stage: AlarmStage): string => (stage === 'expired' ? 'time is up: accept now' : `${countdownText(leftMs)} left`),
  /** The title of a countdown: what the number means. */
  leftTitle: (provider: string): string => `${provider} cancels this order if nobody accepts it before the time runs out`,
  takeoverTitle: (count: number): string => (count === 1 ? 'ACCEPT THIS ORDER NOW' : `ACCEPT ${count} ORDERS NOW`),
  takeoverWhy: 'The platform cancels it in a moment and counts a missed order against the store.',
  takeoverRelayOnly: 'Accept it on the aggregator’s tablet now: the platform cancels it in a moment.',
  takeoverMore: (n: number): string => `+ ${n} more waiting in the strip above the board`,
  firstCancels: (leftMs: number, stage: AlarmStage): string => (stage === 'expired' ? 'time is up' : `first cancels in ${countdownText(leftMs)}`),
  missedToday: (n: number): string => `${n} missed today`,
  missedTitle: (parts: readonly string[]): string => `Orders the platforms cancelled because nobody accepted them in time, today: ${parts.join(', ')}`,
} as const;

/** The Settings → Kitchen words for the deadlines. */
export const ACCEPTANCE_SETTINGS_WORDS = {
  heading: 'Accepting orders',
  otherLabel: 'Platforms cancel unaccepted orders after',
  otherHint: 'For platforms that publish no figure (every one but Uber Eats, 11.5 minutes). Set a platform\'s own figure below when you know it.',
  providerLabel: (name: string): string => `${name} cancels after`,
  providerHint: 'Empty: the figure the platform publishes, else the one above.',
  warnLabel: 'Louder alarm once this much of the time has gone',
  warnHint: '50 % is half-time.',
  takeoverLabel: 'Fill the screen in the last',
  takeoverHint: 'The waiting order covers the top of the screen with Accept, the sound changes and the computer shows a notification.',
  autoLabel: 'Accept by itself while fewer open orders than',
  autoHint: '0: never. Never accepts an order with an item marked out of stock, and tries each order once.',
} as const;
