import { afterEach, describe, expect, it } from 'vitest';
import type { ChildApp } from '../../support/childApp.js';
import type { OtlpReceiver, ReceivedRequest } from '../../support/otlpReceiver.js';
import { accounted, accountingOf, ESCAPED, pacedLoad, sleep, startTraced, stats } from './faultScenario.js';

// A collector going down and coming back twice while a traced app is under steady load, with the default
// schedule delay (5 s): how soon export resumes, and that every span stays accounted for. Its own file,
// so that it runs beside the other fault scenarios.

let running: { app: ChildApp; receiver: OtlpReceiver } | undefined;
afterEach(async () => {
  await running?.app.stop();
  await running?.receiver.close();
  running = undefined;
});

describe('a collector flapping down and up', () => {
  it('resumes exporting within one schedule delay (5 s, the default) of coming back, every span accounted for', async () => {
    const SCHEDULE_DELAY = 5000;
    const { app, receiver } = await startTraced({});
    running = { app, receiver };
    const load = pacedLoad(app.url, 100, 26, (i) => `/work/${i}`);
    const resumed: number[] = [];
    await sleep(2000);
    for (let cycle = 0; cycle < 2; cycle++) {
      await receiver.goDown();
      await sleep(6000);
      await receiver.comeBack();
      const back = Date.now();
      await receiver.waitFor(
        () => receiver.requests.some((r) => r.at >= back),
        SCHEDULE_DELAY + 5000,
        'an export after the collector came back',
      );
      resumed.push((receiver.requests.find((r) => r.at >= back) as ReceivedRequest).at - back);
      await sleep(Math.max(0, 6000 - (Date.now() - back)));
    }
    const result = await load;
    expect([...result.statuses.keys()]).toEqual([200]);
    for (const millis of resumed) expect(millis).toBeLessThanOrEqual(SCHEDULE_DELAY + 500);
    const a = await accountingOf(app);
    expect(accounted(a)).toBe(result.sent);
    expect(a.exported).toBeGreaterThan(0);
    expect(await stats(app)).toMatchObject({ unhandled: 0, uncaught: 0 });
    expect(app.stderr()).not.toMatch(ESCAPED);
  });
});
