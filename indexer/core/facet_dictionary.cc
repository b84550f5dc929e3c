#include "indexer/core/facet_dictionary.h"

namespace kavosh::indexer {

namespace sc = kavosh::schema;

FacetDictionary::FacetDictionary(Xapian::WritableDatabase* db) : db_(db) {
  std::string tag = db_->get_metadata(std::string(sc::kMetaFacetTag));
  if (tag.empty()) return;
  tag_ = static_cast<uint32_t>(std::stoul(tag, nullptr, 16));
  const std::string prefix = sc::FacetNamePrefix(tag_);
  for (Xapian::TermIterator it = db_->metadata_keys_begin(prefix); it != db_->metadata_keys_end(prefix);
       ++it) {
    int facet = 0;
    uint32_t id = 0;
    if (sc::ParseFacetNameKey(*it, prefix.size(), &facet, &id)) {
      ids_[facet].emplace(db_->get_metadata(*it), id);
    }
  }
}

uint32_t FacetDictionary::Id(int facet, const std::string& name) {
  auto [it, added] = ids_[facet].try_emplace(name, static_cast<uint32_t>(ids_[facet].size()));
  if (added) db_->set_metadata(sc::FacetNameKey(tag_, facet, it->second), name);
  return it->second;
}

std::string FacetDictionary::Encode(const std::string& id, const std::string& story, const std::vector<std::string>& orgs,
                                    const std::vector<std::string>& types,
                                    const std::vector<std::string>& places, const std::string& month) {
  if (tag_ == 0) {
    uint64_t h = sc::StoryHash(id);
    tag_ = static_cast<uint32_t>(h ^ (h >> 32));
    if (tag_ == 0) tag_ = 1;
    char hex[16];
    std::snprintf(hex, sizeof hex, "%08x", tag_);
    db_->set_metadata(std::string(sc::kMetaFacetTag), hex);
  }
  sc::FacetIds out;
  out.tag = tag_;
  out.story = sc::StoryHash(story);
  const std::vector<std::string>* lists[] = {&orgs, &types, &places};
  for (int facet = 0; facet < 3; ++facet) {
    for (const std::string& name : *lists[facet]) {
      if (!name.empty()) out.ids[facet].push_back(Id(facet, name));
    }
  }
  if (!month.empty()) out.ids[3].push_back(Id(3, month));
  return sc::EncodeFacetIds(out);
}

}  // namespace kavosh::indexer
