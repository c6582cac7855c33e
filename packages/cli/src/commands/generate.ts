/** `signalkit generate`: not implemented yet. */
export async function main(_args: string[]): Promise<number> {
  console.error('signalkit generate: not implemented yet');
  return 1;
}
