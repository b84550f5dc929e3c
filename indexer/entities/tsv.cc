#include "indexer/entities/tsv.h"

#include <fstream>
#include <sstream>

namespace kavosh::entities::internal {

namespace {

std::string Trim(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
  size_t b = 0;
  size_t e = s.size();
  while (b < e && is_space(s[b])) ++b;
  while (e > b && is_space(s[e - 1])) --e;
  return std::string(s.substr(b, e - b));
}

}  // namespace

std::vector<TsvRow> SplitTsv(std::string_view text) {
  static constexpr std::string_view kBom = "\xEF\xBB\xBF";  // U+FEFF BYTE ORDER MARK
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  std::vector<TsvRow> rows;
  size_t line = 0;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    std::string_view raw = text.substr(pos, nl - pos);
    ++line;
    pos = nl + 1;
    if (!raw.empty() && raw.back() == '\r') raw.remove_suffix(1);
    std::string trimmed = Trim(raw);
    if (trimmed.empty() || trimmed[0] == '#') {
      if (nl == text.size()) break;
      continue;
    }
    TsvRow row;
    row.line = line;
    size_t start = 0;
    while (true) {
      size_t tab = raw.find('\t', start);
      row.fields.push_back(Trim(
          raw.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start)));
      if (tab == std::string_view::npos) break;
      start = tab + 1;
    }
    rows.push_back(std::move(row));
    if (nl == text.size()) break;
  }
  return rows;
}

std::vector<std::string> SplitAliases(std::string_view field) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= field.size()) {
    size_t bar = field.find('|', start);
    if (bar == std::string_view::npos) bar = field.size();
    std::string item = Trim(field.substr(start, bar - start));
    if (!item.empty() && item != "-") out.push_back(std::move(item));  // "-": none
    start = bar + 1;
  }
  return out;
}

std::string LineError(std::string_view file, size_t line, std::string_view reason) {
  std::string out(file);
  out += ':';
  out += std::to_string(line);
  out += ": ";
  out += reason;
  return out;
}

std::optional<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return s.str();
}

}  // namespace kavosh::entities::internal
