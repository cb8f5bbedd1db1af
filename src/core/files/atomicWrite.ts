import { randomBytes } from 'node:crypto';
import { mkdir, rename, unlink, writeFile } from 'node:fs/promises';
import * as path from 'node:path';

/** Writes `content` (or its pieces, one after another, as they come) to `file` atomically: a temp file beside it, then a rename over it. */
export async function writeFileAtomic(file: string, content: string | Uint8Array | readonly Uint8Array[] | AsyncIterable<Uint8Array>): Promise<void> {
  const dir = path.dirname(path.resolve(file));
  await mkdir(dir, { recursive: true });
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  await writeFile(temp, content, typeof content === 'string' ? 'utf8' : undefined);
  try {
    await rename(temp, file);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    throw e;
  }
}
