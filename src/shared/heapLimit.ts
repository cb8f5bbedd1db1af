// How large the language server's threads let their old generation grow (V8's heap limit).

/**
 * The old generation limit (MB) of the server's main thread and of its worker threads, just under
 * 2 GB. From a 2 GB limit on, V8 lets an old generation grow to up to 4× what survived its last full
 * collection before the next one; under it, to at most ~2×. An index worker keeps ~23 MB alive and
 * promotes ~0.4 MB of garbage a source (its paragraph cache): in 600 sources it collected 4 times
 * with its heap growing to ~100 MB, or 14 times at ~45 MB (indexing 2,000 sources peaked ~100 MB
 * lower for ~7 % more time). The main thread holding a 1 MB source (~52 MB live) grew to ~212 MB.
 * 2,000 MB leaves an 8 MB source (the default size limit) its room: it indexes as fast under 1.5 GB
 * (1.25 GB RSS).
 */
export const OLD_GENERATION_MB = 2000;

/** Node options the server is started with (the VS Code client; the tests and benchmarks, to measure the same). */
export const SERVER_EXEC_ARGV: readonly string[] = [`--max-old-space-size=${OLD_GENERATION_MB}`];
