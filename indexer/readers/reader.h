// Readers: input files (JSONL, plain-text page dumps, saved HTML pages, RSS/Atom feeds)
// turned into schema::Article records, with every rejected record reported as a value.
//
//   namespace rd = kavosh::readers;
//   rd::ReadResult r = rd::ReadFile("pages/000.txt");  // format detected
//   for (const rd::ReadError& e : r.errors) std::cerr << e.ToString() << "\n";
//   for (kavosh::schema::Article& a : r.articles) Index(std::move(a));
//
// Contract for every reader:
//  - never throws and never crashes on hostile input (invalid UTF-8, NUL bytes, huge lines,
//    deeply nested markup, empty files); a bad record is a ReadError and every good record
//    is still returned;
//  - text fields are trimmed, body paragraphs are separated by '\n';
//  - `origin` is "FILE:LINE" of the record's first line;
//  - an article without an id from its source gets ContentId(title, body), so reading the
//    same content again gives the same id (the indexer upserts).
// Functions here are thread-compatible: different threads may read different inputs.
#ifndef KAVOSH_INDEXER_READERS_READER_H_
#define KAVOSH_INDEXER_READERS_READER_H_

#include <cstddef>
#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "schema/article.h"

namespace kavosh::readers {

enum class Format { kAuto, kJsonl, kText, kHtml, kRss };

// "auto", "jsonl", "text", "html", "rss" (the --format values).
std::string_view FormatName(Format format);
std::optional<Format> ParseFormat(std::string_view name);

// A rejected record or file. `line` is 1-based; 0 means the whole file (e.g. unreadable).
struct ReadError {
  std::string file;
  size_t line = 0;
  std::string reason;

  // "FILE:LINE: reason".
  std::string ToString() const;
};

struct ReadResult {
  std::vector<schema::Article> articles;
  std::vector<ReadError> errors;
};

// By extension (case-insensitive): .jsonl .json .ndjson -> kJsonl; .txt .text -> kText;
// .html .htm .xhtml -> kHtml; .xml .rss .atom -> kRss. Otherwise by content: `head` (the
// first few KB) starting with '{' is JSONL, with <rss, <feed or <rdf:RDF a feed, with
// markup (<!DOCTYPE html, <html, <body, ...) HTML, anything else plain text.
// Never returns kAuto.
Format DetectFormat(std::string_view path, std::string_view head);

// Reads a whole buffer. `file_name` is used for origins and errors only. kAuto detects
// the format from `file_name` and `data`.
ReadResult ReadBuffer(std::string_view data, std::string_view file_name,
                      Format format = Format::kAuto);

// Reads a file. JSONL is streamed (records are still collected in the result; use
// ReadJsonlStream in jsonl_reader.h to process a big file record by record). An
// unreadable file or a directory gives one ReadError with line 0.
ReadResult ReadFile(const std::string& path, Format format = Format::kAuto);

// Reads everything from `in` (e.g. standard input, named "-"). kAuto detects the format
// from `file_name` and the first bytes.
ReadResult ReadStream(std::istream& in, std::string_view file_name, Format format = Format::kAuto);

}  // namespace kavosh::readers

#endif  // KAVOSH_INDEXER_READERS_READER_H_
