// kavosh-analyze: shows what the Persian analyzer makes of a text.
//   kavosh-analyze [--json] "TEXT"     (or the text on standard input)
#include <iostream>
#include <iterator>
#include <string>

#include <nlohmann/json.hpp>

#include "analyzers/analysis_json.h"

namespace {

int Usage(std::ostream& out, int status) {
  out << "usage: kavosh-analyze [--json] \"TEXT\"\n"
         "       kavosh-analyze [--json] < FILE\n"
         "Prints each token with its byte offsets, normalised form, stem and index terms.\n";
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  bool json = false;
  std::string text;
  bool have_text = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--json") {
      json = true;
    } else if (arg == "-h" || arg == "--help") {
      return Usage(std::cout, 0);
    } else if (arg.size() > 1 && arg[0] == '-' && arg[1] == '-') {
      std::cerr << "kavosh-analyze: unknown option " << arg << "\n";
      return Usage(std::cerr, 2);
    } else {
      if (have_text) text += ' ';
      text += arg;
      have_text = true;
    }
  }
  if (!have_text) {
    text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  }
  kavosh::analyzers::Analyzer analyzer;
  nlohmann::json result = kavosh::analyzers::AnalysisToJson(analyzer, text);
  if (json) {
    std::cout << result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::cout << "analyzer version " << result["analyzer_version"] << "\n";
  for (const auto& t : result["tokens"]) {
    std::cout << t["start"].get<size_t>() << "-" << t["end"].get<size_t>() << "\t"
              << t["text"].get<std::string>() << "\t→ " << t["normalized"].get<std::string>();
    if (t.value("stopword", false)) {
      std::cout << "\t(stopword)\n";
      continue;
    }
    std::cout << "\tstem " << t["stem"].get<std::string>() << "\tterms";
    for (const auto& term : t["terms"]) std::cout << " " << term.get<std::string>();
    std::cout << "\n";
  }
  return 0;
}
