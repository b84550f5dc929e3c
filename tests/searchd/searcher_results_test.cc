// What a search returns besides the matches: request filters, totals and facets,
// duplicate stories, sort orders, pages, highlighting and snippets.
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include "analyzers/normalizer.h"
#include "tests/searchd/searcher_fixture.h"

namespace kavosh::search::test {
namespace {

TEST_F(SearcherTest, RequestFilters) {
  auto orgs_any = [](std::vector<std::string> names) {
    return [names](const schema::Article& a) {
      return std::any_of(names.begin(), names.end(),
                         [&](const std::string& n) { return Has(a.orgs, n); });
    };
  };
  struct Row {
    std::string label;
    std::function<void(SearchRequest*)> adjust;
    std::function<bool(const schema::Article&)> keep;
    size_t at_least;
  };
  const Row rows[] = {
      {"one org by alias", [](SearchRequest* r) { r->orgs = {"بانک ملی"}; },
       orgs_any({"بانک ملی ایران"}), 1},
      {"orgs repeated = OR",
       [](SearchRequest* r) {
         r->orgs = {"بانک ملی", "بانک سپه"};
       },
       orgs_any({"بانک ملی ایران", "بانک سپه"}), 3},
      {"org AND type",
       [](SearchRequest* r) {
         r->orgs = {"استانداری لرستان"};
         r->types = {"meeting"};
       },
       [](const schema::Article& a) {
         return Has(a.orgs, "استانداری لرستان") && Has(a.types, "meeting");
       },
       2},
      {"types repeated = OR",
       [](SearchRequest* r) {
         r->types = {"visit", "exhibition"};
       },
       [](const schema::Article& a) { return Has(a.types, "visit") || Has(a.types, "exhibition"); },
       3},
      {"place", [](SearchRequest* r) { r->places = {"خرم آباد"}; },
       [](const schema::Article& a) { return Has(a.places, "خرم‌آباد"); }, 3},
      {"months repeated = OR",
       [](SearchRequest* r) {
         r->months = {"1404-02", "1403-12"};
       },
       [](const schema::Article& a) {
         return a.date.jalali.rfind("1404-02", 0) == 0 || a.date.jalali.rfind("1403-12", 0) == 0;
       },
       6},
      {"from and to",
       [](SearchRequest* r) {
         r->from = dates::GregorianDate{2025, 3, 1};
         r->to = dates::GregorianDate{2025, 4, 22};
       },
       [](const schema::Article& a) {
         return !a.date.empty() && a.date.gregorian >= "2025-03-01" &&
                a.date.gregorian <= "2025-04-22";
       },
       4},
      {"from only",
       [](SearchRequest* r) {
         r->from = dates::GregorianDate{2025, 5, 20};
       },
       [](const schema::Article& a) { return !a.date.empty() && a.date.gregorian >= "2025-05-20"; },
       3},
      {"to only (undated excluded)",
       [](SearchRequest* r) {
         r->to = dates::GregorianDate{2024, 12, 1};
       },
       [](const schema::Article& a) { return !a.date.empty() && a.date.gregorian <= "2024-12-01"; },
       3},
      {"type AND month AND place",
       [](SearchRequest* r) {
         r->types = {"meeting"};
         r->months = {"1404-02"};
         r->places = {"خرم‌آباد"};
       },
       [](const schema::Article& a) {
         return Has(a.types, "meeting") && a.date.jalali.rfind("1404-02", 0) == 0 &&
                Has(a.places, "خرم‌آباد");
       },
       1},
      {"an org nobody has", [](SearchRequest* r) { r->orgs = {"سازمان ناموجود"}; },
       [](const schema::Article&) { return false; }, 0},
  };
  for (const Row& row : rows) {
    Ids expected = StoriesWhere(row.keep);
    EXPECT_GE(expected.size(), row.at_least) << row.label;
    SearchResult r = Run("", row.adjust);
    EXPECT_EQ(Stories(r), expected)
        << row.label << ": got " << Join(Stories(r)) << " expected " << Join(expected);
    EXPECT_EQ(r.total, r.hits.size()) << row.label;
    // The same filters with query text: intersected with the text's matches.
    SearchResult with_text = Run("لرستان", row.adjust);
    Ids text_only = Stories(Run("لرستان"));
    Ids both;
    std::set_intersection(expected.begin(), expected.end(), text_only.begin(), text_only.end(),
                          std::inserter(both, both.end()));
    EXPECT_EQ(Stories(with_text), both) << row.label << " with q=لرستان";
  }
}

TEST_F(SearcherTest, TotalsAndFacetsCountDistinctStories) {
  const std::string queries[] = {"", "بانک", "لرستان", "type:meeting", "دیدار", "استان -بانک"};
  for (const std::string& q : queries) {
    SearchResult r = Run(q);
    ASSERT_LT(r.hits.size(), 100u) << q;
    EXPECT_EQ(r.total, r.hits.size()) << "query <" << q << ">";
    EXPECT_TRUE(r.total_is_exact) << "query <" << q << ">";
    EXPECT_TRUE(r.facets_exact) << "query <" << q << ">";
    EXPECT_EQ(Stories(r).size(), r.hits.size()) << "a story shown twice for <" << q << ">";
    // Expected counts from the hits themselves.
    std::map<std::string, std::map<std::string, uint64_t>> expected;
    for (const Hit& h : r.hits) {
      for (const std::string& o : h.article.orgs) ++expected["org"][o];
      for (const std::string& p : h.article.places) ++expected["place"][p];
      for (const std::string& ty : h.article.types) ++expected["type"][ty];
      if (!h.article.date.empty()) ++expected["month"][h.article.date.jalali.substr(0, 7)];
    }
    for (const char* facet : {"org", "type", "place", "month"}) {
      ASSERT_TRUE(r.facets.count(facet)) << facet << " of <" << q << ">";
      std::map<std::string, uint64_t> got;
      for (const FacetCount& f : r.facets.at(facet)) {
        got[f.value] = f.count;
        if (std::string(facet) == "type" || std::string(facet) == "month") {
          EXPECT_FALSE(f.label.empty()) << facet << " " << f.value;
        }
      }
      EXPECT_EQ(got, expected[facet]) << "facet " << facet << " of <" << q << ">";
    }
  }
  // Month facet: newest first, with Persian labels.
  SearchResult all = Run("");
  const std::vector<FacetCount>& months = all.facets.at("month");
  ASSERT_GE(months.size(), 2u);
  for (size_t i = 1; i < months.size(); ++i) EXPECT_GT(months[i - 1].value, months[i].value);
  for (const FacetCount& m : months) {
    if (m.value == "1404-02") {
      EXPECT_EQ(m.label, "اردیبهشت ۱۴۰۴");
    }
  }
  // The facet limit keeps the most frequent values.
  SearchResult limited = Run("", [](SearchRequest* r) { r->facet_limit = 2; });
  ASSERT_EQ(limited.facets.at("org").size(), 2u);
  EXPECT_GE(limited.facets.at("org")[0].count, limited.facets.at("org")[1].count);
  EXPECT_EQ(limited.facets.at("org")[0].count, all.facets.at("org")[0].count);
  // Facets off: none computed.
  SearchResult off = Run("", [](SearchRequest* r) { r->facets = false; });
  EXPECT_FALSE(off.facets_requested);
  EXPECT_EQ(off.total, all.total);
}

TEST_F(SearcherTest, TwoCopiesOfAStoryShowOnce) {
  for (const std::string& q : {std::string("دیدار فرماندار دورود"),
                               std::string("\"شهدای مدافع حرم\""), std::string("type:visit")}) {
    SearchResult r = Run(q);
    int copies = 0;
    for (const Hit& h : r.hits) {
      if (h.article.id == t::kStoryA || h.article.id == t::kStoryB) {
        ++copies;
        EXPECT_EQ(h.duplicates, 1u) << q;
      }
    }
    EXPECT_EQ(copies, 1) << "query <" << q << ">";
  }
  SearchResult r = Run("دیدار فرماندار دورود");
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 1u);
  // Articles with no copy say so.
  for (const Hit& h : Run("بانک").hits) EXPECT_EQ(h.duplicates, 0u) << h.article.id;
}

TEST_F(SearcherTest, SortOrders) {
  auto dates_of = [](const SearchResult& r) {
    std::vector<std::string> d;
    for (const Hit& h : r.hits) d.push_back(h.article.date.gregorian);
    return d;
  };
  auto check = [&](const SearchResult& r, bool newest, const std::string& label) {
    std::vector<std::string> d = dates_of(r);
    ASSERT_GE(d.size(), 2u) << label;
    size_t dated = 0;
    while (dated < d.size() && !d[dated].empty()) ++dated;
    for (size_t i = dated; i < d.size(); ++i)
      EXPECT_TRUE(d[i].empty()) << label << ": undated not last";
    for (size_t i = 1; i < dated; ++i) {
      if (newest) {
        EXPECT_GE(d[i - 1], d[i]) << label << " at " << i;
      } else {
        EXPECT_LE(d[i - 1], d[i]) << label << " at " << i;
      }
    }
  };
  SearchResult all = Run("");
  check(all, true, "empty query (relevance)");
  EXPECT_EQ(all.hits.back().article.id, t::kUndated);
  EXPECT_EQ(all.hits.front().article.id, t::kBeesNew);
  EXPECT_EQ(all.total, t::Corpus().size() - 1);  // two copies of one story
  check(Run("", [](SearchRequest* r) { r->sort = Sort::kNewest; }), true, "empty newest");
  SearchResult oldest = Run("", [](SearchRequest* r) { r->sort = Sort::kOldest; });
  check(oldest, false, "empty oldest");
  EXPECT_EQ(oldest.hits.front().article.id, t::kBeesOld);
  EXPECT_EQ(oldest.hits.back().article.id, t::kUndated);
  check(Run("لرستان", [](SearchRequest* r) { r->sort = Sort::kNewest; }), true, "لرستان newest");
  check(Run("لرستان", [](SearchRequest* r) { r->sort = Sort::kOldest; }), false, "لرستان oldest");
  // Same matches in every order.
  EXPECT_EQ(IdSet(Run("لرستان", [](SearchRequest* r) { r->sort = Sort::kOldest; })),
            IdSet(Run("لرستان")));
  // A lone stray '-' is ignored: the same as the empty query.
  EXPECT_EQ(IdList(Run("-")), IdList(all));
}

TEST_F(SearcherTest, PagesPartitionTheResults) {
  SearchResult all = Run("");
  std::vector<std::string> paged;
  for (int page = 1; page <= 4; ++page) {
    SearchResult r = Run("", [page](SearchRequest* req) {
      req->page = page;
      req->per_page = 4;
    });
    EXPECT_EQ(r.total, all.total) << "page " << page;
    EXPECT_EQ(r.page, page);
    EXPECT_EQ(r.per_page, 4);
    for (const std::string& id : IdList(r)) paged.push_back(id);
  }
  EXPECT_EQ(paged, IdList(all));
  SearchResult beyond = Run("", [](SearchRequest* r) { r->page = 50; });
  EXPECT_TRUE(beyond.hits.empty());
  EXPECT_EQ(beyond.total, all.total);
}

TEST_F(SearcherTest, HighlightingMarksTheOriginalCharacters) {
  // The Arabic-letter title, marked on exactly the bytes written (KAF, ZWNJ and all).
  SearchResult r = Run("بانک‌ها");
  std::map<std::string, const Hit*> by_id;
  for (const Hit& h : r.hits) by_id[h.article.id] = &h;
  ASSERT_TRUE(by_id.count(t::kBankArabic));
  EXPECT_EQ(by_id[t::kBankArabic]->title_html,
            "جلسه شوراي هماهنگي <mark>بانك\u200cها</mark> در استانداري لرستان");
  ASSERT_TRUE(by_id.count(t::kBankSpaced));
  EXPECT_EQ(by_id[t::kBankSpaced]->title_html,
            "پرداخت وام <mark>بانک ها</mark> به مددجویان کمیته امداد");
  // A phrase query marks its words.
  SearchResult phrase = Run("\"پرداخت می شود\"");
  for (const Hit& h : phrase.hits) {
    std::vector<std::string> marked = Marked(h.snippet_html);
    EXPECT_TRUE(Has(marked, "پرداخت")) << h.article.id << ": " << h.snippet_html;
    bool verb = Has(marked, "می‌شود") || Has(marked, "میشود") || Has(marked, "می شود");
    EXPECT_TRUE(verb) << h.article.id << ": " << h.snippet_html;
  }

  // HTML in the text is escaped; only <mark> is markup.
  SearchResult wheat = Run("گندم");
  ASSERT_EQ(wheat.hits.size(), 1u);
  EXPECT_EQ(wheat.hits[0].title_html,
            "گزارش کشاورزی لرستان: <mark>گندم</mark> &amp; جو &lt;b&gt;ویژه&lt;/b&gt;");

  // For every hit of many queries: the marks cover exactly the original text, which is
  // all there, escaped; the marked pieces are words of the query in some spelling.
  for (std::string q : {"بانک‌ها", "شورای هماهنگی", "\"شورای هماهنگی\"", "زعفران", "کابران",
                        "لرستان", "نمایشگاه سوغات", "title:نمایشگاه", "1200", ""}) {
    SearchResult res = Run(q);
    for (const Hit& h : res.hits) {
      std::string label = "query <" + q + "> hit " + h.article.id;
      ExpectSafeHtml(h.title_html, label + " title");
      ExpectSafeHtml(h.snippet_html, label + " snippet");
      EXPECT_EQ(UnescapeHtml(StripMarks(h.title_html)), Flatten(h.article.title)) << label;
      std::string snippet = UnescapeHtml(StripMarks(h.snippet_html));
      if (snippet.rfind("… ", 0) == 0) snippet = snippet.substr(std::string("… ").size());
      if (snippet.size() >= 4 && snippet.substr(snippet.size() - 4) == " …") {
        snippet = snippet.substr(0, snippet.size() - 4);
      }
      EXPECT_NE(Flatten(h.article.body).find(snippet), std::string::npos)
          << label << ": the snippet is not a piece of the body: " << snippet;
      for (const std::string& piece : Marked(h.title_html)) {
        EXPECT_NE(h.article.title.find(piece), std::string::npos) << label << " marks " << piece;
      }
      if (q.empty()) {
        EXPECT_EQ(h.title_html.find("<mark>"), std::string::npos) << label;
      }
    }
  }
}

TEST_F(SearcherTest, SnippetIsThePassageAroundTheMatch) {
  std::optional<nlohmann::json> doc = searcher_->Document(t::kLongBody);
  ASSERT_TRUE(doc);
  std::string body = (*doc)["body"];
  ASSERT_GT(body.size(), 3000u);
  ASSERT_GT(body.find("زعفران"), 2500u);  // far into the body

  SearchResult r = Run("زعفران");
  ASSERT_EQ(r.hits.size(), 1u);
  const std::string& s = r.hits[0].snippet_html;
  EXPECT_NE(s.find("<mark>زعفران</mark>"), std::string::npos) << s;
  EXPECT_EQ(s.rfind("… ", 0), 0u) << "a cut passage starts with an ellipsis: " << s;
  EXPECT_EQ(s.find("مرحله نخست"), std::string::npos) << "the opening of the body: " << s;
  size_t chars = analyzers::CountCodePoints(UnescapeHtml(StripMarks(s)));
  EXPECT_LE(chars, 260u) << s;
  EXPECT_GE(chars, 100u) << s;
  // The HTML near the match is escaped in the snippet too.
  EXPECT_NE(s.find("&lt;script&gt;"), std::string::npos) << s;
  EXPECT_NE(s.find("&amp;"), std::string::npos) << s;
  EXPECT_EQ(s.find("<script"), std::string::npos) << s;

  // Without a match in the body: its opening.
  SearchResult title_only = Run("گندم");
  ASSERT_EQ(title_only.hits.size(), 1u);
  EXPECT_EQ(title_only.hits[0].snippet_html.rfind("در مرحله نخست", 0), 0u)
      << title_only.hits[0].snippet_html;
  // Snippets off: none.
  SearchResult off = Run("زعفران", [](SearchRequest* req) { req->snippets = false; });
  ASSERT_EQ(off.hits.size(), 1u);
  EXPECT_TRUE(off.hits[0].snippet_html.empty());
}

}  // namespace
}  // namespace kavosh::search::test
