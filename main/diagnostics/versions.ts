import packageJson from '../../package.json' with { type: 'json' };

// Versions support needs to reproduce a report: ours and the runtime's (Electron's and Chrome's
// when under Electron). SQLite's own version is in database.json, read through the open connection.

export const APP_VERSION: string = packageJson.version;

export function runtimeVersions(): Record<string, string> {
  const runtime = (['node', 'electron', 'chrome', 'v8', 'modules', 'napi'] as const).flatMap((key) => {
    const version = process.versions[key];
    return version ? [[key, version] as const] : [];
  });
  return { app: APP_VERSION, ...Object.fromEntries(runtime), platform: `${process.platform} ${process.arch}` };
}
