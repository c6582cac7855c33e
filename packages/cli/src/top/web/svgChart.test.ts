import { describe, expect, it } from 'vitest';
import type { ChartData } from './chartData.js';
import { niceCeiling, svgChart } from './svgChart.js';

const chart = (values: (number | null)[], threshold: number | null = null): ChartData => ({
  id: 'latency',
  title: 'Latency',
  unit: 'seconds',
  times: values.map((_, i) => 1_000_000 + i * 2000),
  windowSeconds: values.map(() => 2),
  series: [{ name: 'p99', values }],
  threshold,
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

  it('draws the threshold dashed, and scales so that it shows', () => {
    const svg = svgChart(chart([0.01, 0.02], 1));
    expect(svg).toContain('class="threshold"');
    expect(svg).toContain('would fire above 1.00 s');
    expect(svg).toContain('>1.00 s</text>');
  });

  it('carries the data it draws as JSON', () => {
    const data = chart([0.1, null]);
    const attribute = /data-series="([^"]*)"/.exec(svgChart(data))![1]!;
    expect(JSON.parse(attribute.replaceAll('&quot;', '"'))).toEqual(data);
  });
});
