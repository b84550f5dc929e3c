// The fixture of the searcher tests: the corpus of corpus.cc indexed once per test
// process, a fresh Searcher per test, and helpers to read results and HTML.
#ifndef KAVOSH_TESTS_SEARCHD_SEARCHER_FIXTURE_H_
#define KAVOSH_TESTS_SEARCHD_SEARCHER_FIXTURE_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "searchd/searcher.h"
#include "tests/searchd/corpus.h"

namespace kavosh::search::test {

using kavosh::testing::TempDir;
namespace t = kavosh::testing;

using Ids = std::set<std::string>;

// A facet of a result as value -> count (throws if the result has no such facet).
inline std::map<std::string, uint64_t> FacetMap(const SearchResult& r, const std::string& facet) {
  std::map<std::string, uint64_t> out;
  for (const FacetCount& f : r.facets.at(facet)) out[f.value] = f.count;
  return out;
}

inline std::string UnescapeHtml(std::string_view html) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    bool matched = false;
    for (auto [entity, c] : {std::pair<std::string_view, char>{"&amp;", '&'},
                             {"&lt;", '<'},
                             {"&gt;", '>'},
                             {"&quot;", '"'},
                             {"&#39;", '\''}}) {
      if (html.substr(i, entity.size()) == entity) {
        out += c;
        i += entity.size();
        matched = true;
        break;
      }
    }
    if (!matched) out += html[i++];
  }
  return out;
}

inline std::string StripMarks(std::string html) {
  for (std::string_view tag : {"<mark>", "</mark>"}) {
    for (size_t at = html.find(tag); at != std::string::npos; at = html.find(tag)) {
      html.erase(at, tag.size());
    }
  }
  return html;
}

// The marked pieces, unescaped.
inline std::vector<std::string> Marked(const std::string& html) {
  std::vector<std::string> out;
  for (size_t at = html.find("<mark>"); at != std::string::npos; at = html.find("<mark>", at)) {
    size_t end = html.find("</mark>", at);
    if (end == std::string::npos) break;
    out.push_back(UnescapeHtml(html.substr(at + 6, end - at - 6)));
    at = end;
  }
  return out;
}

// *_html is escaped text in which the only markup is <mark>…</mark>, never nested.
inline void ExpectSafeHtml(const std::string& html, const std::string& label) {
  bool open = false;
  for (size_t i = 0; i < html.size(); ++i) {
    if (html[i] == '<') {
      if (html.compare(i, 6, "<mark>") == 0 && !open) {
        open = true;
      } else if (html.compare(i, 7, "</mark>") == 0 && open) {
        open = false;
      } else {
        ADD_FAILURE() << label << ": unexpected markup at byte " << i << " in " << html;
        return;
      }
    } else if (html[i] == '>') {
      if (!(i >= 5 && html.compare(i - 5, 6, "<mark>") == 0) &&
          !(i >= 6 && html.compare(i - 6, 7, "</mark>") == 0)) {
        ADD_FAILURE() << label << ": raw '>' at byte " << i << " in " << html;
        return;
      }
    } else if (html[i] == '&') {
      bool entity = false;
      for (std::string_view e : {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}) {
        entity = entity || html.compare(i, e.size(), e) == 0;
      }
      if (!entity) {
        ADD_FAILURE() << label << ": raw '&' at byte " << i << " in " << html;
        return;
      }
    }
  }
  EXPECT_FALSE(open) << label << ": unclosed <mark> in " << html;
}

inline std::string Flatten(std::string text) {
  std::replace(text.begin(), text.end(), '\n', ' ');
  return text;
}

inline bool Has(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

class SearcherTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::string error;
    built_ = t::BuildCorpusDb(dir_->Path("db"), t::Corpus(), &error);
    build_error_ = error;
    context_ = new std::shared_ptr<SearchContext>(SearchContext::Load("", {}));
  }
  static void TearDownTestSuite() {
    delete context_;
    delete dir_;
  }

  void SetUp() override {
    ASSERT_TRUE(built_) << build_error_;
    std::string error;
    searcher_ = Searcher::Open(dir_->Path("db"), *context_, &error);
    ASSERT_NE(searcher_, nullptr) << error;
  }

  SearchResult Run(const std::string& q, const std::function<void(SearchRequest*)>& adjust = {}) {
    SearchRequest r;
    r.q = q;
    r.per_page = 100;
    r.facet_limit = 100;
    if (adjust) adjust(&r);
    return searcher_->Search(r);
  }

  static std::vector<std::string> IdList(const SearchResult& r) {
    std::vector<std::string> ids;
    for (const Hit& h : r.hits) ids.push_back(h.article.id);
    return ids;
  }
  static Ids IdSet(const SearchResult& r) {
    std::vector<std::string> ids = IdList(r);
    return Ids(ids.begin(), ids.end());
  }
  static Ids Stories(const SearchResult& r) {
    Ids s;
    for (const Hit& h : r.hits) s.insert(h.article.story.empty() ? h.article.id : h.article.story);
    return s;
  }

  // Every story of the index (one hit each), from the empty query.
  std::vector<Hit> Universe() {
    SearchResult all = Run("");
    EXPECT_EQ(all.total, all.hits.size());
    return all.hits;
  }
  Ids StoriesWhere(const std::function<bool(const schema::Article&)>& keep) {
    Ids s;
    for (const Hit& h : Universe()) {
      if (keep(h.article)) s.insert(h.article.story.empty() ? h.article.id : h.article.story);
    }
    return s;
  }

  static std::string Join(const Ids& ids) {
    std::string out;
    for (const std::string& id : ids) out += (out.empty() ? "" : " ") + id;
    return "{" + out + "}";
  }

  static inline TempDir* dir_ = nullptr;
  static inline bool built_ = false;
  static inline std::string build_error_;
  static inline std::shared_ptr<SearchContext>* context_ = nullptr;
  std::unique_ptr<Searcher> searcher_;
};

}  // namespace kavosh::search::test

#endif  // KAVOSH_TESTS_SEARCHD_SEARCHER_FIXTURE_H_
