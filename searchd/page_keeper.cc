#include "searchd/page_keeper.h"

#include <algorithm>

#include "schema/schema.h"

namespace kavosh::search {

PageKeeper::PageKeeper(std::shared_ptr<const FacetColumn> column, Xapian::doccount keep)
    : column_(std::move(column)), keep_(keep) {
  kept_.reserve(keep_);
}

bool PageKeeper::Before(const Entry& a, const Entry& b) {
  if (a.weight != b.weight) return a.weight > b.weight;
  if (a.id != b.id) return a.id < b.id;
  return a.did < b.did;
}

void PageKeeper::operator()(const Xapian::Document& doc, double wt) {
  if (shown_ == limit_) throw Enough{};
  ++shown_;
  const Xapian::docid did = doc.get_docid();
  last_ = did;
  // Most matches fall below the last kept, once there are enough: one comparison.
  if (keep_ == 0 || (kept_.size() == keep_ && wt < kept_[worst_].weight)) return;
  Offer({wt, did, column_->StoryOf(did), doc.get_value(schema::kSlotId)});
}

void PageKeeper::Add(Xapian::docid did, double weight, std::string id) {
  if (keep_ > 0) Offer({weight, did, column_->StoryOf(did), std::move(id)});
}

void PageKeeper::Offer(Entry entry) {
  for (Entry& e : kept_) {
    if (e.story != entry.story) continue;
    // Another copy of a kept story: the better of the two stays.
    if (Before(entry, e)) {
      e = std::move(entry);
      if (kept_.size() == keep_) FindWorst();
    }
    return;
  }
  if (kept_.size() < keep_) {
    kept_.push_back(std::move(entry));
    if (kept_.size() == keep_) FindWorst();
    return;
  }
  if (!Before(entry, kept_[worst_])) return;
  kept_[worst_] = std::move(entry);
  FindWorst();
}

void PageKeeper::FindWorst() {
  worst_ = 0;
  for (size_t i = 1; i < kept_.size(); ++i) {
    if (Before(kept_[worst_], kept_[i])) worst_ = i;
  }
}

void PageKeeper::Absorb(const PageKeeper& other) {
  for (const Entry& e : other.kept_) Offer(e);
}

std::vector<Ranked> PageKeeper::Page(Xapian::doccount first, Xapian::doccount count) const {
  std::vector<const Entry*> order;
  order.reserve(kept_.size());
  for (const Entry& e : kept_) order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) { return Before(*a, *b); });
  std::vector<Ranked> page;
  for (size_t i = first; i < order.size() && i < size_t{first} + count; ++i) {
    page.push_back({order[i]->did, order[i]->weight});
  }
  return page;
}

}  // namespace kavosh::search
