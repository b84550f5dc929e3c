#include "indexer/core/document_builder.h"

#include <algorithm>
#include <string_view>
#include <vector>

#include "analyzers/normalizer.h"
#include "analyzers/xapian_terms.h"
#include "schema/schema.h"

namespace kavosh::indexer {

namespace {

namespace sc = kavosh::schema;

std::string P(std::string_view prefix) { return std::string(prefix); }

// "2025-04-25" -> "20250425".
std::string CompactDate(const std::string& iso) {
  std::string out;
  for (char c : iso) {
    if (c != '-') out += c;
  }
  return out;
}

// Xapian terms are limited to 245 bytes; long facet values are cut at a UTF-8 boundary.
std::string Bounded(std::string_view prefix, std::string_view value) {
  size_t limit = 240 - prefix.size();
  if (value.size() > limit) {
    size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
    value = value.substr(0, cut);
  }
  return std::string(prefix) + std::string(value);
}

std::string StoredData(const schema::Article& article) {
  return schema::ToJson(article).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

PreparedDocument PrepareDocument(schema::Article article, analyzers::Analyzer& analyzer) {
  PreparedDocument p;
  Xapian::Document& doc = p.document;
  std::vector<analyzers::Token> title = analyzer.Analyze(article.title);
  std::vector<analyzers::Token> body = analyzer.Analyze(article.body);

  analyzers::IndexTokens(title, "", 1, sc::kTitleWdf, &doc);
  analyzers::IndexTokens(title, P(sc::kPrefixTitle), 1, 1, &doc);
  analyzers::IndexTokens(body, "", sc::kBodyPositionOffset, 1, &doc);

  doc.add_boolean_term(Bounded(sc::kPrefixId, article.id));
  doc.add_value(sc::kSlotId, article.id);
  std::string day = article.date.empty() ? "" : CompactDate(article.date.gregorian);
  doc.add_value(sc::kSlotNewestKey, (day.empty() ? "00000000" : day) + article.id);
  doc.add_value(sc::kSlotOldestKey, (day.empty() ? "99999999" : day) + article.id);
  doc.add_boolean_term(P(sc::kAllTerm));
  for (const auto& org : article.orgs) doc.add_boolean_term(Bounded(sc::kPrefixOrg, org));
  for (const auto& place : article.places) doc.add_boolean_term(Bounded(sc::kPrefixPlace, place));
  for (const auto& type : article.types) doc.add_boolean_term(Bounded(sc::kPrefixType, type));
  for (const auto& person : article.people) {
    doc.add_boolean_term(Bounded(sc::kPrefixPerson, analyzers::NormalizeKey(person)));
  }
  if (!article.source.empty()) {
    doc.add_boolean_term(Bounded(sc::kPrefixSource, analyzers::NormalizeKey(article.source)));
  }
  if (!article.date.empty()) {
    doc.add_value(sc::kSlotDate, CompactDate(article.date.gregorian));
    std::string month = article.date.jalali.substr(0, 7);  // "1404-02"
    doc.add_value(sc::kSlotMonth, month);
    doc.add_boolean_term(P(sc::kPrefixMonth) + month);
  }
  doc.add_value(sc::kSlotOrgs, sc::EncodeList(article.orgs));
  doc.add_value(sc::kSlotPlaces, sc::EncodeList(article.places));
  doc.add_value(sc::kSlotTypes, sc::EncodeList(article.types));

  p.fingerprint = Fingerprint::Of(title, body);
  doc.add_boolean_term(P(sc::kPrefixExact) + p.fingerprint.exact_key);
  doc.add_value(sc::kSlotContentHash, p.fingerprint.exact_key);
  if (!p.fingerprint.signature.empty()) {
    doc.add_value(sc::kSlotMinHash, EncodeSignature(p.fingerprint.signature));
  }

  std::vector<std::string_view> words;
  for (const auto* tokens : {&title, &body}) {
    for (const auto& t : *tokens) {
      if (t.stopword || t.numeric || t.normalized.size() < 6) continue;  // 3+ letters
      if (static_cast<unsigned char>(t.normalized[0]) < 0x80) continue;  // Persian words only
      words.push_back(t.normalized);
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  p.spelling_words.assign(words.begin(), words.end());
  p.article = std::move(article);
  p.article.story = p.article.id;
  p.own_story_data = StoredData(p.article);
  return p;
}

void FinishDocument(const std::string& story, PreparedDocument* p) {
  p->document.add_boolean_term(Bounded(schema::kPrefixStory, story));
  p->document.add_value(schema::kSlotStory, story);
  const schema::Article& a = p->article;
  std::string month = a.date.jalali.size() >= 7 ? a.date.jalali.substr(0, 7) : "";
  p->document.add_value(schema::kSlotFacets,
                        schema::EncodeFacetKey({story, a.orgs, a.types, a.places, month}));
  if (story == p->article.story && !p->own_story_data.empty()) {
    p->document.set_data(std::move(p->own_story_data));
    p->own_story_data.clear();
    return;
  }
  p->article.story = story;
  p->document.set_data(StoredData(p->article));
}

}  // namespace kavosh::indexer
