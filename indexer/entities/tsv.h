// Internal to indexer/entities: reads the editable gazetteer files.
//
//   for (const internal::TsvRow& row : internal::SplitTsv(text)) { row.line; row.fields; }
//
// Blank lines and lines whose first non-space character is '#' are skipped; a UTF-8 BOM
// (U+FEFF BYTE ORDER MARK) and '\r' line ends are tolerated. Fields are trimmed.
#ifndef KAVOSH_INDEXER_ENTITIES_TSV_H_
#define KAVOSH_INDEXER_ENTITIES_TSV_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::entities::internal {

struct TsvRow {
  size_t line = 0;  // 1-based
  std::vector<std::string> fields;
};

std::vector<TsvRow> SplitTsv(std::string_view text);

// Splits an alias list on '|', trimming and dropping empty items and "-" (none).
std::vector<std::string> SplitAliases(std::string_view field);

// "FILE:LINE: reason".
std::string LineError(std::string_view file, size_t line, std::string_view reason);

// The whole file, or nullopt if it cannot be read.
std::optional<std::string> ReadFile(const std::string& path);

}  // namespace kavosh::entities::internal

#endif  // KAVOSH_INDEXER_ENTITIES_TSV_H_
