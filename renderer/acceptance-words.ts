import { countdownText, type AlarmStage } from '../common/acceptance.js';
import { ltr } from './bidi.js';
import { fmt, t } from './i18n.js';

// Every sentence the acceptance deadlines show, in one place; the words are in the catalogues
// (common/i18n/board), read when shown so they follow the window's language.

export const ACCEPTANCE_WORDS = {
  /** On a chip, a card and the detail: the time left before the platform cancels the order. */
  left: (leftMs: number, stage: AlarmStage): string => (stage === 'expired' ? t('board.accept.timeUpAcceptNow') : t('board.accept.left', { left: ltr(countdownText(leftMs)) })),
  /** The title of a countdown: what the number means. */
  leftTitle: (provider: string): string => t('board.accept.leftTitle', { provider }),
  takeoverTitle: (count: number): string => t('board.takeover.title', { count }),
  takeoverWhy: (): string => t('board.takeover.why'),
  takeoverRelayOnly: (): string => t('board.takeover.relayOnly'),
  takeoverMore: (count: number): string => t('board.takeover.more', { count }),
  firstCancels: (leftMs: number, stage: AlarmStage): string => (stage === 'expired' ? t('board.accept.timeUp') : t('board.accept.firstCancels', { left: ltr(countdownText(leftMs)) })),
  missedToday: (count: number): string => t('board.missed.today', { count }),
  missedTitle: (byProvider: ReadonlyArray<{ provider: string; count: number }>): string =>
    t('board.missed.title', { providers: fmt().list(byProvider.map((p) => t('board.missed.provider', p))) }),
} as const;
