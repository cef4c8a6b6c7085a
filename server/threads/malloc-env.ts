/**
 * The C allocator's settings `npm start` and `npm run worker` start Node with (glibc reads them from the
 * environment when the process starts, so no code of ours can set them later; other C libraries ignore
 * them).
 *
 * glibc serves a block of 128 KB or more with its own mapping, returned to the system when freed; but
 * each time such a block is freed it raises that threshold to the block's size (up to 32 MB). A sync
 * hands the embedded store's thread statements and results of a few MB (copied between threads by
 * `postMessage`), so after the first of them every such copy came from the threads' allocator arenas,
 * which keep the freed space. A fixed threshold keeps large blocks on their own mappings. Measured with
 * the bench's `during-sync` (embedded store, 10k Sandbox sync under API load), peak server RSS:
 * - without: 710, 734, 745 MB;
 * - 128 KB fixed: 651, 662, 679 MB (64 KB: 650 MB, 256 KB: 683 MB), the sync as fast (17.9-19.4 s
 *   against 18.7 s to COMPLETED).
 */
export const MALLOC_ENV = { MALLOC_MMAP_THRESHOLD_: '131072' } as const;
