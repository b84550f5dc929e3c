// jemalloc's options for Kavosh's programs, read by jemalloc at start-up from this
// symbol (MALLOC_CONF in the environment still wins). Linked only into programs built
// with jemalloc (cmake/KavoshAllocator.cmake); glibc's malloc ignores it.
//
// narenas:1 — one arena for every thread. With jemalloc's default (one arena per core
// times four, threads assigned in turn), searchd's counting threads kept faulting in
// fresh pages: 1.1 million minor page faults in 800 searches against 26,000 with glibc,
// and the query mix at 100,000 articles twice as slow. With one arena the mix runs as
// fast as with glibc and the indexer faster (docs/performance.md, eighth round).
extern "C" {
extern const char* malloc_conf;
const char* malloc_conf = "narenas:1";
}
