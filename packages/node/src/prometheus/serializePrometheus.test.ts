import { spawnSync } from 'node:child_process';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, MetricReader, type ResourceMetrics } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { serializePrometheus } from './serializePrometheus.js';

class TestReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

/** Records with a real MeterProvider, collects, and returns the text of the endpoint. */
async function exposition(
  record: (meter: ReturnType<MeterProvider['getMeter']>) => void,
  resource: Record<string, string> = { 'service.name': 'orders' },
): Promise<{ text: string; collected: ResourceMetrics }> {
  const reader = new TestReader();
  const provider = new MeterProvider({ resource: resourceFromAttributes(resource), readers: [reader] });
  record(provider.getMeter('test'));
  const { resourceMetrics } = await reader.collect();
  await provider.shutdown();
  const text = serializePrometheus(resourceMetrics.resource.attributes, resourceMetrics.scopeMetrics);
  return { text, collected: resourceMetrics };
}

describe('serializePrometheus', () => {
  it('escapes backslash, double quote and newline in label values', async () => {
    const { text } = await exposition((meter) => {
      meter.createCounter('jobs').add(1, { path: 'C:\\tmp\\"x"\nnext' });
    });
    expect(text).toContain('jobs_total{path="C:\\\\tmp\\\\\\"x\\"\\nnext"} 1\n');
  });

  it('escapes backslash and newline in HELP, and keeps quotes as they are', async () => {
    const { text } = await exposition((meter) => {
      meter.createCounter('jobs', { description: 'Jobs "done"\nsee C:\\docs' }).add(2);
    });
    expect(text).toContain('# HELP jobs_total Jobs "done"\\nsee C:\\\\docs\n');
    expect(text.split('\n').filter((line) => line.startsWith('# HELP jobs_total'))).toHaveLength(1);
  });

  it('writes histogram buckets cumulatively, ends with +Inf equal to the count, and writes sum and count', async () => {
    const { text } = await exposition((meter) => {
      const h = meter.createHistogram('task.duration', {
        unit: 's',
        advice: { explicitBucketBoundaries: [1, 2, 5] },
      });
      for (const v of [0.5, 1, 1.5, 7]) h.record(v, { task: 'a' });
    });
    // `le` comes last, after the attributes.
    expect(text).toContain(
      [
        '# TYPE task_duration_seconds histogram',
        'task_duration_seconds_bucket{task="a",le="1"} 2',
        'task_duration_seconds_bucket{task="a",le="2"} 3',
        'task_duration_seconds_bucket{task="a",le="5"} 3',
        'task_duration_seconds_bucket{task="a",le="+Inf"} 4',
        'task_duration_seconds_sum{task="a"} 10',
        'task_duration_seconds_count{task="a"} 4',
      ].join('\n'),
    );
  });

  it('types counters as counter, up-down counters and gauges as gauge', async () => {
    const { text } = await exposition((meter) => {
      meter.createCounter('a.count').add(1);
      meter.createUpDownCounter('b.level').add(-3);
      meter.createGauge('c.temp', { unit: 'Cel' }).record(21.5);
    });
    expect(text).toContain('# TYPE a_count_total counter\na_count_total 1\n');
    expect(text).toContain('# TYPE b_level gauge\nb_level -3\n');
    expect(text).toContain('# TYPE c_temp_celsius gauge\nc_temp_celsius 21.5\n');
  });

  it('starts with target_info carrying the resource attributes as labels', async () => {
    const { text } = await exposition((meter) => meter.createCounter('x').add(1), {
      'service.name': 'orders',
      'deployment.environment': 'prod "eu"',
    });
    const lines = text.split('\n');
    expect(lines.slice(0, 2)).toEqual(['# HELP target_info Target metadata', '# TYPE target_info gauge']);
    expect(lines[2]).toBe('target_info{deployment_environment="prod \\"eu\\"",service_name="orders"} 1');
  });

  it('writes one HELP and TYPE per family and ends with a newline', async () => {
    const { text } = await exposition((meter) => {
      const c = meter.createCounter('hits');
      c.add(1, { route: '/a' });
      c.add(2, { route: '/b' });
    });
    expect(text.match(/^# TYPE hits_total /gm)).toHaveLength(1);
    expect(text.endsWith('\n')).toBe(true);
    expect(text).toContain('hits_total{route="/a"} 1\nhits_total{route="/b"} 2\n');
  });

  it('passes promtool check metrics', async (context) => {
    const probe = spawnSync('promtool', ['--version'], { encoding: 'utf8' });
    if (probe.error !== undefined) context.skip('promtool is not installed');
    const { text } = await exposition((meter) => {
      meter.createCounter('jobs', { description: 'Jobs\\done' }).add(1, { path: 'a"b\nc' });
      const h = meter.createHistogram('http.server.request.duration', {
        unit: 's',
        description: 'Duration.',
      });
      h.record(0.2, { 'http.route': '/users/:id' });
      meter.createGauge('cpu.utilization', { unit: '1' }).record(0.5);
    });
    const result = spawnSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    // promtool exits 1 for lint findings too; none may be an error about the format.
    expect(`${result.stdout}${result.stderr}`).not.toMatch(/error|invalid|unexpected/i);
  });
});
