// How large the server's worker threads let their old generation grow.

/**
 * The old generation limit of the index workers and of the worker for long open sources, just under
 * 2 GB. From 2 GB on, V8 lets an old generation grow to up to 4× what survived its last full
 * collection before the next one; under it, to at most ~2×. An index worker keeps ~23 MB alive and
 * promotes ~0.4 MB of garbage a source (its paragraph cache), so in 600 sources it collected 4 times
 * with its heap growing to ~100 MB, or 14 times at ~45 MB. 2,000 MB leaves an 8 MB source (the
 * default size limit) its room: it indexes as fast under 1.5 GB (1.25 GB RSS).
 */
export const OLD_GENERATION_MB = 2000;
