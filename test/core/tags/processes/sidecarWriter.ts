// A separate process that writes one sidecar through the real store, for the concurrency and crash
// tests. Usage: sidecarWriter.ts <sidecar path> <writer name> <count> [pause-before-rename-at]
// Each update adds the annotation "<writer>_<i>" and flips the status of the shared annotation
// "shared", so two writers always change the same file and the same annotation.
import type { Annotation, Sidecar } from '../../../../src/core/tags/annotation';
import { emptySidecar } from '../../../../src/core/tags/sidecarFormat';
import { FileSidecarStore } from '../../../../src/core/tags/sidecarStore';

const [path, writer, countArg, pauseAtArg] = process.argv.slice(2);
const count = Number(countArg);
const pauseAt = pauseAtArg === undefined ? -1 : Number(pauseAtArg);
let current = 0;

const store = new FileSidecarStore({
  hooks: {
    async beforeRename() {
      if (current !== pauseAt) return;
      process.stdout.write(`PAUSED ${current}\n`);
      await new Promise(() => undefined); // until killed
    },
  },
});

const STAMP = '2026-01-01T00:00:00.000Z';
function annotation(id: string, status: Annotation['status']): Annotation {
  const exact = id.padEnd(12, '.');
  return { id, kind: 'claim', status, target: { start: 0, end: exact.length, exact, prefix: '', suffix: '' }, createdAt: STAMP, updatedAt: STAMP };
}

function addOne(sidecar: Sidecar | undefined, i: number): Sidecar {
  const base = sidecar ?? emptySidecar('a.txt', '0'.repeat(64));
  const shared = base.annotations.find((a) => a.id === 'shared');
  const flipped = annotation('shared', shared?.status === 'verified' ? 'contradicted' : 'verified');
  return {
    ...base,
    annotations: [...base.annotations.filter((a) => a.id !== 'shared'), annotation(`${writer}_${i}`, 'verified'), flipped],
  };
}

async function main() {
  for (current = 0; current < count; current++) {
    const i = current;
    await store.update(path!, (s) => addOne(s, i));
    process.stdout.write(`WROTE ${i}\n`);
  }
  process.stdout.write('DONE\n');
}

main().catch((e: Error) => {
  process.stderr.write(`${e.stack ?? e.message}\n`);
  process.exit(1);
});
