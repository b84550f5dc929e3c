#include "analyzers/analysis_json.h"

#include <string>

namespace kavosh::analyzers {

nlohmann::json AnalysisToJson(Analyzer& analyzer, std::string_view text) {
  nlohmann::json tokens = nlohmann::json::array();
  for (const Token& t : analyzer.Analyze(text)) {
    nlohmann::json j = {{"text", std::string(text.substr(t.start, t.end - t.start))},
                        {"start", t.start},
                        {"end", t.end},
                        {"normalized", t.normalized},
                        {"position", t.position}};
    if (t.stopword) {
      j["stopword"] = true;
    } else {
      j["stem"] = t.stem;
      j["terms"] = IndexTerms(t);
      if (!t.parts.empty()) j["parts"] = t.parts;
    }
    tokens.push_back(std::move(j));
  }
  return {{"analyzer_version", kAnalyzerVersion}, {"tokens", std::move(tokens)}};
}

}  // namespace kavosh::analyzers
