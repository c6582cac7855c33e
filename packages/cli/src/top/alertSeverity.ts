import { type AlertName, type Severity, serviceAlerts } from '../generate/alertRules.js';
import { SLO_DEFAULTS } from '../slo/defaults.js';

let severities: ReadonlyMap<string, Severity> | undefined;

/**
 * The severity label the generated rules give an alert that has one (every alert but the burn-rate ones,
 * which have a page and a ticket rule), read from the rules themselves.
 */
export function alertSeverity(alert: AlertName): Severity {
  severities ??= new Map(
    serviceAlerts({ name: 'any', ...SLO_DEFAULTS }).map((rule) => [rule.alert, rule.severity]),
  );
  const severity = severities.get(alert);
  if (severity === undefined) throw new Error(`no generated alert named ${alert}`);
  return severity;
}
