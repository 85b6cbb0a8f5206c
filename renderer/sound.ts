// A short two-tone chime repeated while any order is unacknowledged (when the setting is on). As a
// waiting order's deadline nears it gets louder and quicker (`warning`), and in the last minutes it
// turns into a different, harsher alarm (`urgent`) a cook recognises without looking.
// Web Audio needs no asset file and so no loosening of the CSP.

export type AlarmLevel = 'normal' | 'warning' | 'urgent';

type Tone = { offset: number; freq: number; type: OscillatorType };
const SOUNDS: Record<AlarmLevel, { tones: Tone[]; gain: number; length: number; everyMs: number }> = {
  normal: { tones: [{ offset: 0, freq: 880, type: 'sine' }, { offset: 0.25, freq: 660, type: 'sine' }], gain: 0.2, length: 0.22, everyMs: 4000 },
  warning: { tones: [{ offset: 0, freq: 880, type: 'sine' }, { offset: 0.25, freq: 660, type: 'sine' }], gain: 0.5, length: 0.22, everyMs: 2000 },
  urgent: {
    tones: [0, 0.18, 0.36, 0.54].map((offset, i) => ({ offset, freq: i % 2 === 0 ? 1320 : 990, type: 'square' as const })),
    gain: 0.6,
    length: 0.15,
    everyMs: 1500,
  },
};

export function createChime() {
  let timer: number | undefined;
  let playing: AlarmLevel | null = null;
  let context: AudioContext | undefined;

  function ring(level: AlarmLevel): void {
    context ??= new AudioContext();
    const sound = SOUNDS[level];
    const start = context.currentTime;
    for (const tone of sound.tones) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = tone.type;
      osc.frequency.value = tone.freq;
      gain.gain.setValueAtTime(sound.gain, start + tone.offset);
      gain.gain.exponentialRampToValueAtTime(0.001, start + tone.offset + sound.length);
      osc.connect(gain).connect(context.destination);
      osc.start(start + tone.offset);
      osc.stop(start + tone.offset + sound.length + 0.01);
    }
  }

  return {
    /** `level`: how pressing the most pressing order is; a change of level rings the new sound at once. */
    set(active: boolean, level: AlarmLevel = 'normal'): void {
      const wanted = active ? level : null;
      if (wanted === playing) return;
      window.clearInterval(timer);
      timer = undefined;
      playing = wanted;
      if (wanted === null) return;
      ring(wanted);
      timer = window.setInterval(() => ring(wanted), SOUNDS[wanted].everyMs);
    },
  };
}
