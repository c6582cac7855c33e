import type { Attributes } from '@opentelemetry/api';
import { HistogramFamily } from './HistogramFamily.js';
import { METHOD_NAMES } from './httpMethods.js';
import { ATTR, HTTP_DURATION_BUCKETS } from './names.js';

/** `error.type` of a response: the status code for 5xx, none otherwise (semantic conventions). */
function serverAttributes(method: number, route: string | undefined, status: number): Attributes {
  const attributes: Attributes = {
    [ATTR.method]: METHOD_NAMES[method],
    [ATTR.status]: status,
  };
  if (route !== undefined) attributes[ATTR.route] = route;
  if (status >= 500) attributes[ATTR.errorType] = String(status);
  return attributes;
}

/** `outcome` is the status code, or the error type when no response arrived. */
function clientAttributes(method: number, host: string, port: number, outcome: number | string): Attributes {
  const attributes: Attributes = {
    [ATTR.method]: METHOD_NAMES[method],
    [ATTR.serverAddress]: host,
    [ATTR.serverPort]: port,
  };
  if (typeof outcome === 'number') {
    attributes[ATTR.status] = outcome;
    if (outcome >= 400) attributes[ATTR.errorType] = String(outcome);
  } else {
    attributes[ATTR.errorType] = outcome;
  }
  return attributes;
}

/**
 * Holds the golden-signal series that the HTTP integrations record into on the hot path; the
 * producer reads them at collection time.
 */
export class GoldenSignalRecorder {
  readonly server: HistogramFamily<string | undefined, number, undefined>;
  readonly client: HistogramFamily<string, number, number | string>;
  /** Active server requests by method index. */
  readonly active: Float64Array = new Float64Array(METHOD_NAMES.length);
  /** Method indexes that have been seen, so idle methods are not exported. */
  readonly activeSeen: Uint8Array = new Uint8Array(METHOD_NAMES.length);

  constructor(cardinalityLimit: number) {
    this.server = new HistogramFamily(HTTP_DURATION_BUCKETS, cardinalityLimit, serverAttributes);
    this.client = new HistogramFamily(HTTP_DURATION_BUCKETS, cardinalityLimit, clientAttributes);
  }

  requestStarted(method: number): void {
    this.active[method] = (this.active[method] as number) + 1;
    this.activeSeen[method] = 1;
  }

  requestEnded(method: number): void {
    this.active[method] = (this.active[method] as number) - 1;
  }
}
