// Seeded random numbers for fitting and measuring (cross-validation folds) and for the scripts'
// benchmarks, generators and training (scripts/prng.ts): mulberry32, small, fast and the same on
// every machine, so a seed gives the same run everywhere.

export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
