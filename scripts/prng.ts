// The seeded random numbers of the scripts (benchmarks, generators, training): one generator with
// the evaluation's folds (src/eval/prng.ts), so a seed gives the same run everywhere.
export { prng } from '../src/eval/prng';
