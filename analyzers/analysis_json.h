// The JSON form of an analysis, shared by kavosh-analyze --json and GET /api/v1/analyze.
//
//   nlohmann::json j = AnalysisToJson(analyzer, "بانک‌ها");
//   // {"analyzer_version":1,"tokens":[{"text":"بانک‌ها","start":0,"end":15,…}]}
#ifndef KAVOSH_ANALYZERS_ANALYSIS_JSON_H_
#define KAVOSH_ANALYZERS_ANALYSIS_JSON_H_

#include <string_view>

#include <nlohmann/json.hpp>

#include "analyzers/analyzer.h"

namespace kavosh::analyzers {

// `text` of each token is the original bytes [start, end); invalid UTF-8 in it is
// replaced when serialised.
nlohmann::json AnalysisToJson(Analyzer& analyzer, std::string_view text);

}  // namespace kavosh::analyzers

#endif  // KAVOSH_ANALYZERS_ANALYSIS_JSON_H_
