import { writeFileAtomic } from '../core/files/atomicWrite';
import { sayData } from './terminal';

/** Writes `content` to `file` atomically (temp file + rename), or to stdout when no file is given. */
export async function writeOutput(file: string | undefined, content: string): Promise<void> {
  if (!file) {
    sayData(content);
    return;
  }
  await writeFileAtomic(file, content);
}
