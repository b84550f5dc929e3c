#include "schema/schema.h"

#include <cstdio>

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

uint64_t StoryHash(std::string_view story) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (char c : story) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h != 0 ? h : 1;
}

std::string EncodeFacetIds(const FacetIds& ids) {
  std::string out;
  out.reserve(32);
  for (int i = 0; i < 4; ++i) out += static_cast<char>((ids.tag >> (8 * i)) & 0xff);
  for (int i = 0; i < 8; ++i) out += static_cast<char>((ids.story >> (8 * i)) & 0xff);
  auto varint = [&out](uint32_t x) {
    while (x >= 0x80) {
      out += static_cast<char>((x & 0x7f) | 0x80);
      x >>= 7;
    }
    out += static_cast<char>(x);
  };
  for (const std::vector<uint32_t>& list : ids.ids) {
    varint(static_cast<uint32_t>(list.size()));
    for (uint32_t id : list) varint(id);
  }
  return out;
}

std::string FacetNamePrefix(uint32_t tag) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "kavosh.facet.%08x.", tag);
  return buf;
}

std::string FacetNameKey(uint32_t tag, int facet, uint32_t id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%d.%x", facet, id);
  return FacetNamePrefix(tag) + buf;
}

bool ParseFacetNameKey(std::string_view key, size_t prefix_size, int* facet, uint32_t* id) {
  if (key.size() < prefix_size + 3 || key[prefix_size + 1] != '.') return false;
  char f = key[prefix_size];
  if (f < '0' || f >= '0' + kFacetKinds) return false;
  uint32_t x = 0;
  std::string_view hex = key.substr(prefix_size + 2);
  if (hex.empty() || hex.size() > 8) return false;
  for (char c : hex) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return false;
    x = (x << 4) | static_cast<uint32_t>(d);
  }
  *facet = f - '0';
  *id = x;
  return true;
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
