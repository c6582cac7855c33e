import type { Attributes, Meter, MeterProvider } from '@opentelemetry/api';

export interface Observation {
  readonly name: string;
  readonly value: number;
  readonly attributes: Attributes;
}

export declare class FakeMeterProvider implements MeterProvider {
  getMeter(): Meter;
  /** Runs every registered callback, as a metric reader's collection would. */
  collect(): Observation[];
  /** The sum observed for `name` over the series whose attributes include `match`; 0 when none. */
  value(name: string, match?: Attributes): number;
}
