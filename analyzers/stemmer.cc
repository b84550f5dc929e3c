#include "analyzers/stemmer.h"

#include <array>

#include "analyzers/normalizer.h"

namespace kavosh::analyzers {

namespace {

struct SuffixRule {
  std::string_view suffix;
  size_t min_rest;  // code points that must remain
  bool ambiguous;   // also a common word ending: needs lexicon evidence
};

// Longest first. Persian letters are 2 bytes in UTF-8; min_rest counts code points.
constexpr std::array<SuffixRule, 22> kRules = {{
    {"هایشان", 2, false}, {"هایتان", 2, false}, {"هایمان", 2, false}, {"هایش", 2, false},
    {"هایت", 2, false},   {"هایم", 2, false},   {"هایی", 2, false},   {"های", 2, false},
    {"ها", 2, false},     {"ترین", 2, true},    {"تر", 2, true},      {"شان", 3, true},
    {"تان", 3, true},     {"مان", 3, true},     {"ان", 3, true},      {"ات", 3, true},
    {"ین", 3, true},      {"ای", 2, false},     {"ام", 3, true},      {"اش", 3, true},
    {"یی", 3, true},      {"ی", 3, true},
}};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && s.substr(0, prefix.size()) == prefix;
}

}  // namespace

Stemmer::Stemmer(std::shared_ptr<const Lexicon> lexicon) : lexicon_(std::move(lexicon)) {}

std::string Stemmer::StripSuffixes(std::string word) const {
  for (int round = 0; round < 2; ++round) {
    bool changed = false;
    for (const SuffixRule& rule : kRules) {
      if (!EndsWith(word, rule.suffix)) continue;
      std::string rest = word.substr(0, word.size() - rule.suffix.size());
      if (CountCodePoints(rest) < rule.min_rest) continue;
      if (lexicon_->IsProtected(word)) return word;
      // `جلسهای` is `جلسه` + indefinite `ای`, not `جلس` + plural `های`.
      if (rule.suffix.substr(0, 2) == "ه" && !lexicon_->IsKnownWord(rest) &&
          lexicon_->IsKnownWord(rest + "ه")) {
        continue;
      }
      // `ای`, `ی`, `ام`, `اش` after a final heh are the indefinite, ezafe and clitic
      // endings of words like `جلسه`; elsewhere they need lexicon evidence.
      bool after_heh = EndsWith(rest, "ه") &&
                       (rule.suffix == "ای" || rule.suffix == "ی" || rule.suffix == "ام" ||
                        rule.suffix == "اش");
      if (rule.suffix == "ای" && !after_heh) continue;
      if (rule.ambiguous && !after_heh) {
        if (!lexicon_->IsKnownWord(rest)) continue;
        bool comparative = rule.suffix == "تر" || rule.suffix == "ترین";
        // the word itself is a noun that takes a plural: not an inflected form
        if (!comparative && lexicon_->IsKnownWord(word + "ها")) continue;
        if (rule.suffix == "ی" && !lexicon_->IsKnownWord(rest + "ها")) continue;
      }
      word = std::move(rest);
      changed = true;
      break;
    }
    if (!changed) break;
    if (const std::string* lemma = lexicon_->Irregular(word)) return *lemma;
  }
  return word;
}

std::string Stemmer::Stem(std::string_view input) const {
  std::string word(input);
  if (word.empty() || lexicon_->IsProtected(word) || lexicon_->IsStopword(word)) return word;
  if (const std::string* lemma = lexicon_->Irregular(word)) return *lemma;
  unsigned char first = static_cast<unsigned char>(word[0]);
  if (first < 0x80) return word;  // Latin words and numbers are indexed as written
  if (lexicon_->IsPrefixedVerb(word)) {
    if (StartsWith(word, "نمی")) {
      word = word.substr(std::string_view("نمی").size());
    } else if (StartsWith(word, "می")) {
      word = word.substr(std::string_view("می").size());
    }
    if (const std::string* lemma = lexicon_->Irregular(word)) return *lemma;
    return word;
  }
  return StripSuffixes(std::move(word));
}

}  // namespace kavosh::analyzers
