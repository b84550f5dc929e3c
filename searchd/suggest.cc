// Searcher::Suggest: as-you-type completions from organisation names, frequent index
// terms and titles. Every source is bounded (terms scanned, wildcard expansions, titles
// fetched) so a one-letter prefix costs no more than a long one.
#include <algorithm>
#include <unordered_set>

#include "analyzers/normalizer.h"
#include "analyzers/xapian_terms.h"
#include "schema/schema.h"
#include "searchd/searcher.h"

namespace kavosh::search {

namespace sc = kavosh::schema;

namespace {

constexpr size_t kMaxTermsScanned = 5000;
constexpr Xapian::termcount kMaxWildcardTerms = 40;
constexpr size_t kMaxOrgSuggestions = 3;
constexpr size_t kMaxTermSuggestions = 3;

bool StartsWithWord(std::string_view name_key, std::string_view key) {
  for (size_t at = name_key.find(key); at != std::string_view::npos; at = name_key.find(key, at + 1)) {
    if (at == 0 || name_key[at - 1] == ' ') return true;
  }
  return false;
}

}  // namespace

const std::vector<Searcher::OrgName>& Searcher::OrgNames() {
  uint64_t rev = revision();
  if (rev == org_names_revision_ && rev != 0) return org_names_;
  org_names_.clear();
  std::string p(sc::kPrefixOrg);
  for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p); ++it) {
    std::string name = (*it).substr(p.size());
    org_names_.push_back({analyzers::NormalizeKey(name), name, it.get_termfreq()});
  }
  std::sort(org_names_.begin(), org_names_.end(),
            [](const OrgName& a, const OrgName& b) { return a.articles > b.articles; });
  org_names_revision_ = rev;
  return org_names_;
}

std::vector<Suggestion> Searcher::SuggestOnce(std::string_view prefix, size_t limit) {
  std::vector<Suggestion> out;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string text, const char* kind) {
    if (out.size() >= limit || text.empty()) return;
    std::string key = analyzers::NormalizeKey(text);
    if (!seen.insert(key).second) return;
    out.push_back({std::move(text), kind});
  };
  std::string key = analyzers::NormalizeKey(prefix);
  if (key.empty() || limit == 0) return out;
  size_t space = key.rfind(' ');
  std::string head = space == std::string::npos ? "" : key.substr(0, space);
  std::string last = space == std::string::npos ? key : key.substr(space + 1);
  bool typing_word = !prefix.empty() && prefix.back() != ' ' && !last.empty();

  // Organisations whose name has a word starting with what was typed.
  size_t orgs = 0;
  for (const OrgName& org : OrgNames()) {
    if (orgs == kMaxOrgSuggestions) break;
    if (StartsWithWord(org.key, key)) {
      add(org.name, "org");
      ++orgs;
    }
  }

  // The word being typed, completed with the index's most frequent words.
  std::vector<std::pair<Xapian::doccount, std::string>> words;
  if (typing_word) {
    size_t scanned = 0;
    for (auto it = db_.allterms_begin(last); it != db_.allterms_end(last) && scanned < kMaxTermsScanned;
         ++it, ++scanned) {
      words.emplace_back(it.get_termfreq(), *it);
    }
    std::sort(words.begin(), words.end(), [](const auto& a, const auto& b) {
      return a.first != b.first ? a.first > b.first : a.second < b.second;
    });
    for (size_t i = 0; i < words.size() && i < kMaxTermSuggestions; ++i) {
      add(head.empty() ? words[i].second : head + " " + words[i].second, "term");
    }
  }

  // Titles containing the words typed, the last one as a prefix.
  if (out.size() < limit && analyzers::CountCodePoints(last) >= 2) {
    std::vector<Xapian::Query> parts;
    std::string title(sc::kPrefixTitle);
    for (const analyzers::Token& t : analyzer_.Analyze(head)) {
      if (!t.stopword && !t.normalized.empty()) parts.push_back(analyzers::WordQuery(t, title));
    }
    if (typing_word) {
      parts.emplace_back(Xapian::Query::OP_WILDCARD, title + last, kMaxWildcardTerms,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    } else {
      for (const analyzers::Token& t : analyzer_.Analyze(last)) {
        if (!t.stopword) parts.push_back(analyzers::WordQuery(t, title));
      }
    }
    if (!parts.empty()) {
      Xapian::Enquire enquire(db_);
      enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()));
      enquire.set_collapse_key(sc::kSlotStory);
      Xapian::MSet mset = enquire.get_mset(0, static_cast<Xapian::doccount>(limit));
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        nlohmann::json data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
        if (data.is_object()) add(data.value("title", std::string()), "title");
      }
    }
  }
  return out;
}

}  // namespace kavosh::search
