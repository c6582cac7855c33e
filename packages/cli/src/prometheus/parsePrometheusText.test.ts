import { describe, expect, it } from 'vitest';
import { PrometheusTextError, parsePrometheusText } from './parsePrometheusText.js';

describe('parsePrometheusText', () => {
  it('reads samples with labels, types, and skips HELP and comments', () => {
    const { samples, types } = parsePrometheusText(
      [
        '# HELP http_server_request_duration_seconds Duration of HTTP server requests.',
        '# TYPE http_server_request_duration_seconds histogram',
        'http_server_request_duration_seconds_bucket{http_route="/users/:id",le="0.005"} 41',
        'http_server_request_duration_seconds_bucket{http_route="/users/:id",le="+Inf"} 42',
        '# a free comment',
        '',
        'nodejs_heap_used_bytes 13641184',
      ].join('\n'),
    );
    expect(types.get('http_server_request_duration_seconds')).toBe('histogram');
    expect(samples).toEqual([
      {
        name: 'http_server_request_duration_seconds_bucket',
        labels: { http_route: '/users/:id', le: '0.005' },
        value: 41,
      },
      {
        name: 'http_server_request_duration_seconds_bucket',
        labels: { http_route: '/users/:id', le: '+Inf' },
        value: 42,
      },
      { name: 'nodejs_heap_used_bytes', labels: {}, value: 13641184 },
    ]);
  });

  it('unescapes label values and keeps commas, braces and spaces inside them', () => {
    const { samples } = parsePrometheusText(
      'm{a="x\\"y",b="line\\nnext",c="back\\\\slash",d="{1, 2} # not a comment",} 1\n',
    );
    expect(samples[0]?.labels).toEqual({
      a: 'x"y',
      b: 'line\nnext',
      c: 'back\\slash',
      d: '{1, 2} # not a comment',
    });
  });

  it('reads special values, exponents, timestamps, CRLF and OpenMetrics exemplars and EOF', () => {
    const { samples } = parsePrometheusText(
      [
        'a NaN',
        'b +Inf',
        'c -Inf',
        'd 1.5e-3 1712345678000',
        'e{x="1"} 7\r',
        'f_total 3 # {trace_id="abc"} 1.0',
        '# EOF',
        'this is ignored after EOF',
      ].join('\n'),
    );
    expect(samples.map((s) => [s.name, s.value])).toEqual([
      ['a', Number.NaN],
      ['b', Number.POSITIVE_INFINITY],
      ['c', Number.NEGATIVE_INFINITY],
      ['d', 0.0015],
      ['e', 7],
      ['f_total', 3],
    ]);
  });

  it('rejects an HTML page at its first line', () => {
    expect(() => parsePrometheusText('<!DOCTYPE html>\n<html></html>')).toThrow(PrometheusTextError);
    expect(() => parsePrometheusText('<!DOCTYPE html>\n<html></html>')).toThrow(/line 1: not a metric name/);
  });

  it('rejects JSON', () => {
    expect(() => parsePrometheusText('{"status":"ok"}')).toThrow(/line 1/);
  });

  it('rejects a value that is not a number, and says which line', () => {
    expect(() => parsePrometheusText('ok 1\nheap_bytes lots\n')).toThrow(/line 2: not a number/);
  });

  it('rejects a sample without a value and an unterminated label', () => {
    expect(() => parsePrometheusText('lonely_name\n')).toThrow(/line 1/);
    expect(() => parsePrometheusText('m{a="open} 1\n')).toThrow(/unterminated label value/);
  });

  it('takes an empty body as no samples', () => {
    expect(parsePrometheusText('').samples).toEqual([]);
  });
});
