import { readFile } from 'node:fs/promises';
import { parseSlo } from './parseSlo.js';
import type { SloFile } from './types.js';

/**
 * Reads and validates an SLO file (YAML). Rejects with an {@link SloError} listing every invalid field,
 * or with the file system's error when the file cannot be read.
 */
export async function loadSlo(path: string): Promise<SloFile> {
  return parseSlo(await readFile(path, 'utf8'), path);
}
