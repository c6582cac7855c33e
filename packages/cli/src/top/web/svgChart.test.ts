import { describe, expect, it } from 'vitest';
import type { ChartData, ChartThreshold } from './chartData.js';
import { niceCeiling, svgChart } from './svgChart.js';

const chart = (values: (number | null)[], thresholds: ChartThreshold[] = []): ChartData => ({
  id: 'latency',
  title: 'Latency',
  unit: 'seconds',
  times: values.map((_, i) => 1_000_000 + i * 2000),
  windowSeconds: values.map(() => 2),
  series: [{ name: 'p99', values }],
  thresholds,
});

function pathOf(svg: string): string {
  return /<path [^>]*d="([^"]*)"/.exec(svg)![1]!;
}

describe('svgChart', () => {
  it('rounds the axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    expect([0.0031, 0.02, 0.021, 0.3, 1, 7, 12].map(niceCeiling)).toEqual([
      0.005, 0.02, 0.025, 0.5, 1, 10, 20,
    ]);
  });

  it('draws each value as a point of its line, left to right, higher values higher up', () => {
    const d = pathOf(svgChart(chart([0.1, 0.4, 0.2])));
    const points = [...d.matchAll(/[ML]([\d.]+) ([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(points).toHaveLength(3);
    const [a, b, c] = points as [[number, number], [number, number], [number, number]];
    expect(a[0]).toBeLessThan(b[0]);
    expect(b[0]).toBeLessThan(c[0]);
    expect(b[1]).toBeLessThan(c[1]); // SVG y grows downwards
    expect(c[1]).toBeLessThan(a[1]);
  });

  it('breaks the line at a gap and draws a lone point as a dot', () => {
    expect(pathOf(svgChart(chart([0.1, null, 0.2, 0.3]))).match(/[MLh]/g)).toEqual(['M', 'h', 'M', 'L']);
  });

  it('draws the threshold dashed with its alert and severity, and scales so that it shows', () => {
    const svg = svgChart(
      chart(
        [0.01, 0.02],
        [{ signal: 'latencyP99Seconds', value: 1, alert: 'LatencyP99High', severity: 'ticket' }],
      ),
    );
    expect(svg.match(/<line class="threshold[^"]*"/g)).toEqual(['<line class="threshold ticket"']);
    expect(svg).toContain('<title>LatencyP99High above 1 s: ticket</title>');
    expect(svg).toContain('>1.00 s</text>');
  });

  it('draws each burn-rate level at its height, a page apart from a ticket, with its window', () => {
    const levels: ChartThreshold[] = [
      { signal: 'errorRatio', value: 0.072, alert: 'ErrorBudgetBurn', severity: 'page', window: '1h' },
      { signal: 'errorRatio', value: 0.03, alert: 'ErrorBudgetBurn', severity: 'page', window: '6h' },
      { signal: 'errorRatio', value: 0.015, alert: 'ErrorBudgetBurn', severity: 'ticket', window: '1d' },
      { signal: 'errorRatio', value: 0.005, alert: 'ErrorBudgetBurn', severity: 'ticket', window: '3d' },
    ];
    const svg = svgChart({ ...chart([0.001, 0.002], levels), id: 'errorRatio', unit: 'ratio' });
    const lines = [
      ...svg.matchAll(/<line class="threshold (\w+)"[^>]* y1="([\d.]+)"[^>]*><title>([^<]*)</g),
    ].map((m) => ({ severity: m[1], y: Number(m[2]), title: m[3] }));
    expect(lines.map((l) => [l.severity, l.title])).toEqual([
      ['page', 'ErrorBudgetBurn above 7.2%: page if it lasts 1h'],
      ['page', 'ErrorBudgetBurn above 3%: page if it lasts 6h'],
      ['ticket', 'ErrorBudgetBurn above 1.5%: ticket if it lasts 1d'],
      ['ticket', 'ErrorBudgetBurn above 0.5%: ticket if it lasts 3d'],
    ]);
    // Higher levels higher up (SVG y grows downwards); the axis reaches the highest (10%).
    const ys = lines.map((l) => l.y);
    expect(ys).toEqual([...ys].sort((a, b) => a - b));
    expect(svg).toContain('>10.0%</text>');
  });

  it('carries the data it draws as JSON', () => {
    const data = chart([0.1, null]);
    const attribute = /data-series="([^"]*)"/.exec(svgChart(data))![1]!;
    expect(JSON.parse(attribute.replaceAll('&quot;', '"'))).toEqual(data);
  });
});
