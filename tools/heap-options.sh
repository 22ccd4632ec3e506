# The JVM heap options of ./jaynes, sourced by it and by tools/bench-analyze.sh (which measures what
# ./jaynes runs): sets the arrays large_pages, collector and heap.
#
# A fixed, small heap: analysis streams, so no model needs more. The serial collector on one or two
# processors, the parallel one on more: both have cheaper write barriers than G1 (less for the compiler to
# compile, less work per store) and no concurrent threads taking cores from the analysis; with 256 MB a
# young collection takes a few milliseconds. On two cores, against G1, the serial one took the bundled
# model from 2.01 to 1.92 s and the zoo survey from 16.2-16.4 to 14.8-15.2 s; the parallel one, whose
# young collections run on every core, gave up a few per cent of that here (docs/design.md §5).
# Transparent huge pages for the heap where the kernel offers them on request: the young generation is
# touched afresh between collections, and in 4 KiB pages that costs a page fault per page (about a third
# of a second of system time for the bundled model, half a second for a 1 GB file). Where the kernel
# says never, the option is left out, since the JVM would print a warning.
large_pages=()
if grep -qs '\[\(always\|madvise\)\]' /sys/kernel/mm/transparent_hugepage/enabled; then
  large_pages=(-XX:+UseTransparentHugePages)
fi
collector=(-XX:+UseParallelGC)
if (( $(nproc 2>/dev/null || echo 1) <= 2 )); then
  collector=(-XX:+UseSerialGC)
fi
heap=(-Xmx256m -Xss4m "${collector[@]}" "${large_pages[@]}")
