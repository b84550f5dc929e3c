// The writer's side of kSlotFacetIds (schema.h): numbers for facet names, one dictionary
// per database, kept in its metadata. Single-threaded: the writer thread owns it.
//
//   FacetDictionary dict(&db);
//   doc.add_value(schema::kSlotFacetIds, dict.Encode(story, article, month));
//   db.commit();   // new names are committed with the documents that use them
#ifndef KAVOSH_INDEXER_CORE_FACET_DICTIONARY_H_
#define KAVOSH_INDEXER_CORE_FACET_DICTIONARY_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "schema/schema.h"

namespace kavosh::indexer {

class FacetDictionary {
 public:
  // Reads the tag and the names already numbered from `db`'s metadata.
  explicit FacetDictionary(Xapian::WritableDatabase* db);

  // kSlotFacetIds for article `id` of `story` with these values. A database's tag is set
  // by the first article it encodes (StoryHash of its id): the same input gives the same
  // database, and shards of one index (each article in one shard) get different tags.
  std::string Encode(const std::string& id, const std::string& story, const std::vector<std::string>& orgs,
                     const std::vector<std::string>& types, const std::vector<std::string>& places,
                     const std::string& month);

 private:
  uint32_t Id(int facet, const std::string& name);

  Xapian::WritableDatabase* db_;
  uint32_t tag_ = 0;  // 0 until known
  std::unordered_map<std::string, uint32_t> ids_[schema::kFacetKinds];
};

}  // namespace kavosh::indexer

#endif  // KAVOSH_INDEXER_CORE_FACET_DICTIONARY_H_
