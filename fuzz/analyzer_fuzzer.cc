// The Persian analyzer on arbitrary bytes: Analyze, IndexTerms, the Xapian terms of a
// document and of a query, and the JSON of kavosh-analyze. Beyond crashes it checks the
// contract of analyzer.h: offsets inside the text and in order, no terms for stopwords.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "analyzers/analysis_json.h"
#include "analyzers/analyzer.h"
#include "analyzers/xapian_terms.h"

namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "analyzer contract broken: %s\n", what);
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace an = kavosh::analyzers;
  static an::Analyzer analyzer;
  std::string_view text(reinterpret_cast<const char*>(data), size);

  std::vector<an::Token> tokens = analyzer.Analyze(text);
  size_t previous_end = 0;
  for (const an::Token& t : tokens) {
    Check(t.start < t.end, "empty token");
    Check(t.end <= text.size(), "token ends past the text");
    Check(t.start >= previous_end, "tokens overlap or go backwards");
    previous_end = t.end;
    std::vector<std::string> terms = an::IndexTerms(t);
    Check(!t.stopword || terms.empty(), "a stopword has terms");
    for (const std::string& term : terms) Check(!term.empty(), "empty term");
    Check(t.parts.size() == t.part_stems.size(), "parts and part stems differ in number");
    (void)analyzer.Stem(t.normalized);
  }

  Xapian::Document doc;
  an::IndexTokens(tokens, "", 1, 1, &doc);
  an::IndexText(analyzer, text, "S", 1, 1, &doc);
  Xapian::Query phrase = an::PhraseQuery(tokens, "");
  (void)phrase.get_description();
  if (!tokens.empty()) (void)an::WordQuery(tokens.front(), "");

  nlohmann::json j = an::AnalysisToJson(analyzer, text);
  std::string dumped = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  Check(!dumped.empty(), "empty JSON");
  return 0;
}
