import { mkdir, rename, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { sayData } from './terminal';

/** Writes `content` to `file` atomically (temp file + rename), or to stdout when no file is given. */
export async function writeOutput(file: string | undefined, content: string): Promise<void> {
  if (!file) {
    sayData(content);
    return;
  }
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  const temp = path.join(path.dirname(path.resolve(file)), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, content, 'utf8');
  await rename(temp, file);
}
