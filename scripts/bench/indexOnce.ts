// One spawned server initialised on a folder until its index reports done (npm run bench:engine's
// workspace rows, scripts/bench/reopen.ts).
import * as path from 'node:path';
import { spawnedServer } from '../../test/server/lspTestClient';
import { procCpuMs, procStatus } from './memory';

export interface IndexRun {
  ms: number;
  /** initialize → every source counted in the view (with `counts`): its listing, then the counts of those it listed pending. */
  countsMs?: number;
  /** initialize → the view's listing answered. */
  listingMs?: number;
  peakRss?: number;
  cpu?: number;
  hovers: number[];
  /** When each hover was sent: the machine's monotonic clock in µs (the clock of the server's --cpu-prof and stallLogger.cjs). */
  hoverSentUs: number[];
}

/**
 * initialize → the index's work-done progress end, with a hover every 20 ms on an open sample. With
 * `counts` (the number of sources), also initialize → every source's counts in the Sourcemark view
 * (shown from the start: its listing, then the counts of each source it listed as pending, in
 * sourcesChanged notifications), what a user sees of a reopening.
 */
export async function indexOnce(
  serverPath: string, dir: string, openName: string, openText: string, counts?: number,
  /** Node options for the server (a profiler, a preloaded script). */
  execArgv: string[] = [],
): Promise<IndexRun> {
  const server = spawnedServer(serverPath, { execArgv });
  const { client, child } = server;
  // A server that dies (or never starts) fails the run with its words: else the requests waiting on
  // it never settled, the event loop emptied and the bench ended with status 0 and no figures.
  const run = async (): Promise<IndexRun> => {
    client.settings = { referenceDate: '2018-03-10' };
    const started = performance.now();
    await client.initialize(dir);
    let countsMs: number | undefined;
    let listingMs: number | undefined;
    // The view, shown from the start: one listing, then the counts of sources it listed as pending
    // arrive in sourcesChanged notifications (what the VS Code view does; one sourceChanged each from
    // builds before the batching).
    const listing = counts !== undefined ? (async () => {
      const summary: { sources: { uri: string; pending?: boolean }[] } = await client.connection.sendRequest('sourcemark/workspaceSummary', {});
      listingMs = performance.now() - started;
      if (summary.sources.length < counts) throw new Error(`the view listed ${summary.sources.length} sources, not ${counts}`);
      const pending = new Set(summary.sources.filter((x) => x.pending).map((x) => x.uri));
      let seen = 0;
      await client.waitFor(() => {
        for (; seen < client.notifications.length; seen++) {
          const params = client.notifications[seen]!.params as { sources?: { uri: string; pending?: boolean }[] } & { uri: string; pending?: boolean };
          for (const p of params.sources ?? [params]) if (!p.pending) pending.delete(p.uri);
        }
        return pending.size === 0;
      }, 'every source\'s counts', 600_000);
      countsMs = performance.now() - started;
    })() : Promise.resolve();
    const uri = await client.open(path.join(dir, openName), openText);
    const diagnostics = await client.waitFor(() => {
      const d = client.diagnostics.get(uri)?.diagnostics;
      return d?.length ? d : undefined;
    }, 'diagnostics', 600_000);
    const ended = () => client.progress.some((p) => p.kind === 'end');
    const hovers: number[] = [];
    const hoverSentUs: number[] = [];
    for (let i = 0; !ended(); i++) {
      const t = performance.now();
      const sentUs = Number(process.hrtime.bigint() / 1000n);
      await client.hover(uri, diagnostics[i % diagnostics.length]!.range.start);
      if (!ended()) {
        hovers.push(performance.now() - t);
        hoverSentUs.push(sentUs);
      }
      await new Promise((r) => setTimeout(r, 20));
      if (performance.now() - started > 600_000) throw new Error('indexing took over 10 minutes');
    }
    const result: IndexRun = { ms: performance.now() - started, peakRss: procStatus(child.pid!, 'VmHWM'), cpu: procCpuMs(child.pid!), hovers, hoverSentUs };
    await listing;
    Object.assign(result, { countsMs, listingMs });
    await client.shutdown();
    return result;
  };
  try {
    return await Promise.race([run(), server.exited]);
  } catch (e) {
    child.kill();
    throw new Error(`${(e as Error).message}\nserver stderr:\n${server.stderr()}`);
  }
}

