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
constexpr size_t kMaxSpellingsScanned = 200000;
constexpr Xapian::termcount kMaxWildcardTerms = 20;
constexpr size_t kMaxOrgSuggestions = 3;
constexpr size_t kMaxTermSuggestions = 3;

bool StartsWithWord(std::string_view name_key, std::string_view key) {
  for (size_t at = name_key.find(key); at != std::string_view::npos; at = name_key.find(key, at + 1)) {
    if (at == 0 || name_key[at - 1] == ' ') return true;
  }
  return false;
}

}  // namespace

// The spelling table holds every indexed word with its frequency, packed densely: all
// the words of a prefix are read in about a millisecond even at a million articles,
// where walking the index's own terms must step over their postings (5,000 of them took
// 6 to 7 ms). Only the best `limit` so far are kept (a heap), so a word is copied and
// checked against the stopwords only when it is among them. Without a spelling table
// (remote shards), or when it has no word of the prefix (Latin, two letters), the
// index's terms are walked, at most kMaxTermsScanned of them.
std::vector<std::string> Searcher::Completions(const std::string& prefix, size_t limit) {
  using Word = std::pair<Xapian::doccount, std::string>;
  // Better: more frequent, then alphabetical. The heap's top is the worst kept.
  auto better = [](const Word& a, const Word& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  std::vector<Word> best;
  if (limit == 0) return {};
  auto offer = [&](Xapian::doccount freq, const std::string& word) {
    if (best.size() == limit) {
      const Word& worst = best.front();
      if (freq < worst.first || (freq == worst.first && word >= worst.second)) return;
    }
    if (analyzer_.lexicon().IsStopword(word)) return;
    if (best.size() == limit) {
      std::pop_heap(best.begin(), best.end(), better);
      best.pop_back();
    }
    best.emplace_back(freq, word);
    std::push_heap(best.begin(), best.end(), better);
  };
  const Xapian::Database* spelling = Spelling();
  if (spelling != nullptr) {
    Xapian::TermIterator it = spelling->spellings_begin();
    it.skip_to(prefix);
    for (size_t n = 0; it != spelling->spellings_end() && n < kMaxSpellingsScanned; ++it, ++n) {
      const std::string& word = *it;
      if (word.compare(0, prefix.size(), prefix) != 0) break;
      offer(it.get_termfreq(), word);
    }
  }
  if (best.empty()) {
    // Words are exact terms, or stem terms for the words that are their own stem.
    std::unordered_set<std::string> offered;
    for (const std::string& terms_prefix : {std::string(sc::kPrefixStem), std::string()}) {
      size_t scanned = 0;
      const std::string p = terms_prefix + prefix;
      for (auto it = db_.allterms_begin(p); it != db_.allterms_end(p) && scanned < kMaxTermsScanned;
           ++it, ++scanned) {
        std::string word = (*it).substr(terms_prefix.size());
        if (offered.insert(word).second) offer(it.get_termfreq(), word);
      }
    }
  }
  std::sort_heap(best.begin(), best.end(), better);
  std::vector<std::string> out;
  for (Word& w : best) out.push_back(std::move(w.second));
  return out;
}

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

  // The word being typed, completed with the index's most frequent words (not stopwords).
  std::vector<std::string> completions;
  if (typing_word) {
    completions = Completions(last, kMaxWildcardTerms);
    for (size_t i = 0; i < completions.size() && i < kMaxTermSuggestions; ++i) {
      add(head.empty() ? completions[i] : head + " " + completions[i], "term");
    }
  }

  // The newest titles containing the words typed, the last one as a prefix: its most
  // frequent completions (above) as title terms, or Xapian's wildcard when there are none.
  if (out.size() < limit && analyzers::CountCodePoints(last) >= 2) {
    std::vector<Xapian::Query> parts;
    std::string title(sc::kPrefixTitle);
    for (const analyzers::Token& t : analyzer_.Analyze(head)) {
      if (!t.stopword && !t.normalized.empty()) parts.push_back(analyzers::WordQuery(t, title));
    }
    if (typing_word && !completions.empty()) {
      std::vector<Xapian::Query> words;
      for (const std::string& w : completions) {
        words.emplace_back(analyzers::PositionalTerm(w, analyzer_.Stem(w), title));
      }
      parts.emplace_back(Xapian::Query::OP_OR, words.begin(), words.end());
    } else if (typing_word) {
      // Forms with an exact title term, and those that are their own stem.
      parts.emplace_back(
          Xapian::Query::OP_OR,
          Xapian::Query(Xapian::Query::OP_WILDCARD, title + last, kMaxWildcardTerms,
                        Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT),
          Xapian::Query(Xapian::Query::OP_WILDCARD, std::string(sc::kPrefixStem) + title + last,
                        kMaxWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT));
    } else {
      for (const analyzers::Token& t : analyzer_.Analyze(last)) {
        if (!t.stopword) parts.push_back(analyzers::WordQuery(t, title));
      }
    }
    if (!parts.empty()) {
      // Newest first, month by month (ByDateInMonths): no weights to compute, and only
      // the newest matches are looked at.
      Xapian::Enquire enquire(db_);
      enquire.set_weighting_scheme(Xapian::BoolWeight());
      enquire.set_collapse_key(sc::kSlotStory);
      enquire.set_sort_by_value(sc::kSlotNewestKey, true);
      Xapian::MSet mset = ByDateInMonths(&enquire, Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end()),
                                         true, 0, static_cast<Xapian::doccount>(limit));
      for (auto it = mset.begin(); it != mset.end(); ++it) {
        nlohmann::json data = nlohmann::json::parse(it.get_document().get_data(), nullptr, false);
        if (data.is_object()) add(data.value("title", std::string()), "title");
      }
    }
  }
  return out;
}

}  // namespace kavosh::search
