export {
  ALERT_NAMES,
  type AlertName,
  BURN_RATES,
  type Severity,
} from './generate/alertRules.js';
export { DASHBOARD_UID, DATASOURCE_UIDS } from './generate/dashboard.js';
export { GENERATED_PATHS, type GeneratedFile, generateFiles } from './generate/generateFiles.js';
export { LABEL, LOG_RECORDS, PROM } from './generate/metricNames.js';
export { RECORDED, SLO_WINDOWS } from './generate/recordingRules.js';
export { DEFAULT_RUNBOOK_URL, SLO_DEFAULTS } from './slo/defaults.js';
export { loadSlo } from './slo/loadSlo.js';
export { parseSlo } from './slo/parseSlo.js';
export { SloError } from './slo/SloError.js';
export type { ServiceSlo, SloFile, SloThresholds } from './slo/types.js';
export { VERSION } from './version.js';
