#include "indexer/core/enricher.h"

#include "indexer/dates/date_extractor.h"
#include "indexer/entities/entity_extractor.h"
#include "indexer/entities/event_types.h"

namespace kavosh::indexer {

namespace {

bool Before(const dates::GregorianDate& a, const dates::GregorianDate& b) {
  if (a.year != b.year) return a.year < b.year;
  if (a.month != b.month) return a.month < b.month;
  return a.day < b.day;
}

}  // namespace

void Enricher::Enrich(schema::Article* a, const dates::GregorianDate& reference) const {
  dates::DateContext ctx;
  ctx.reference = reference;
  ctx.published = a->published;
  a->date = dates::ExtractArticleDate(a->title, a->body, ctx);
  // Tokenised once for entities and event types.
  const entities::TokenizedText title(a->title), body(a->body);
  entities::Entities found = entities::ExtractEntities(title, body, *gazetteer_);
  a->orgs = std::move(found.orgs);
  a->places = std::move(found.places);
  a->people = std::move(found.people);
  a->types = gazetteer_->event_types().Classify(title, body);
}

dates::GregorianDate NewestWrittenDate(const std::vector<schema::Article>& articles) {
  dates::GregorianDate newest;
  dates::DateContext no_reference;  // dates without a year are dropped
  auto consider = [&](const dates::GregorianDate& d) {
    if (dates::IsValidGregorian(d) && (!dates::IsValidGregorian(newest) || Before(newest, d))) {
      newest = d;
    }
  };
  for (const auto& a : articles) {
    dates::GregorianDate published;
    if (!a.published.empty() && dates::ParseDateParam(a.published, &published)) consider(published);
    for (const auto& text : {a.title, a.body}) {
      for (const auto& d : dates::FindDates(text, no_reference)) {
        if (d.year == dates::YearSource::kWritten) consider(d.gregorian);
      }
    }
  }
  return newest;
}

}  // namespace kavosh::indexer
