import { describe, expect, it } from 'vitest';
import { serviceAlerts } from '../generate/alertRules.js';
import { SLO_DEFAULTS } from '../slo/defaults.js';
import { ALERT_NAMES, alertSeverity } from './alerts.js';

describe('the alert model against the rules generate writes', () => {
  const rules = serviceAlerts({ name: 'svc', ...SLO_DEFAULTS });
  const severities = (alert: string) => rules.filter((r) => r.alert === alert).map((r) => r.severity);

  it('every alert name has rules, and every rule has a name of the model', () => {
    for (const alert of ALERT_NAMES) expect(severities(alert).length, alert).toBeGreaterThan(0);
    expect(new Set(rules.map((r) => r.alert))).toEqual(new Set(ALERT_NAMES));
  });

  it('the budget alerts have a page and a ticket rule; every other alert one rule of its severity', () => {
    for (const alert of ALERT_NAMES) {
      if (alert === 'ErrorBudgetBurn' || alert === 'LatencyBudgetBurn') {
        expect(severities(alert), alert).toEqual(['page', 'ticket']);
        expect(() => alertSeverity(alert)).toThrow(/page and a ticket rule/);
      } else {
        expect(severities(alert), alert).toEqual([alertSeverity(alert)]);
      }
    }
  });
});
