import { h } from './dom.js';
import { fmt } from './i18n.js';
import { s } from './svg.js';

// Bar charts drawn as plain SVG by our own code: a few dozen rectangles need no charting library, the
// window's CSP allows no inline script or style a library might inject, and the colours and sizes stay
// the board's own. Columns for days, horizontal bars for stations and providers.

export type Column = { label: string; value: number; /** Drawn behind `value`, lighter (p90 behind p50). */ behind?: number; text?: string };

const W = 480;
const H = 190;
const TOP = 22;
const BOTTOM = 24;
/** Room for the scale's labels ("30 min"). */
const LEFT = 58;

/** A round number a bit above `max` for the scale, so the tallest bar never touches the top. */
export function niceMax(max: number): number {
  // Halves of these read as whole numbers too: the scale is labelled at half and at the top.
  if (max <= 2) return 2;
  const step = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 4, 6, 8, 10]) if (m * step >= max) return m * step;
  return 10 * step;
}

export type ChartText = {
  title: string;
  /** What an empty period says instead of an empty frame. */
  empty: string;
  /** A value on the scale as staff read it ("20 min", "4"). */
  scale: (value: number) => string;
  /** Names of the front and the back bar, when there are two. */
  legend?: { front: string; behind: string };
};

/** Two swatches naming the dark and the light bar. */
function legendOf(legend: ChartText['legend']): HTMLElement | null {
  if (!legend) return null;
  return h(
    'span',
    { class: 'legend' },
    h('span', { class: 'swatch front' }),
    legend.front,
    h('span', { class: 'swatch behind' }),
    legend.behind,
  );
}

export function columnChart(text: ChartText, columns: readonly Column[], kind: string): HTMLElement {
  const title = text.title;
  const top = Math.max(0, ...columns.map((c) => Math.max(c.value, c.behind ?? 0)));
  if (top === 0) return h('figure', { class: `chart-box chart-${kind}` }, h('figcaption', {}, title), h('p', { class: 'empty' }, text.empty));
  const max = niceMax(top);
  const slot = (W - LEFT) / Math.max(1, columns.length);
  const barWidth = Math.max(2, Math.min(56, slot * 0.7));
  const plot = H - TOP - BOTTOM;
  const y = (v: number): number => TOP + plot - (v / max) * plot;
  // Every label while they fit, else every k-th so that they never overlap.
  const labelEvery = Math.max(1, Math.ceil(columns.length / Math.floor((W - LEFT) / 44)));
  const showValues = columns.length <= 14;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': title, class: `chart chart-${kind}` });
  for (const v of [max / 2, max]) {
    svg.append(s('line', { x1: LEFT, x2: W, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(s('text', { x: LEFT - 6, y: y(v) + 5, class: 'label', 'text-anchor': 'end' }, text.scale(v)));
  }
  svg.append(s('line', { x1: LEFT, x2: W, y1: TOP + plot, y2: TOP + plot, class: 'axis' }));
  columns.forEach((c, i) => {
    const x = LEFT + i * slot + (slot - barWidth) / 2;
    if (c.behind !== undefined && c.behind > 0) svg.append(s('rect', { x, y: y(c.behind), width: barWidth, height: TOP + plot - y(c.behind), class: 'bar behind', rx: 2 }));
    if (c.value > 0) svg.append(s('rect', { x, y: y(c.value), width: barWidth, height: TOP + plot - y(c.value), class: 'bar', rx: 2 }, s('title', {}, `${c.label}: ${c.text ?? fmt().number(c.value)}`)));
    if (showValues && (c.value > 0 || (c.behind ?? 0) > 0)) {
      svg.append(s('text', { x: x + barWidth / 2, y: y(Math.max(c.value, c.behind ?? 0)) - 5, class: 'value', 'text-anchor': 'middle' }, c.text ?? fmt().number(c.value)));
    }
    if (i % labelEvery === 0) svg.append(s('text', { x: x + barWidth / 2, y: H - 6, class: 'label', 'text-anchor': 'middle' }, c.label));
  });
  return h('figure', { class: 'chart-box' }, h('figcaption', {}, title, legendOf(text.legend)), svg);
}

export type Bar = { label: string; value: number; behind?: number; text: string };

/** One row per station or provider: its name, the bar, and the figure in words at the end. */
export function barList(text: Pick<ChartText, 'title' | 'empty' | 'legend'>, bars: readonly Bar[]): HTMLElement {
  const { title, empty } = text;
  const max = niceMax(Math.max(0, ...bars.map((b) => Math.max(b.value, b.behind ?? 0))));
  // The track is 100 units wide: a bar's width is its share of the scale.
  const width = (v: number): string => ((v / max) * 100).toFixed(1);
  return h(
    'figure',
    { class: 'chart-box' },
    h('figcaption', {}, title, legendOf(text.legend)),
    bars.length === 0
      ? h('p', { class: 'empty' }, empty)
      : h(
          'div',
          { class: 'bar-list' },
          ...bars.flatMap((b) => {
            const track = s('svg', { class: 'bar-track', viewBox: '0 0 100 10', preserveAspectRatio: 'none', 'aria-hidden': 'true' });
            if (b.behind !== undefined) track.append(s('rect', { x: 0, y: 0, height: 10, width: width(b.behind), class: 'bar behind' }));
            track.append(s('rect', { x: 0, y: 0, height: 10, width: width(b.value), class: 'bar' }));
            return [h('span', { class: 'bar-label' }, b.label), track, h('span', { class: 'bar-value' }, b.text)];
          }),
        ),
  );
}
