// The bundle entry of editPath.ts (and resolution.ts): what the index worker runs for an edit of a long open source.
//   npx esbuild scripts/bench/editPathEntry.ts --bundle --platform=node --format=cjs --outfile=DIR/edit.cjs   (dist/entityTagger.bin copied beside it)
export { Analyzer } from '../../src/core/analyzer';
export { DETECTION_ORDER } from '../../src/core/kinds';
export { resolveEntitiesReusing } from '../../src/core/kinds/entity/resolutionMemo';
export { analyzeSource } from '../../src/core/sourceAnalysis';
export { toWire } from '../../src/server/analysisWire';
export { analysisOptionsOf, DEFAULT_SETTINGS } from '../../src/server/settings';
