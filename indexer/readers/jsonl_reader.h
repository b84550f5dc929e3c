// JSONL reader: one JSON object per line with the fields id, url, title, body, published,
// source, category, tags. Streams, so a million-line file is never held in memory.
//
//   std::ifstream in("docs.jsonl", std::ios::binary);
//   kavosh::readers::ReadJsonlStream(
//       in, "docs.jsonl",
//       [&](kavosh::schema::Article&& a) { indexer.Add(std::move(a)); },
//       [&](kavosh::readers::ReadError&& e) { std::cerr << e.ToString() << "\n"; });
//
// Per line:
//  - blank lines (only whitespace) are skipped silently;
//  - a line longer than max_line_bytes, with invalid UTF-8 (checked before parsing), nested
//    deeper than max_depth, that is not valid JSON, that is not an object, or that has
//    neither a title nor a body is a ReadError with its 1-based line number; the reader
//    goes on with the next line;
//  - string fields accept strings, numbers (stringified: {"id": 42} -> "42") and null
//    (empty); other types are ignored. `tags` is an array of strings or one string split
//    at ',' and U+060C ARABIC COMMA. `published` is kept as given;
//  - text fields are trimmed; the body's lines are trimmed and empty ones dropped;
//  - a record without an id gets ContentId(title, body).
#ifndef KAVOSH_INDEXER_READERS_JSONL_READER_H_
#define KAVOSH_INDEXER_READERS_JSONL_READER_H_

#include <cstddef>
#include <functional>
#include <istream>
#include <optional>
#include <string>
#include <string_view>

#include "indexer/readers/reader.h"
#include "schema/article.h"

namespace kavosh::readers {

struct JsonlOptions {
  size_t max_line_bytes = size_t{16} << 20;  // 16 MB
  size_t max_depth = 64;                     // nesting of arrays and objects
};

// The outcome of one line: an article, a rejection reason, or neither (a blank line).
struct JsonlLine {
  std::optional<schema::Article> article;
  std::string error;  // empty unless rejected
};

// Parses one line (without its '\n'; a trailing '\r' is ignored). `origin` is stored in
// the article ("FILE:LINE").
JsonlLine ParseJsonlLine(std::string_view line, std::string_view origin,
                         const JsonlOptions& options = {});

// Reads `in` to its end, calling `on_article` for every accepted record and `on_error`
// for every rejected one, in line order. Both callbacks must be non-empty. Memory use is
// bounded by the longest line (at most max_line_bytes; longer lines are skipped unread).
void ReadJsonlStream(std::istream& in, std::string_view file_name,
                     const std::function<void(schema::Article&&)>& on_article,
                     const std::function<void(ReadError&&)>& on_error,
                     const JsonlOptions& options = {});

// The same over an in-memory buffer.
ReadResult ReadJsonl(std::string_view data, std::string_view file_name,
                     const JsonlOptions& options = {});

}  // namespace kavosh::readers

#endif  // KAVOSH_INDEXER_READERS_JSONL_READER_H_
