// One spawned server initialised on a folder until its index reports done (npm run bench:engine's
// workspace rows, scripts/bench/reopen.ts).
import * as path from 'node:path';
import { spawnedServer } from '../../test/server/lspTestClient';
import { procCpuMs, procStatus } from './memory';

export interface IndexRun {
  ms: number;
  /** initialize → a listing of the view with every source counted (with `counts`). */
  countsMs?: number;
  listings?: number;
  peakRss?: number;
  cpu?: number;
  hovers: number[];
}

/**
 * initialize → the index's work-done progress end, with a hover every 20 ms on an open sample. With
 * `counts` (the number of sources), also initialize → the first listing of the Sourcemark view (what
 * it asks for when shown, here from the start, every 50 ms) that has them all and none pending:
 * every source's counts, what a user sees of a reopening.
 */
export async function indexOnce(serverPath: string, dir: string, openName: string, openText: string, counts?: number): Promise<IndexRun> {
  const server = spawnedServer(serverPath);
  const { client, child } = server;
  try {
    client.settings = { referenceDate: '2018-03-10' };
    const started = performance.now();
    await client.initialize(dir);
    let countsMs: number | undefined;
    let listings = 0;
    const listing = counts !== undefined ? (async () => {
      while (performance.now() - started < 600_000) {
        const summary: { sources: { pending?: boolean }[] } = await client.connection.sendRequest('sourcemark/workspaceSummary', {});
        listings++;
        if (summary.sources.length >= counts && !summary.sources.some((x) => x.pending)) {
          countsMs = performance.now() - started;
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
    })() : Promise.resolve();
    const uri = await client.open(path.join(dir, openName), openText);
    const diagnostics = await client.waitFor(() => {
      const d = client.diagnostics.get(uri)?.diagnostics;
      return d?.length ? d : undefined;
    }, 'diagnostics', 600_000);
    const ended = () => client.progress.some((p) => p.kind === 'end');
    const hovers: number[] = [];
    for (let i = 0; !ended(); i++) {
      const t = performance.now();
      await client.hover(uri, diagnostics[i % diagnostics.length]!.range.start);
      if (!ended()) hovers.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - started > 600_000) throw new Error('indexing took over 10 minutes');
    }
    const result: IndexRun = { ms: performance.now() - started, peakRss: procStatus(child.pid!, 'VmHWM'), cpu: procCpuMs(child.pid!), hovers };
    await listing;
    Object.assign(result, { countsMs, listings });
    await client.shutdown();
    return result;
  } catch (e) {
    child.kill();
    throw new Error(`${(e as Error).message}\nserver stderr:\n${server.stderr()}`);
  }
}

