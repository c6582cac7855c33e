import { percent, rate, seconds, setting } from '../formatValues.js';
import type { ChartData, ChartThreshold, ChartUnit } from './chartData.js';
import { escapeHtml } from './escapeHtml.js';

const WIDTH = 360;
const HEIGHT = 150;
const LEFT = 56;
const RIGHT = 8;
const TOP = 8;
const BOTTOM = 20;
const PLOT_WIDTH = WIDTH - LEFT - RIGHT;
const PLOT_HEIGHT = HEIGHT - TOP - BOTTOM;

/** The smallest top of the axis per unit, so a flat near-zero line does not fill the chart. */
const MIN_TOP: Readonly<Record<ChartUnit, number>> = { 'requests/s': 1, ratio: 0.01, seconds: 0.001 };

function axisLabel(unit: ChartUnit, value: number): string {
  if (unit === 'ratio') return percent(value);
  if (unit === 'seconds') return value === 0 ? '0' : seconds(value);
  return rate(value);
}

/** What a threshold line stands for: `ErrorBudgetBurn above 7.2%: page if it lasts 1h`. */
function thresholdTitle(threshold: ChartThreshold): string {
  const lasting = threshold.window === undefined ? '' : ` if it lasts ${threshold.window}`;
  return `${threshold.alert} above ${setting(threshold.signal, threshold.value)}: ${threshold.severity}${lasting}`;
}

/** The next of 1, 2, 2.5, 5 times a power of ten at or above `value`. */
export function niceCeiling(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value * (1 - 1e-12)) return step * power;
  return 10 * power;
}

function clock(millis: number): string {
  return new Date(millis).toTimeString().slice(0, 8);
}

const n = (value: number) => value.toFixed(1);

/**
 * One chart as inline SVG: a line per series over the snapshot times, gaps where a value is `null`,
 * each of the service's alert levels dashed (a page's and a ticket's apart). The data drawn is on the element as JSON (`data-series`); each drawn point is
 * one `M` or `L` command of its series' path.
 */
export function svgChart(chart: ChartData): string {
  const values = chart.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const levels = chart.thresholds.map((t) => t.value);
  const top = niceCeiling(Math.max(MIN_TOP[chart.unit], ...levels, ...values));
  const first = chart.times[0] ?? 0;
  const last = chart.times.at(-1) ?? 0;
  const span = last - first;
  const x = (t: number) => LEFT + (span > 0 ? ((t - first) / span) * PLOT_WIDTH : PLOT_WIDTH);
  const y = (v: number) => TOP + PLOT_HEIGHT - (Math.min(v, top) / top) * PLOT_HEIGHT;

  const parts: string[] = [];
  for (const fraction of [0, 0.5, 1]) {
    const at = n(y(top * fraction));
    parts.push(
      `<line class="grid" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at}" y2="${at}"/>`,
      `<text class="axis" x="${LEFT - 4}" y="${at}" text-anchor="end" dominant-baseline="middle">${escapeHtml(axisLabel(chart.unit, top * fraction))}</text>`,
    );
  }
  if (chart.times.length > 0) {
    parts.push(
      `<text class="axis" x="${LEFT}" y="${HEIGHT - 4}">${clock(first)}</text>`,
      `<text class="axis" x="${WIDTH - RIGHT}" y="${HEIGHT - 4}" text-anchor="end">${clock(last)}</text>`,
    );
  }
  for (const threshold of chart.thresholds) {
    const at = n(y(threshold.value));
    parts.push(
      `<line class="threshold ${threshold.severity}" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${at}" y2="${at}">` +
        `<title>${escapeHtml(thresholdTitle(threshold))}</title></line>`,
    );
  }
  chart.series.forEach((series, i) => {
    let d = '';
    let run = 0;
    series.values.forEach((v, j) => {
      if (v === null) {
        if (run === 1) d += 'h0'; // a lone point: a dot, drawn by the round line cap
        run = 0;
        return;
      }
      d += `${run === 0 ? 'M' : 'L'}${n(x(chart.times[j] ?? first))} ${n(y(v))}`;
      run++;
    });
    if (run === 1) d += 'h0';
    parts.push(`<path class="series s${i}" data-name="${escapeHtml(series.name)}" d="${d}"/>`);
  });
  const label = `${chart.title}: ${chart.series.map((s) => s.name).join(', ')}`;
  return (
    `<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-label="${escapeHtml(label)}" ` +
    `data-chart="${chart.id}" data-series="${escapeHtml(JSON.stringify(chart))}">${parts.join('')}</svg>`
  );
}
