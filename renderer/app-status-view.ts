import type { BridgeApi } from '../common/bridge-api.js';
import type { UpdateState } from '../common/update-state.js';
import { h, replaceChildren } from './dom.js';
import { t } from './i18n.js';

// "This app" in Settings: the version, what the auto-updater is doing, and "Export diagnostics"
// (the archive support asks for; the main process opens its folder). Self-contained: it fetches
// its own state and re-renders on the `app-status` push.

/** The update state as one sentence for staff. */
function updateLine(state: UpdateState): string {
  const v = state.version ?? '';
  switch (state.phase) {
    case 'idle':
      return t('settings.app.update.idle');
    case 'checking':
      return t('settings.app.update.checking');
    case 'current':
      return t('settings.app.update.current');
    case 'downloading':
      return state.percent === null ? t('settings.app.update.downloading', { version: v }) : t('settings.app.update.downloadingPercent', { version: v, percent: state.percent / 100 });
    case 'ready':
      return t('settings.app.update.ready', { version: v, detail: state.detail });
    case 'installing':
      return t('settings.app.update.installing', { version: v });
    case 'error':
      return t('settings.app.update.error', { detail: state.detail });
    case 'disabled':
      return state.detail;
  }
}

export function createAppStatusView(el: HTMLElement, bridge: BridgeApi): { refresh(): Promise<void> } {
  const version = h('p', { class: 'app-version', id: 'app-version' });
  const update = h('p', { class: 'app-update', id: 'app-update', 'aria-live': 'polite' });
  const result = h('p', { class: 'export-result', id: 'export-result', role: 'status' });
  const exportButton = h('button', { type: 'button', id: 'export-diagnostics' });
  const heading = h('h2', {});
  exportButton.addEventListener('click', () => void exportDiagnostics());
  replaceChildren(el, heading, version, update, h('div', { class: 'export-row' }, exportButton, result));

  async function exportDiagnostics(): Promise<void> {
    exportButton.disabled = true;
    replaceChildren(result, t('settings.app.collecting'));
    const outcome = await bridge.exportDiagnostics();
    exportButton.disabled = false;
    const ok = outcome.ok && outcome.value.ok;
    const message = outcome.ok ? outcome.value.message : outcome.error;
    replaceChildren(result, message);
    result.dataset.ok = String(ok);
  }

  return {
    async refresh(): Promise<void> {
      // The view is made before the window's language is known: its fixed words are set when it is shown.
      heading.textContent = t('settings.app.heading');
      exportButton.textContent = t('settings.app.export');
      const status = await bridge.getAppStatus();
      if (!status.ok) {
        replaceChildren(update, status.error);
        return;
      }
      replaceChildren(version, t('settings.app.version', { version: status.value.currentVersion }));
      replaceChildren(update, updateLine(status.value));
      update.dataset.phase = status.value.phase;
    },
  };
}
