// Rewrites test-fixtures/golden/*.findings.txt from the current analysis. Review the diff by hand
// before committing: the golden findings are the product's own spec.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../src/core/analyzer';
import { goldenLine, GOLDEN_REFERENCE_DATE } from '../test/goldenFindings';
import { regenerateCliGoldens } from './regenerate-cli-goldens';

const sources = path.resolve(__dirname, '../test-fixtures/sources');
const golden = path.resolve(__dirname, '../test-fixtures/golden');
const analyzer = new Analyzer();
for (const name of readdirSync(sources).filter((f) => f.endsWith('.txt')).sort()) {
  const text = readFileSync(path.join(sources, name), 'utf8');
  const result = analyzer.analyze(text, { referenceDate: GOLDEN_REFERENCE_DATE });
  const lines = result.findings.map(goldenLine);
  writeFileSync(path.join(golden, `${name}.findings.txt`), `${lines.join('\n')}\n`);
  console.log(`${name}: ${lines.length} findings`);
}

// CLI goldens (test-fixtures/cli): every command run on the sample sources with tags.
void regenerateCliGoldens().catch((e: Error) => {
  console.error(e.message);
  process.exitCode = 1;
});
