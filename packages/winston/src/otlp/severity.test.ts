import { SeverityNumber } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import winston from 'winston';
import { severityOf } from './severity.js';

describe('severityOf', () => {
  it('maps the npm levels as @opentelemetry/winston-transport does', () => {
    expect(Object.keys(winston.config.npm.levels).map((level) => [level, severityOf(level)])).toEqual([
      ['error', 17],
      ['warn', 13],
      ['info', 9],
      ['http', 7],
      ['verbose', 6],
      ['debug', 5],
      ['silly', 1],
    ]);
  });

  it.each([
    ['npm', winston.config.npm.levels],
    ['syslog', winston.config.syslog.levels],
    ['cli', winston.config.cli.levels],
  ])('keeps the order of the %s levels (more severe, larger number)', (_name, levels) => {
    const bySeverity = Object.entries(levels).sort((a, b) => a[1] - b[1]);
    const numbers = bySeverity.map(([level]) => severityOf(level, levels));
    for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeLessThanOrEqual(numbers[i - 1] ?? 0);
    expect(numbers.every((n) => n !== SeverityNumber.UNSPECIFIED)).toBe(true);
  });

  it('reads verbose by the level set: above debug in npm, below it in cli', () => {
    expect(severityOf('verbose', winston.config.npm.levels)).toBe(SeverityNumber.DEBUG2);
    expect(severityOf('verbose', winston.config.cli.levels)).toBe(SeverityNumber.TRACE3);
    expect(severityOf('warning', winston.config.npm.levels)).toBe(SeverityNumber.WARN);
  });

  it('gives UNSPECIFIED to unknown levels, including inherited property names', () => {
    expect(severityOf('custom')).toBe(SeverityNumber.UNSPECIFIED);
    expect(severityOf('toString')).toBe(SeverityNumber.UNSPECIFIED);
  });
});
