// Progress and throughput on stderr. A live progress line only on a terminal; piped output
// stays quiet unless --timing asks for the closing figures.
import { resourceUsage } from 'node:process';
import { formatCount } from '../../core/text/count';

export interface BatchFigures {
  sources: number;
  bytes: number;
  ms: number;
  workers: number;
  /** Peak resident memory of the whole process (workers included), bytes. */
  peakRss: number;
  /** CPU time of the whole process (every thread, user + system), ms. */
  cpuMs: number;
  /** `check`: sources answered from the digest cache, not analysed. */
  cached?: number;
}

const int = (n: number) => formatCount(Math.round(n));

export function formatFigures(label: string, f: BatchFigures): string {
  const seconds = f.ms / 1000;
  const rate = seconds > 0 ? f.sources / seconds : 0;
  const mbs = seconds > 0 ? f.bytes / 1048576 / seconds : 0;
  return `${label}: ${int(f.sources)} sources, ${(f.bytes / 1048576).toFixed(1)} MB in ${seconds.toFixed(2)} s · ${rate.toFixed(1)} sources/s · ${mbs.toFixed(2)} MB/s · ${f.workers === 0 ? 'in-thread' : `${f.workers} worker${f.workers === 1 ? '' : 's'}`}${f.cached === undefined ? '' : ` · ${int(f.cached)} from the cache`} · CPU ${(f.cpuMs / 1000).toFixed(1)} s · peak RSS ${int(f.peakRss / 1048576)} MB`;
}

export class Progress {
  private readonly live: boolean;
  private lastDraw = 0;
  private drawn = false;
  private readonly started = performance.now();

  constructor(private readonly label: string, private readonly total: number, private readonly timing: boolean, private readonly stream: NodeJS.WriteStream = process.stderr) {
    this.live = stream.isTTY === true && total > 1;
  }

  tick(done: number): void {
    if (!this.live) return;
    const now = performance.now();
    if (now - this.lastDraw < 100 && done < this.total) return;
    this.lastDraw = now;
    const rate = done / ((now - this.started) / 1000);
    this.stream.write(`\r${this.label}: ${int(done)}/${int(this.total)} sources (${Math.floor((done / this.total) * 100)}%) · ${rate.toFixed(0)}/s\x1b[K`);
    this.drawn = true;
  }

  finish(figures: Omit<BatchFigures, 'ms' | 'peakRss' | 'cpuMs'>): BatchFigures {
    const usage = resourceUsage();
    const full = { ...figures, ms: performance.now() - this.started, peakRss: usage.maxRSS * 1024, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000 };
    if (this.drawn) this.stream.write('\r\x1b[K');
    if (this.timing || this.stream.isTTY) this.stream.write(`${formatFigures(this.label, full)}\n`);
    return full;
  }
}
