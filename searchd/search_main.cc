// kavosh-search: the command-line search, with the daemon's parser, ranking and JSON.
//
//   kavosh-search --db DB [--org X]... [--type T]... [--place P]... [--month 1404-02]...
//                 [--from D] [--to D] [--sort relevance|newest|oldest] [--page N]
//                 [--per-page N] [--recency R] [--json] "QUERY"
//   kavosh-search --db DB --topics FILE.tsv --run OUT.txt [--depth 100] [--tag kavosh]
//
// Exit status: 0 on success, 1 when a topic file line was malformed (it is skipped),
// 2 on bad flags or a database that cannot be opened.
#include <unistd.h>

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

#include "searchd/request.h"
#include "searchd/response_json.h"
#include "searchd/searcher.h"

namespace {

using kavosh::search::Params;

constexpr const char* kUsage =
    "usage: kavosh-search --db DB [--org X]... [--type T]... [--place P]... [--month M]...\n"
    "                     [--from DATE] [--to DATE] [--sort relevance|newest|oldest]\n"
    "                     [--page N] [--per-page N] [--recency R] [--match all|any]\n"
    "                     [--expand] [--json] [QUERY...]\n"
    "       kavosh-search --db DB --topics FILE.tsv --run OUT.txt [--depth N] [--tag NAME]\n"
    "                     [--match all|any] [--no-expand]   (topics default: any, expanded)\n"
    "ranking experiments: --bm25 K1,B  --exact W  --coord W  --fb DOCS,TERMS,WEIGHT\n"
    "also: --data-dir DIR (gazetteers)\n";

int Usage(const std::string& why) {
  std::cerr << "kavosh-search: " << why << "\n" << kUsage;
  return 2;
}

// Strips <mark> for a terminal: bold when stdout is a terminal, «…» otherwise; unescapes.
std::string Plain(const std::string& html, bool tty) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    auto starts = [&](std::string_view s) { return html.compare(i, s.size(), s) == 0; };
    if (starts("<mark>")) { out += tty ? "\033[1m" : "«"; i += 6; }
    else if (starts("</mark>")) { out += tty ? "\033[0m" : "»"; i += 7; }
    else if (starts("&lt;")) { out += '<'; i += 4; }
    else if (starts("&gt;")) { out += '>'; i += 4; }
    else if (starts("&quot;")) { out += '"'; i += 6; }
    else if (starts("&#39;")) { out += '\''; i += 5; }
    else if (starts("&amp;")) { out += '&'; i += 5; }
    else { out += html[i++]; }
  }
  return out;
}

std::string Join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

void PrintHuman(const kavosh::search::SearchResult& r) {
  bool tty = isatty(STDOUT_FILENO) != 0;
  std::cout << r.total << (r.total_is_exact ? "" : "+") << " results, page " << r.page << " ("
            << r.took_ms << " ms)" << (r.relaxed ? ", not every word found" : "") << "\n";
  if (r.did_you_mean) std::cout << "did you mean: " << *r.did_you_mean << "\n";
  for (const std::string& w : r.warnings) std::cout << "note: " << w << "\n";
  int rank = (r.page - 1) * r.per_page;
  for (const kavosh::search::Hit& h : r.hits) {
    const auto& a = h.article;
    std::cout << "\n" << ++rank << ". " << Plain(h.title_html, tty) << "\n   ";
    if (!a.date.empty()) std::cout << a.date.jalali << " (" << a.date.gregorian << ")  ";
    std::cout << "id " << a.id << "  score " << h.score;
    if (h.duplicates > 0) std::cout << "  +" << h.duplicates << " copies";
    std::cout << "\n";
    if (!a.types.empty() || !a.orgs.empty()) {
      std::cout << "   " << Join(a.types, ", ") << (a.orgs.empty() ? "" : " · ") << Join(a.orgs, "، ")
                << "\n";
    }
    std::cout << "   " << Plain(h.snippet_html, tty) << "\n";
    if (!a.url.empty()) std::cout << "   " << a.url << "\n";
  }
}

int RunTopics(kavosh::search::Searcher& searcher, const std::string& topics_path,
              const std::string& run_path, int depth, const std::string& tag, bool match_any_topics,
              bool expand) {
  std::ifstream topics(topics_path);
  if (!topics) return Usage("cannot read " + topics_path);
  std::ofstream run(run_path);
  if (!run) return Usage("cannot write " + run_path);
  std::string line;
  int line_no = 0, status = 0;
  while (std::getline(topics, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      std::cerr << topics_path << ":" << line_no << ": expected qid<TAB>query\n";
      status = 1;
      continue;
    }
    kavosh::search::SearchRequest r;
    r.q = line.substr(tab + 1);
    r.per_page = depth;
    r.facets = false;
    r.snippets = false;
    r.match = match_any_topics ? kavosh::search::Match::kAny : kavosh::search::Match::kAll;
    r.expand = expand;
    kavosh::search::SearchResult result = searcher.Search(r);
    int rank = 0;
    run << std::setprecision(9);
    for (const auto& h : result.hits) {
      run << line.substr(0, tab) << " Q0 " << h.article.id << " " << ++rank << " " << h.score << " "
          << tag << "\n";
    }
  }
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  std::string db, topics, run_path, data_dir, tag = "kavosh";
  int depth = 100;
  bool json = false, expand = false, no_expand = false;
  Params params;
  std::vector<std::string> words;
  kavosh::search::SearchOptions options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "--json") {
      json = true;
    } else if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--db" || arg == "--topics" || arg == "--run" || arg == "--data-dir" ||
               arg == "--tag") {
      if (!value(&v)) return Usage(arg + " needs a value");
      (arg == "--db" ? db : arg == "--topics" ? topics : arg == "--run" ? run_path
                          : arg == "--tag" ? tag : data_dir) = v;
    } else if (arg == "--depth") {
      if (!value(&v)) return Usage(arg + " needs a value");
      depth = std::atoi(v.c_str());
      if (depth < 1 || depth > 1000) return Usage("--depth must be 1 to 1000");
    } else if (arg == "--exact") {
      if (!value(&v)) return Usage("--exact needs a number");
      options.ranking.exact_weight = std::atof(v.c_str());
    } else if (arg == "--expand") {
      expand = true;
    } else if (arg == "--no-expand") {
      no_expand = true;
    } else if (arg == "--fb") {
      if (!value(&v) || std::sscanf(v.c_str(), "%u,%u,%lf", &options.ranking.feedback_docs,
                                    &options.ranking.feedback_terms, &options.ranking.feedback_weight) != 3) {
        return Usage("--fb needs DOCS,TERMS,WEIGHT");
      }
    } else if (arg == "--coord") {
      if (!value(&v)) return Usage("--coord needs a number");
      options.ranking.coordination = std::atof(v.c_str());
    } else if (arg == "--bm25") {
      if (!value(&v) || std::sscanf(v.c_str(), "%lf,%lf", &options.ranking.k1, &options.ranking.b) != 2) {
        return Usage("--bm25 needs K1,B");
      }
    } else if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      static const std::vector<std::string> kParams = {"org", "type", "place", "month", "from", "to",
                                                       "sort", "page", "per-page", "recency", "match"};
      std::string name = arg.substr(2);
      if (std::find(kParams.begin(), kParams.end(), name) == kParams.end()) {
        return Usage("unknown option " + arg);
      }
      if (!value(&v)) return Usage(arg + " needs a value");
      if (name == "per-page") name = "per_page";
      params.emplace(name, v);
    } else if (arg == "-") {
      std::stringstream in;
      in << std::cin.rdbuf();
      words.push_back(in.str());
    } else {
      words.push_back(arg);
    }
  }
  if (db.empty()) return Usage("--db is required");
  if (topics.empty() != run_path.empty()) return Usage("--topics and --run go together");
  std::string query;
  for (const std::string& w : words) query += (query.empty() ? "" : " ") + w;
  if (!query.empty()) params.emplace("q", query);

  // One query: reading the facet column (a fifth of a second at 1,000,000 articles)
  // costs more than it saves; the answers are the same without it.
  if (topics.empty()) options.facet_column_bytes = 0;
  auto context = kavosh::search::SearchContext::Load(data_dir, options);
  std::string error;
  std::unique_ptr<kavosh::search::Searcher> searcher =
      kavosh::search::Searcher::Open(db, context, &error);
  if (!searcher) {
    std::cerr << "kavosh-search: " << error << "\n";
    return 2;
  }
  try {
    if (!topics.empty()) {
      auto m = params.find("match");
      bool any = m == params.end() || m->second == "any";
      // Topics are descriptions, not typed queries: any word may match, and feedback from
      // the top results is on unless --no-expand (docs/relevance.md).
      return RunTopics(*searcher, topics, run_path, depth, tag, any, !no_expand);
    }
    kavosh::search::ParamError perror;
    std::optional<kavosh::search::SearchRequest> request =
        kavosh::search::ParseSearchParams(params, *context->resolver, &perror);
    if (!request) return Usage(perror.message);
    request->expand = expand;
    kavosh::search::SearchResult result = searcher->Search(*request);
    if (json) {
      std::cout << kavosh::search::Dump(kavosh::search::SearchResultToJson(result)) << "\n";
    } else {
      PrintHuman(result);
    }
  } catch (const Xapian::Error& e) {
    std::cerr << "kavosh-search: " << e.get_description() << "\n";
    return 2;
  }
  return 0;
}
