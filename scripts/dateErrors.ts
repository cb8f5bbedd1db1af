// npx tsx scripts/dateErrors.ts <gold dir> [--top=N]   Error analysis for dates: misses, spurious spans, boundary
// differences and value mismatches, grouped by pattern (text and value shapes) and counted, largest
// class first. For measurement only: it prints what the gold data holds, the project keeps none of it.
import { readGoldSet } from '../src/eval/gold';
import { alignSpans, type Span } from '../src/eval/metrics';
import { SourcemarkSystem } from '../src/eval/sourcemarkSystem';

/** Digits become 9, so "1998-08-07" and "1989-10-30" are one pattern; words are lowercased. */
const shape = (s: string | null | undefined) => (s == null ? 'null' : s.toLowerCase().replace(/\d/g, '9').replace(/\s+/g, ' '));

class Tally {
  private readonly groups = new Map<string, { count: number; examples: string[] }>();
  total = 0;
  add(key: string, example: string): void {
    this.total++;
    const g = this.groups.get(key) ?? { count: 0, examples: [] };
    g.count++;
    if (g.examples.length < 3) g.examples.push(example);
    this.groups.set(key, g);
  }
  print(title: string, top: number): void {
    console.log(`\n== ${title}: ${this.total}`);
    const rows = [...this.groups].sort((a, b) => b[1].count - a[1].count || a[0].localeCompare(b[0])).slice(0, top);
    for (const [key, g] of rows) console.log(`${String(g.count).padStart(5)}  ${key}    e.g. ${g.examples.join(' | ')}`);
  }
}

function main(args: string[]): void {
  const dir = args.find((a) => !a.startsWith('-'));
  const top = Number(args.find((a) => a.startsWith('--top='))?.slice(6) ?? 40);
  if (!dir) {
    process.stderr.write('Usage: tsx scripts/dateErrors.ts <gold dir> [--top=N]\n');
    process.exitCode = 2;
    return;
  }
  const set = readGoldSet(dir);
  const system = new SourcemarkSystem();
  const missed = new Tally();
  const spurious = new Tally();
  const boundary = new Tally();
  const value = new Tally();
  const valueByGold = new Tally();
  for (const doc of set.docs) {
    const gold = doc.spans ?? [];
    const pred = system.dates(doc);
    const text = (s: Span) => doc.text.slice(s.start, s.end).replace(/\s+/g, ' ');
    const around = (s: Span) => `${doc.text.slice(Math.max(0, s.start - 25), s.start)}[${text(s)}]${doc.text.slice(s.end, s.end + 25)}`.replace(/\s+/g, ' ');
    const a = alignSpans(gold, pred, 'overlap');
    for (const g of a.missed) missed.add(`${g.label} ${shape(g.value)} "${shape(text(g))}"`, around(g));
    for (const p of a.spurious) spurious.add(`${p.label} ${shape(p.value)} "${shape(text(p))}"`, around(p));
    for (const { gold: g, pred: p } of a.pairs) {
      if (g.start !== p.start || g.end !== p.end) {
        const left = p.start < g.start ? `+"${doc.text.slice(p.start, g.start)}"` : p.start > g.start ? `-"${doc.text.slice(g.start, p.start)}"` : '';
        const right = p.end > g.end ? `+"${doc.text.slice(g.end, p.end)}"` : p.end < g.end ? `-"${doc.text.slice(p.end, g.end)}"` : '';
        boundary.add(`${shape(left) || '='} … ${shape(right) || '='}`, `gold "${text(g)}" pred "${text(p)}"`);
      }
      if (g.value !== p.value) {
        value.add(`${g.label}/${shape(g.value)} ← ${p.label}/${shape(p.value)}`, `"${text(g)}" ${p.value} gold ${g.value} dct ${doc.dct}`);
        valueByGold.add(`"${shape(text(g))}"`, `${p.value} gold ${g.value} dct ${doc.dct}`);
      }
    }
  }
  missed.print('missed (no overlap)', top);
  spurious.print('spurious (no overlap)', top);
  boundary.print('boundary (overlap, not exact): pred vs gold at the left … right', top);
  value.print('value mismatch by gold ← predicted value shape', top);
  valueByGold.print('value mismatch by gold text', top);
}

main(process.argv.slice(2));
