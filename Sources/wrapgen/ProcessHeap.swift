import CPosix
import Glibc
import SwiftWrapCore

/// wrapgen's heap: one region reserved up front and backed by transparent huge pages where the
/// kernel offers them (`/sys/kernel/mm/transparent_hugepage/enabled` = `always` or `madvise`).
///
/// A wrapgen run allocates tens of megabytes in many small pieces (the node table of the CastXML
/// file, then the records) and exits. On 4 KiB pages the first touch of every page is a page fault:
/// ~5,500 of them (~10 ms of system time) for the 6.9 MB ITK wrapping translation unit, ~1,300 with
/// 2 MiB pages (docs/benchmarks.md, "wrapgen"). Large blocks stay in the heap (no mmap per block),
/// the heap grows in one step of `reserve` bytes (address space, not memory), and that region is
/// advised as huge-page memory. Where the kernel has no huge pages the advice is ignored.
///
/// wrapgen's second threads (SwiftWrapCore's `concurrently`: the second half of the XML, the second
/// part of the records) allocate from glibc's second arena, which glibc creates for the first thread
/// that allocates and gives to each later thread once that one has exited. `prepare` creates it from a
/// short-lived thread and advises it the same way (~1-2 ms less on the ITK wrapping TU).
enum ProcessHeap {
    static func prepare(reserve: Int = 64 << 20) {
        prepareMainHeap(reserve: reserve)
        prepareThreadArena()
    }

    private static func prepareMainHeap(reserve: Int) {
        _ = mallopt(M_MMAP_THRESHOLD, Int32(reserve))
        _ = mallopt(M_TOP_PAD, Int32(reserve))
        // One allocation larger than anything free makes malloc grow the heap by `reserve` now.
        guard let probe = malloc(1 << 20) else { return }
        let hugePage = UInt(2 << 20)
        let start = (UInt(bitPattern: probe) + hugePage - 1) & ~(hugePage - 1)
        let end = UInt(bitPattern: sbrk(0))
        free(probe)
        if end > start + hugePage, let base = UnsafeMutableRawPointer(bitPattern: start) {
            _ = madvise(base, Int(end - start), MADV_HUGEPAGE)
        }
    }

    /// A thread arena is one heap of glibc's HEAP_MAX_SIZE (64 MiB on 64-bit systems), aligned to its
    /// size: the block's address rounded down is the heap's start.
    private static func prepareThreadArena() {
        guard ProcessorCount.online > 1 else { return }   // no second threads, no second arena
        BackgroundTask {
            guard let probe = malloc(64) else { return }
            let heapSize = 64 << 20
            let base = UInt(bitPattern: probe) & ~UInt(heapSize - 1)
            _ = madvise(UnsafeMutableRawPointer(bitPattern: base), heapSize, MADV_HUGEPAGE)
            free(probe)
        }.wait()
    }
}
