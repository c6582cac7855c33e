import { readFile } from 'node:fs/promises';
import { CliError, messageOf } from '../CliError.js';
import { parseSlo } from './parseSlo.js';
import type { SloFile } from './types.js';

/**
 * Reads and validates an SLO file (YAML). Rejects with an {@link SloError} listing every invalid field, or
 * an `invalid-slo` {@link CliError} naming the file when it cannot be read.
 */
export async function loadSlo(path: string): Promise<SloFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliError('invalid-slo', `cannot read the SLO file ${path}: ${messageOf(error)}`);
  }
  return parseSlo(text, path);
}
