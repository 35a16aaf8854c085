/**
 * Must be imported BEFORE @resvg/resvg-js (first import of every module that uses it).
 *
 * resvg-js allocates with mimalloc, which maps a fresh 2 MB region for every 1200×630 canvas
 * and touches it page by page: about 500 page faults per render, 10–30 ms on this kind of
 * virtual machine, more than the drawing itself. Letting mimalloc use transparent huge pages
 * (madvise) turns that into one fault: an empty 712×562 render drops from ~25 ms to ~1 ms.
 * mimalloc reads its options when the native module is loaded, so this must run first; a value
 * already present in the environment is respected.
 */
process.env.MIMALLOC_ALLOW_LARGE_OS_PAGES ??= "1";

export {};
