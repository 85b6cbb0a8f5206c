import type { BrowserWindowConstructorOptions } from 'electron';

/** The one origin the window's code is served from (see app-protocol.ts). */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://renderer';
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/** Electron's security checklist, as window options: see SECURITY.md for each line. */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    show: false,
    backgroundColor: '#101418',
    title: 'Kitchen bridge',
    autoHideMenuBar: true,
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: process.env.KITCHEN_BRIDGE_DEVTOOLS === '1',
    },
  };
}
