// The contract between kavosh-indexer and kavosh-searchd: term prefixes, value slots,
// metadata keys and versions. Every literal of the index layout lives here and only here.
//
//   Xapian::Document doc;
//   doc.add_boolean_term(kavosh::schema::kPrefixId + article.id);
//   doc.add_value(kavosh::schema::kSlotDate, "20250425");
#ifndef KAVOSH_SCHEMA_SCHEMA_H_
#define KAVOSH_SCHEMA_SCHEMA_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

namespace kavosh::schema {

// Bumped whenever the layout below changes meaning. Stored in every database; searchd
// refuses a database whose schema version differs.
inline constexpr int kSchemaVersion = 3;  // 2: kSlotFacets; 3: kSlotFacetIds

// ---- Term prefixes (Xapian conventions: Q id, Z stem, X… custom booleans) ----
// Free-text terms: exact (folded) word forms carry no prefix; stems carry kPrefixStem.
// Title terms are also written with kPrefixTitle so `title:` searches are possible.
inline constexpr std::string_view kPrefixId = "Q";
inline constexpr std::string_view kPrefixStem = "Z";
inline constexpr std::string_view kPrefixTitle = "S";
inline constexpr std::string_view kPrefixTitleStem = "ZS";
inline constexpr std::string_view kPrefixOrg = "XO";      // canonical organisation
inline constexpr std::string_view kPrefixPlace = "XP";    // canonical place
inline constexpr std::string_view kPrefixType = "XT";     // event type value (meeting, …)
inline constexpr std::string_view kPrefixPerson = "XR";   // person name as written
inline constexpr std::string_view kPrefixMonth = "XM";    // Jalali month "1404-02"
inline constexpr std::string_view kPrefixSource = "XS";   // source / outlet
inline constexpr std::string_view kPrefixStory = "XG";    // duplicate-story group key
inline constexpr std::string_view kPrefixExact = "XK";    // exact-duplicate content hash
inline constexpr std::string_view kPrefixAll = "XA";      // every article: "XAall"
inline constexpr std::string_view kAllTerm = "XAall";

// ---- Value slots. Do not renumber: stored in every database. ----
enum Slot : Xapian::valueno {
  kSlotDate = 0,        // Gregorian "YYYYMMDD" of the event date (string order = date order)
  kSlotStory = 1,       // duplicate-story group key (collapse key)
  kSlotOrgs = 2,        // canonical organisations, EncodeList()
  kSlotPlaces = 3,      // canonical places, EncodeList()
  kSlotTypes = 4,       // event types, EncodeList(), main type first
  kSlotMonth = 5,       // Jalali month "YYYY-MM"
  kSlotMinHash = 6,     // near-duplicate signature (binary)
  kSlotContentHash = 7, // exact-duplicate hash of the normalised text (hex)
  kSlotFacets = 8,      // story and facet values in one string, EncodeFacetKey()
  kSlotId = 9,          // the article id: the last tie-break of every sort, so results do
                        // not depend on document numbers (which sharding changes)
  kSlotNewestKey = 10,  // "YYYYMMDD" + id, undated "00000000" + id: sort=newest (reversed)
  kSlotOldestKey = 11,  // "YYYYMMDD" + id, undated "99999999" + id: sort=oldest
                        // (one value each, because remote shards cannot run a KeyMaker)
  kSlotFacetIds = 12,   // kSlotFacets as small numbers, EncodeFacetIds(): what searchd
                        // counts when every shard is local (a tenth of the bytes to read)
};

// ---- Database metadata keys ----
inline constexpr std::string_view kMetaSchemaVersion = "kavosh.schema_version";
inline constexpr std::string_view kMetaAnalyzerVersion = "kavosh.analyzer_version";
inline constexpr std::string_view kMetaLexicon = "kavosh.lexicon";
inline constexpr std::string_view kMetaCreatedBy = "kavosh.created_by";

// Position gap between title and body, so a phrase never spans the two.
inline constexpr Xapian::termpos kBodyPositionOffset = 1000;
// Within-document frequency increment of a title term relative to a body term (1).
inline constexpr Xapian::termcount kTitleWdf = 3;

// A term for `value` under `prefix`, cut at a UTF-8 boundary to stay within Xapian's
// term length limit (245 bytes): how the indexer writes and searchd looks up ids, names
// and story keys.
inline constexpr size_t kMaxTermBytes = 240;
std::string BoundedTerm(std::string_view prefix, std::string_view value);

// Multi-valued slots hold values separated by U+001F (unit separator), which never
// occurs in a canonical name.
std::string EncodeList(const std::vector<std::string>& values);
std::vector<std::string> DecodeList(std::string_view encoded);

// kSlotFacets: one value holding what facet counting needs, so that Xapian's own
// ValueCountMatchSpy (which remote shards understand) can count per story:
// story U+001E orgs U+001E types U+001E places U+001E month, lists as EncodeList().
struct FacetKey {
  std::string story;
  std::vector<std::string> orgs, types, places;
  std::string month;  // Jalali "YYYY-MM", empty when undated
};
std::string EncodeFacetKey(const FacetKey& key);
FacetKey DecodeFacetKey(std::string_view encoded);

// The same without copying, for counting many keys: views into `encoded`, lists still
// encoded (ForEachListItem walks them). Valid while `encoded` is.
inline constexpr char kFacetListSeparator = '\x1f';  // U+001F, between the items of a list
struct FacetKeyView {
  std::string_view story, orgs, types, places, month;
};
FacetKeyView SplitFacetKey(std::string_view encoded);
template <typename Fn>
void ForEachListItem(std::string_view encoded, Fn&& fn) {
  while (!encoded.empty()) {
    size_t end = encoded.find(kFacetListSeparator);
    fn(encoded.substr(0, end));
    if (end == std::string_view::npos) break;
    encoded.remove_prefix(end + 1);
  }
}

// kSlotFacetIds: the database's dictionary tag (4 bytes), the story's StoryHash (8), then
// for org, type, place and month in turn a count and that many ids, as varints. Ids are
// numbered per facet in the order the writer first met the names; the names are
// metadata, FacetNameKey(tag, facet, id) -> name. The tag (kMetaFacetTag) keeps the
// dictionaries of databases merged by xapian-compact apart.
inline constexpr std::string_view kMetaFacetTag = "kavosh.facet_tag";
inline constexpr int kFacetKinds = 4;  // org, type, place, month: searchd's Facet order
struct FacetIds {
  uint32_t tag = 0;
  uint64_t story = 0;
  std::vector<uint32_t> ids[kFacetKinds];
};
std::string EncodeFacetIds(const FacetIds& ids);
// The names of one tag's dictionary start with this; then the facet digit, '.', the id in
// hex.
std::string FacetNamePrefix(uint32_t tag);
std::string FacetNameKey(uint32_t tag, int facet, uint32_t id);
// Parses a key under FacetNamePrefix(tag); false if it is not one.
bool ParseFacetNameKey(std::string_view key, size_t prefix_size, int* facet, uint32_t* id);
// A stable 64-bit hash (FNV-1a), never 0: stories in kSlotFacetIds, dictionary tags.
uint64_t StoryHash(std::string_view story);

// Reads kSlotFacetIds: the header, then fn(facet, id) for every id. False if malformed
// (what was read before the fault has been passed to fn).
inline bool ReadFacetIdsHeader(std::string_view v, uint32_t* tag, uint64_t* story) {
  if (v.size() < 12) return false;
  uint32_t t = 0;
  uint64_t h = 0;
  for (int i = 3; i >= 0; --i) t = (t << 8) | static_cast<unsigned char>(v[i]);
  for (int i = 11; i >= 4; --i) h = (h << 8) | static_cast<unsigned char>(v[i]);
  *tag = t;
  *story = h;
  return true;
}
template <typename Fn>
bool ForEachFacetId(std::string_view v, Fn&& fn) {
  size_t at = 12;
  auto varint = [&](uint32_t* out) {
    uint32_t x = 0;
    for (int shift = 0; shift < 35; shift += 7) {
      if (at >= v.size()) return false;
      unsigned char b = static_cast<unsigned char>(v[at++]);
      x |= static_cast<uint32_t>(b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        *out = x;
        return true;
      }
    }
    return false;
  };
  if (v.size() < 12) return false;
  for (int facet = 0; facet < kFacetKinds; ++facet) {
    uint32_t n = 0;
    if (!varint(&n)) return false;
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t id = 0;
      if (!varint(&id)) return false;
      fn(facet, id);
    }
  }
  return true;
}

// Checks that `db` was written with this schema and the given analyzer version. Returns
// an empty string when it is usable, else a sentence saying why not.
std::string CheckCompatible(const Xapian::Database& db, int analyzer_version);

}  // namespace kavosh::schema

#endif  // KAVOSH_SCHEMA_SCHEMA_H_
