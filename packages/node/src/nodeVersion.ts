/** The oldest Node.js the OpenTelemetry SDK that signalkit uses supports. */
export const MIN_NODE_VERSION = '22.15.0';

export function isSupportedNode(version: string = process.versions.node): boolean {
  const [major = 0, minor = 0] = version.split('.').map(Number);
  const [minMajor = 0, minMinor = 0] = MIN_NODE_VERSION.split('.').map(Number);
  return major > minMajor || (major === minMajor && minor >= minMinor);
}
