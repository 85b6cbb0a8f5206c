import { DEFAULT_BACKUP_AFTER_SECONDS } from '../common/backup-chain.js';
import { BACKUP_AFTER_SECONDS_MAX, BACKUP_AFTER_SECONDS_MIN, type PrinterSettings } from '../common/settings.js';
import { h, replaceChildren } from './dom.js';
import { field, numberInput } from './form-fields.js';
import { t } from './i18n.js';

// Settings → Printers: which printer takes this one's tickets when it is held (out of paper, cover
// open, off) longer than the grace, and the grace. Only saved printers can be chosen: a backup is named
// by the id a printer gets when it is saved.

export type BackupChoice = { id: string; name: string };

export type BackupField = {
  elements: HTMLElement[];
  read(): Pick<PrinterSettings, 'backup' | 'backupAfterSeconds'>;
  /** The other saved printers, by id and name. */
  redraw(choices: readonly BackupChoice[]): void;
};

const NO_BACKUP = '';

export function backupField(p: PrinterSettings | null, errorSlot: (key: string) => string): BackupField {
  let chosen = p?.backup ?? NO_BACKUP;
  const select = h('select', { name: 'backup', onchange: () => (chosen = select.value) });
  const seconds = numberInput('backupAfterSeconds', p?.backupAfterSeconds ?? DEFAULT_BACKUP_AFTER_SECONDS, t('settings.unit.seconds'), { min: BACKUP_AFTER_SECONDS_MIN, max: BACKUP_AFTER_SECONDS_MAX });
  const secondsInput = seconds.querySelector('input')!;

  function redraw(choices: readonly BackupChoice[]): void {
    // A backup that is not among the printers any more stays shown until changed: saving says what is wrong.
    const missing = chosen !== NO_BACKUP && !choices.some((c) => c.id === chosen) ? [{ id: chosen, name: chosen }] : [];
    replaceChildren(
      select,
      h('option', { value: NO_BACKUP, selected: chosen === NO_BACKUP }, t('settings.backup.none')),
      ...[...choices, ...missing].map((c) => h('option', { value: c.id, selected: c.id === chosen }, c.name)),
    );
    select.value = chosen;
  }
  redraw([]);

  return {
    elements: [
      field(t('settings.backup.label'), errorSlot('backup'), select, t('settings.backup.hint')),
      field(t('settings.backup.afterLabel'), errorSlot('backupAfterSeconds'), seconds, t('settings.backup.afterHint')),
    ],
    read() {
      const after = Number(secondsInput.value.trim());
      return { ...(chosen !== NO_BACKUP ? { backup: chosen } : {}), ...(after !== DEFAULT_BACKUP_AFTER_SECONDS ? { backupAfterSeconds: after } : {}) };
    },
    redraw,
  };
}
