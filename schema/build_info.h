#ifndef KAVOSH_SCHEMA_BUILD_INFO_H_
#define KAVOSH_SCHEMA_BUILD_INFO_H_

// What a Kavosh program was built with, for its reports (searchd's /metrics, the
// indexer's profile). It lives beside the schema because every program links it.
//
//   std::string a = kavosh::schema::AllocatorName();
//   // "jemalloc 5.3.0-0-g54eaed1… narenas:1" or "glibc"

#include <cstddef>
#include <string>

// jemalloc's control interface, declared weak: it resolves to null unless the program
// was linked with jemalloc (cmake/KavoshAllocator.cmake), so no header of it is needed.
extern "C" int mallctl(const char* name, void* oldp, std::size_t* oldlenp, void* newp,
                       std::size_t newlen) __attribute__((weak));

namespace kavosh::schema {

// The allocator that serves malloc in this process: "jemalloc <version> narenas:<arenas
// for threads>" (schema/jemalloc_config.cc sets one) or "glibc".
inline std::string AllocatorName() {
  if (mallctl == nullptr) return "glibc";
  std::string name = "jemalloc";
  const char* version = nullptr;
  std::size_t size = sizeof version;
  if (mallctl("version", &version, &size, nullptr, 0) == 0 && version != nullptr) {
    name += std::string(" ") + version;
  }
  unsigned arenas = 0;
  size = sizeof arenas;
  if (mallctl("opt.narenas", &arenas, &size, nullptr, 0) == 0) {
    name += " narenas:" + std::to_string(arenas);
  }
  return name;
}

}  // namespace kavosh::schema

#endif  // KAVOSH_SCHEMA_BUILD_INFO_H_
