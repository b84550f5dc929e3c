// Enrichment: fills an article's event date, organisations, places, people and event
// types from its text (issue 4 modules), before it is indexed.
//
//   auto gazetteer = kavosh::entities::Gazetteer::Load({});
//   kavosh::indexer::Enricher enricher(&gazetteer);
//   enricher.Enrich(&article, reference_day);
//
// Thread-safe: Enrich() is const and the gazetteer is immutable.
#ifndef KAVOSH_INDEXER_CORE_ENRICHER_H_
#define KAVOSH_INDEXER_CORE_ENRICHER_H_

#include "indexer/dates/jalali.h"
#include "indexer/entities/gazetteer.h"
#include "schema/article.h"

namespace kavosh::indexer {

class Enricher {
 public:
  explicit Enricher(const entities::Gazetteer* gazetteer) : gazetteer_(gazetteer) {}

  // `reference` is the day the input was collected (an invalid date: use the article's
  // published date). Never fails: what cannot be found stays empty.
  void Enrich(schema::Article* article, const dates::GregorianDate& reference) const;

 private:
  const entities::Gazetteer* gazetteer_;
};

// The newest date written with its year in the articles' text or published fields: the
// default reference date of an input (interfaces.md, --reference-date). Invalid if none.
dates::GregorianDate NewestWrittenDate(const std::vector<schema::Article>& articles);

}  // namespace kavosh::indexer

#endif  // KAVOSH_INDEXER_CORE_ENRICHER_H_
