# The memory allocator of Kavosh's programs.
#
# The indexer spends about a tenth of its CPU in glibc's malloc and free: Xapian
# documents are built on the worker threads and freed on the writer, and Xapian's
# posting buffers make and drop many small strings. Linked with jemalloc (Debian's
# libjemalloc-dev), configured with one arena (schema/jemalloc_config.cc), indexing
# takes 14 % less time and the query mix as much as before (docs/performance.md,
# eighth round).
# Sanitizer builds keep glibc's allocator: ASan brings its own.
option(KAVOSH_JEMALLOC "Link the programs with jemalloc" ON)
if(KAVOSH_SANITIZE)
  set(KAVOSH_JEMALLOC OFF)
endif()
if(KAVOSH_JEMALLOC)
  pkg_check_modules(JEMALLOC REQUIRED IMPORTED_TARGET jemalloc)
endif()

# Links TARGET with jemalloc when KAVOSH_JEMALLOC is on; the program reports which
# allocator it runs with (schema/build_info.h).
function(kavosh_allocator target)
  if(KAVOSH_JEMALLOC)
    target_sources(${target} PRIVATE ${PROJECT_SOURCE_DIR}/schema/jemalloc_config.cc)
    target_link_libraries(${target} PRIVATE PkgConfig::JEMALLOC)
  endif()
endfunction()
