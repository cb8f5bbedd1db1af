import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { DATE_RULES } from './src/core/kinds/date/dateRules';
import { poolsFrom, SourceGenerator } from './scripts/bench/generate';
const dir = 'test-fixtures/sources';
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => readFileSync(path.join(dir, f), 'utf8'));
const text = new SourceGenerator(poolsFrom(samples), 0x5eed).source(1024 * 1024);
const sentences = text.split(/(?<=[.!?])\s+|\n+/).filter((s) => s.trim());
console.log('sentences', sentences.length, 'rules', DATE_RULES.length, 'distinct triggers', new Set(DATE_RULES.map((r) => r.trigger)).size);
const hr = () => Number(process.hrtime.bigint()) / 1e6;
for (let round = 0; round < 3; round++) {
  let tTrig = 0, tPat = 0, tests = 0, passes = 0, execs = 0;
  const perRule = new Map<string, number>();
  for (const s of sentences) {
    let last: RegExp | undefined; let passed = false;
    for (const rule of DATE_RULES) {
      if (rule.trigger) {
        if (rule.trigger !== last) { last = rule.trigger; const a = hr(); passed = rule.trigger.test(s); tTrig += hr() - a; tests++; }
        if (!passed) continue;
      }
      passes++;
      const a = hr();
      rule.pattern.lastIndex = 0;
      for (let m = rule.pattern.exec(s); m; m = rule.pattern.exec(s)) { execs++; }
      const d = hr() - a; tPat += d; perRule.set(rule.name, (perRule.get(rule.name) ?? 0) + d);
    }
  }
  console.log(`triggers ${tTrig.toFixed(0)} ms (${tests} tests), patterns ${tPat.toFixed(0)} ms (${passes} runs, ${execs} matches)`);
  if (round === 2) console.log([...perRule].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('\n'));
}
