#include "schema/schema.h"

namespace kavosh::schema {

namespace {
constexpr char kListSeparator = kFacetListSeparator;
}  // namespace

std::string EncodeList(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += kListSeparator;
    out += v;
  }
  return out;
}

std::vector<std::string> DecodeList(std::string_view encoded) {
  std::vector<std::string> out;
  if (encoded.empty()) return out;
  size_t start = 0;
  while (true) {
    size_t end = encoded.find(kListSeparator, start);
    out.emplace_back(encoded.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

std::string CheckCompatible(const Xapian::Database& db, int analyzer_version) {
  std::string schema = db.get_metadata(std::string(kMetaSchemaVersion));
  if (schema.empty()) {
    if (db.get_doccount() == 0) return "";
    return "the database has no Kavosh schema version: it was not written by kavosh-indexer";
  }
  if (schema != std::to_string(kSchemaVersion)) {
    return "the database has schema version " + schema + " but this build understands " +
           std::to_string(kSchemaVersion) + "; re-index it with this kavosh-indexer";
  }
  std::string analyzer = db.get_metadata(std::string(kMetaAnalyzerVersion));
  if (analyzer != std::to_string(analyzer_version)) {
    return "the database was analysed with analyzer version " + analyzer +
           " but this build has version " + std::to_string(analyzer_version) +
           "; re-index it with this kavosh-indexer";
  }
  return "";
}

std::string BoundedTerm(std::string_view prefix, std::string_view value) {
  size_t limit = prefix.size() < kMaxTermBytes ? kMaxTermBytes - prefix.size() : 0;
  if (value.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    value = value.substr(0, cut);
  }
  return std::string(prefix) + std::string(value);
}

namespace {
constexpr char kFieldSeparator = '\x1e';  // U+001E INFORMATION SEPARATOR TWO (record separator)
}  // namespace

std::string EncodeFacetKey(const FacetKey& key) {
  std::string out = key.story;
  for (const auto* list : {&key.orgs, &key.types, &key.places}) {
    out += kFieldSeparator;
    out += EncodeList(*list);
  }
  out += kFieldSeparator;
  out += key.month;
  return out;
}

FacetKeyView SplitFacetKey(std::string_view encoded) {
  std::string_view fields[5];
  size_t n = 0, start = 0;
  while (n < 5) {
    size_t end = encoded.find(kFieldSeparator, start);
    fields[n++] = encoded.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return {fields[0], fields[1], fields[2], fields[3], fields[4]};
}

FacetKey DecodeFacetKey(std::string_view encoded) {
  FacetKeyView view = SplitFacetKey(encoded);
  FacetKey key;
  key.story = std::string(view.story);
  key.orgs = DecodeList(view.orgs);
  key.types = DecodeList(view.types);
  key.places = DecodeList(view.places);
  key.month = std::string(view.month);
  return key;
}

}  // namespace kavosh::schema
