// One reader (KAVOSH_FUZZ_FORMAT: jsonl, text, html or rss) on arbitrary bytes through
// ReadBuffer. reader.h promises no throw and no crash on any input; the records it
// returns must have an id and a title or a body. Text that is not valid UTF-8 is noted
// once on stderr (a known gap of the RSS reader, docs/reliability.md), fatal only with
// KAVOSH_FUZZ_STRICT=1 in the environment.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "analyzers/normalizer.h"
#include "indexer/readers/reader.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "reader contract broken (" KAVOSH_FUZZ_FORMAT "): %s\n", what);
    std::abort();
  }
}

void Note(bool ok, const char* what) {
  static const bool strict = std::getenv("KAVOSH_FUZZ_STRICT") != nullptr;
  static bool noted = false;
  if (ok) return;
  if (strict) Check(false, what);
  if (!noted) std::fprintf(stderr, "reader contract note (" KAVOSH_FUZZ_FORMAT "): %s\n", what);
  noted = true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace rd = kavosh::readers;
  static const rd::Format format = *rd::ParseFormat(KAVOSH_FUZZ_FORMAT);
  std::string_view input(reinterpret_cast<const char*>(data), size);
  rd::ReadResult r = rd::ReadBuffer(input, "fuzz." KAVOSH_FUZZ_FORMAT, format);
  for (const kavosh::schema::Article& a : r.articles) {
    Check(!a.id.empty(), "article without id");
    Check(!a.title.empty() || !a.body.empty(), "article without title and body");
    Note(kavosh::analyzers::IsValidUtf8(a.title), "title not UTF-8");
    Note(kavosh::analyzers::IsValidUtf8(a.body), "body not UTF-8");
  }
  for (const rd::ReadError& e : r.errors) Check(!e.ToString().empty(), "empty error");
  return 0;
}
