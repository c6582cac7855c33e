import { metrics } from '@opentelemetry/api';
import { METRICS } from '@signalkit/node/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeMeterProvider } from '../../test/support/fakeMeterProvider.mjs';
import { DeferredCounters } from './DeferredCounters.js';

function count(store: DeferredCounters, level: string, n = 1): void {
  for (let i = 0; i < n; i++) store.add(METRICS.logRecords, 1, level, () => ({ 'log.level': level }));
}

afterEach(() => {
  metrics.disable();
});

describe('DeferredCounters', () => {
  it('reports counts to a MeterProvider set before them', () => {
    const provider = new FakeMeterProvider();
    metrics.setGlobalMeterProvider(provider);
    const store = new DeferredCounters();
    count(store, 'error', 3);
    count(store, 'info', 2);
    expect(provider.value('log.records', { 'log.level': 'error' })).toBe(3);
    expect(provider.value('log.records', { 'log.level': 'info' })).toBe(2);
  });

  it('reports every count, earlier ones included, to a MeterProvider set after them', () => {
    const store = new DeferredCounters();
    count(store, 'warn', 4);
    const provider = new FakeMeterProvider();
    metrics.setGlobalMeterProvider(provider);
    expect(provider.value('log.records')).toBe(0);
    count(store, 'warn', 1);
    expect(provider.value('log.records', { 'log.level': 'warn' })).toBe(5);
  });

  it('moves to a new MeterProvider and stops reporting to the old one', () => {
    const store = new DeferredCounters();
    const first = new FakeMeterProvider();
    metrics.setGlobalMeterProvider(first);
    count(store, 'info', 2);
    metrics.disable();
    const second = new FakeMeterProvider();
    metrics.setGlobalMeterProvider(second);
    count(store, 'info', 1);
    expect(first.collect()).toEqual([]);
    expect(second.value('log.records', { 'log.level': 'info' })).toBe(3);
  });

  it('sums series past the limit into one overflow series, keeping the total exact', () => {
    const provider = new FakeMeterProvider();
    metrics.setGlobalMeterProvider(provider);
    const store = new DeferredCounters();
    for (let i = 0; i < 100; i++) count(store, `level${i}`);
    const observed = provider.collect();
    expect(observed).toHaveLength(65);
    expect(observed.reduce((s, o) => s + o.value, 0)).toBe(100);
    expect(provider.value('log.records', { 'otel.metric.overflow': true })).toBe(36);
  });
});
