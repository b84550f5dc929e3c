#include "analyzers/xapian_terms.h"

namespace kavosh::analyzers {

namespace {

const std::string kStemPrefix = "Z";

}  // namespace

Xapian::termpos IndexTokens(const std::vector<Token>& tokens, const std::string& prefix,
                            Xapian::termpos first_position, Xapian::termcount wdf,
                            Xapian::Document* doc) {
  Xapian::termpos last = first_position;
  // Terms are built in two reused buffers: no allocation per term once they have grown.
  std::string exact = prefix;
  std::string stem = kStemPrefix + prefix;
  const size_t exact_prefix = exact.size();
  const size_t stem_prefix = stem.size();
  auto exact_term = [&](const std::string& form) -> const std::string& {
    return exact.replace(exact_prefix, std::string::npos, form);
  };
  auto stem_term = [&](const std::string& form) -> const std::string& {
    return stem.replace(stem_prefix, std::string::npos, form);
  };
  for (const Token& t : tokens) {
    Xapian::termpos pos = first_position + t.position;
    last = pos + t.width;
    if (t.stopword || t.normalized.empty()) continue;
    // A word that is its own stem: its stem term holds its positions (IndexTerms).
    if (t.normalized == t.stem) {
      doc->add_posting(stem_term(t.stem), pos, wdf);
    } else {
      doc->add_posting(exact_term(t.normalized), pos, wdf);
      doc->add_term(stem_term(t.stem), wdf);
    }
    for (size_t i = 0; i < t.parts.size(); ++i) {
      const std::string& part = t.parts[i];
      if (t.part_stems[i].empty()) continue;  // a stopword inside a compound
      if (part == t.normalized) {
        doc->add_term(stem_term(t.part_stems[i]), wdf);  // positions: the word's, above
      } else if (part == t.part_stems[i]) {
        doc->add_posting(stem_term(part), pos + i, wdf);
      } else {
        doc->add_posting(exact_term(part), pos + i, wdf);
        doc->add_term(stem_term(t.part_stems[i]), wdf);
      }
    }
  }
  return last;
}

Xapian::termpos IndexText(Analyzer& analyzer, std::string_view text, const std::string& prefix,
                          Xapian::termpos first_position, Xapian::termcount wdf,
                          Xapian::Document* doc) {
  return IndexTokens(analyzer.Analyze(text), prefix, first_position, wdf, doc);
}

Xapian::Query WordQuery(const Token& token, const std::string& prefix) {
  if (token.stopword || token.normalized.empty()) return Xapian::Query();
  std::vector<Xapian::Query> alternatives;
  if (token.normalized != token.stem) {  // else the stem term is the exact form's
    alternatives.emplace_back(prefix + token.normalized, 1, token.position + 1);
  }
  alternatives.emplace_back(kStemPrefix + prefix + token.stem, 1, token.position + 1);
  if (!token.parts.empty()) {
    std::vector<Xapian::Query> parts;
    for (size_t i = 0; i < token.parts.size(); ++i) {
      if (token.part_stems[i].empty()) continue;
      parts.emplace_back(PositionalTerm(token.parts[i], token.part_stems[i], prefix));
    }
    if (parts.size() > 1) {
      alternatives.emplace_back(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                                static_cast<Xapian::termcount>(token.parts.size()));
    }
  }
  return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

Xapian::Query PhraseQuery(const std::vector<Token>& tokens, const std::string& prefix) {
  std::vector<Xapian::Query> terms;
  const Token* single = nullptr;
  Xapian::termpos first = 0, end = 0;
  for (const Token& t : tokens) {
    if (t.stopword || t.normalized.empty()) continue;
    if (terms.empty()) first = t.position;
    end = t.position + t.width;
    single = terms.empty() ? &t : nullptr;
    if (t.parts.empty()) {
      terms.emplace_back(PositionalTerm(t.normalized, t.stem, prefix));
      continue;
    }
    for (size_t i = 0; i < t.parts.size(); ++i) {
      if (!t.part_stems[i].empty()) terms.emplace_back(PositionalTerm(t.parts[i], t.part_stems[i], prefix));
    }
  }
  if (terms.empty()) return Xapian::Query();
  if (single != nullptr) return WordQuery(*single, prefix);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), end - first);
}

}  // namespace kavosh::analyzers
