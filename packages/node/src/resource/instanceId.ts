/**
 * A random UUID (version 4) for `service.instance.id`, made without node:crypto: loading it costs ~7 ms
 * of startup, and the id must be unique, not secret. V8 seeds `Math.random` per process from the OS;
 * the process id and the high-resolution clock are mixed in, so processes started with the same
 * `--random-seed` still get different ids.
 */
export function instanceId(): string {
  const bytes = new Uint8Array(16);
  for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  const clock = process.hrtime.bigint();
  for (let i = 0; i < 8; i++) bytes[i] = (bytes[i] as number) ^ Number((clock >> BigInt(8 * i)) & 0xffn);
  for (let i = 0; i < 4; i++) bytes[8 + i] = (bytes[8 + i] as number) ^ ((process.pid >>> (8 * i)) & 0xff);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x40; // version 4
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80; // RFC 9562 variant
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
