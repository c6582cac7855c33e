import { describe, expect, it } from 'vitest';
import { type DoctorReport, renderReportJson, renderReportText } from './renderReport.js';

const REPORT: DoctorReport = {
  url: 'http://127.0.0.1:9464/metrics',
  dir: '/app',
  checks: [
    { id: 'endpoint', status: 'ok', summary: 'answers' },
    {
      id: 'traces',
      status: 'fail',
      summary: 'collector down',
      detail: ['0 spans exported'],
      fix: 'start it',
    },
    { id: 'route', status: 'warn', summary: 'no route' },
    { id: 'log-lines', status: 'skip', summary: 'no --log' },
  ],
  counts: { ok: 1, warn: 1, fail: 1, skip: 1 },
};

describe('renderReportText', () => {
  it('marks each check with ASCII markers, aligned, detail and fix indented under the summary', () => {
    expect(renderReportText(REPORT, false)).toBe(
      [
        'signalkit doctor: http://127.0.0.1:9464/metrics (project /app)',
        '',
        '[ok]   endpoint   answers',
        '[FAIL] traces     collector down',
        '                  0 spans exported',
        '                  fix: start it',
        '[warn] route      no route',
        '[skip] log-lines  no --log',
        '',
        '1 check ok, 1 warning, 1 failure, 1 skipped',
        '',
      ].join('\n'),
    );
  });

  it('uses ✓ ! ✗ - in colour for a terminal', () => {
    const text = renderReportText(REPORT, true);
    expect(text).toContain('\u001b[32m✓\u001b[0m endpoint   answers');
    expect(text).toContain('\u001b[31m✗\u001b[0m traces     collector down');
    expect(text).toContain('\u001b[33m!\u001b[0m route');
    expect(text).toContain('            fix: start it');
  });
});

describe('renderReportJson', () => {
  it('is one JSON document with the exit code', () => {
    const parsed = JSON.parse(renderReportJson(REPORT, 1));
    expect(parsed).toEqual({ ...REPORT, exitCode: 1 });
  });
});
