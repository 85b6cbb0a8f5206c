// V8 flags the core runs with, headless (package.json's `bridge` and `window` scripts, which also
// carry Node's `--v8-pool-size=2`: two background threads, not four, on the small PCs it runs on) and
// under Electron (main/app/main.ts hands them to the utilityProcess). A 1 MiB young generation instead
// of V8's 16: an idle core allocates little, and each MiB of semi-space is RSS held for nothing; a
// kitchen's orders come minutes apart, never at the relay's rates that a larger one serves
// (bench/bridge-idle.ts measures the idle figure). test/integration/build/core-flags.test.ts keeps
// the scripts in step with this list.
export const CORE_V8_FLAGS: readonly string[] = ['--max-semi-space-size=1'];
