// A short two-tone chime repeated while any order is unacknowledged (when the setting is on).
// Web Audio needs no asset file and so no loosening of the CSP.

export function createChime(intervalMs = 4000) {
  let timer: number | undefined;
  let context: AudioContext | undefined;

  function ring(): void {
    context ??= new AudioContext();
    const start = context.currentTime;
    for (const [offset, freq] of [[0, 880], [0.25, 660]] as const) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.2, start + offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.22);
      osc.connect(gain).connect(context.destination);
      osc.start(start + offset);
      osc.stop(start + offset + 0.23);
    }
  }

  return {
    set(active: boolean): void {
      if (active && timer === undefined) {
        ring();
        timer = window.setInterval(ring, intervalMs);
      } else if (!active && timer !== undefined) {
        window.clearInterval(timer);
        timer = undefined;
      }
    },
  };
}
