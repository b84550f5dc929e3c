// The query language on a real index: spellings, AND-first, phrases, exclusions,
// alternatives, groups and fields. Expectations about fields are computed from the stored
// articles, not from Xapian's own filtering.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <map>

#include "analyzers/normalizer.h"
#include "indexer/dates/jalali.h"
#include "tests/searchd/searcher_fixture.h"
#include "test_time.h"

namespace kavosh::search::test {
namespace {

// What the other tests assume the indexer made of the corpus; if enrichment changes,
// this fails first and says which assumption broke.
TEST_F(SearcherTest, CorpusIsEnrichedAsTheTestsAssume) {
  struct Row {
    std::string id;
    std::string gregorian;  // "" = undated
    std::string type;       // a type it must carry
    std::string org;        // an organisation it must carry ("" = none required)
    std::string place;
  };
  const Row rows[] = {
      {t::kBankCouncil, "2025-04-22", "meeting", "بانک ملی ایران", "خرم‌آباد"},
      {t::kBankJoined, "2025-02-03", "meeting", "بانک سپه", ""},
      {t::kBankArabic, "2025-02-28", "meeting",
       "شورای هماهنگی بانک‌های استان لرستان", ""},
      {t::kBankSpaced, "2025-04-05", "", "بانک سپه", ""},
      {t::kGovernorVisit, "2025-05-20", "visit", "استانداری لرستان", "بروجرد"},
      {t::kWorkshop, "2025-03-10", "workshop", "سازمان صنعت، معدن و تجارت استان لرستان",
       "خرم‌آباد"},
      {t::kExhibition, "2025-06-01", "exhibition", "", "خرم‌آباد"},
      {t::kCharity, "2025-03-25", "charity", "", "کوهدشت"},
      {t::kUndated, "", "ceremony", "", ""},
      {t::kCityCouncil, "2025-05-05", "meeting", "", ""},
      {t::kBeesOld, "2024-04-10", "", "", ""},
      {t::kBeesNew, "2025-06-05", "", "", ""},
      {t::kAppointment, "2024-10-15", "appointment", "بانک کشاورزی", ""},
  };
  for (const Row& row : rows) {
    std::optional<nlohmann::json> doc = searcher_->Document(row.id);
    ASSERT_TRUE(doc.has_value()) << row.id;
    schema::Article a = schema::FromJson(*doc);
    EXPECT_EQ(a.date.gregorian, row.gregorian) << row.id;
    if (!row.type.empty()) {
      EXPECT_TRUE(Has(a.types, row.type)) << row.id << " types";
    }
    if (!row.org.empty()) {
      EXPECT_TRUE(Has(a.orgs, row.org)) << row.id << " orgs";
    }
    if (!row.place.empty()) {
      EXPECT_TRUE(Has(a.places, row.place)) << row.id << " places";
    }
  }
  std::optional<nlohmann::json> a = searcher_->Document(t::kStoryA);
  std::optional<nlohmann::json> b = searcher_->Document(t::kStoryB);
  ASSERT_TRUE(a && b);
  EXPECT_EQ((*a)["story"], (*b)["story"]);
  EXPECT_EQ(searcher_->documents(), t::Corpus().size());
}

TEST_F(SearcherTest, EverySpellingFindsTheSameArticles) {
  struct Row {
    std::vector<std::string> variants;
    Ids must_include;
    Ids must_exclude = {};
  };
  const Row rows[] = {
      // ZWNJ, joined, spaced, Arabic KAF: one word.
      {{"بانک‌ها", "بانکها", "بانک ها", "بانك‌ها", "بانك ها"},
       {t::kBankCouncil, t::kBankArabic, t::kBankSpaced},
       {t::kWorkshop, t::kBeesNew}},
      // Arabic YEH and KAF throughout.
      {{"شورای هماهنگی", "شوراي هماهنگي", "شورا\u064a هماهنگ\u064a"},
       {t::kBankCouncil, t::kBankJoined, t::kBankArabic, t::kCityCouncil}},
      // می‌شود / میشود / می شود inside a phrase.
      {{"\"پرداخت می‌شود\"", "\"پرداخت میشود\"", "\"پرداخت می شود\"",
        "«پرداخت مي‌شود»"},
       {t::kBankCouncil, t::kBankJoined, t::kBankSpaced},
       {t::kWorkshop, t::kCharity}},
      {{"می‌شود", "میشود", "می شود"}, {t::kBankCouncil, t::kBankJoined, t::kBankSpaced}},
      // A phrase with the suffix in every spelling, and in Arabic letters.
      {{"\"شورای هماهنگی بانک‌ها\"",
        "\"شوراي هماهنگي بانك‌ها\"", "«شورای هماهنگی بانکها»",
        "\"شورای هماهنگی بانک ها\""},
       {t::kBankArabic},
       {t::kCityCouncil}},
      // Persian, Arabic-Indic and ASCII digits.
      {{"۱۲۰۰", "١٢٠٠", "1200"}, {t::kCharity}, {t::kBankCouncil}},
      {{"۱۲۰۰ بسته", "1200 بسته", "\"١٢٠٠ بسته\""}, {t::kCharity}},
      // Diacritics and tatweel are ignored.
      {{"نمایشگاه", "نمايشگاه", "نمایشـگاه", "نُمایشگاه"}, {t::kExhibition}},
  };
  for (const Row& row : rows) {
    std::vector<std::string> first;
    for (const std::string& q : row.variants) {
      SearchResult r = Run(q);
      std::vector<std::string> ids = IdList(r);
      Ids set(ids.begin(), ids.end());
      for (const std::string& id : row.must_include) {
        EXPECT_TRUE(set.count(id)) << "query <" << q << "> misses " << id << ", got " << Join(set);
      }
      for (const std::string& id : row.must_exclude) {
        EXPECT_FALSE(set.count(id)) << "query <" << q << "> finds " << id;
      }
      EXPECT_FALSE(r.relaxed) << "query <" << q << ">";
      if (&q == &row.variants[0]) {
        first = ids;
      } else {
        EXPECT_EQ(ids, first) << "query <" << q << "> ranks differently from <" << row.variants[0]
                              << ">";
      }
    }
  }
}

TEST_F(SearcherTest, AllWordsFirstThenAnyWord) {
  // Both words present: only articles with both.
  SearchResult both = Run("بانک ملی");
  EXPECT_FALSE(both.relaxed);
  EXPECT_EQ(IdSet(both), (Ids{t::kBankCouncil}));
  SearchResult bees = Run("زنبورداری دلفان");
  EXPECT_FALSE(bees.relaxed);
  EXPECT_EQ(IdSet(bees), (Ids{t::kBeesNew}));

  // A word found nowhere: relaxed, and the articles with the other word.
  SearchResult relaxed = Run("زنبورداری کهکشان");
  EXPECT_TRUE(relaxed.relaxed);
  EXPECT_EQ(IdSet(relaxed), (Ids{t::kBeesOld, t::kBeesNew}));
  EXPECT_EQ(relaxed.total, 2u);

  // No article has both words, each has one: the one with more of the query first.
  SearchResult split = Run("زنبورداری سوغات نمایشگاه");
  EXPECT_TRUE(split.relaxed);
  ASSERT_FALSE(split.hits.empty());
  EXPECT_EQ(split.hits[0].article.id, t::kExhibition);
  EXPECT_TRUE(IdSet(split).count(t::kBeesOld));

  // A single missing word is not relaxed into anything.
  SearchResult none = Run("کهکشان");
  EXPECT_FALSE(none.relaxed);
  EXPECT_EQ(none.total, 0u);
  EXPECT_TRUE(none.hits.empty());
}

// "AND" is the default operator, so writing it must change nothing.
TEST_F(SearcherTest, TheWordAndIsAnOperator) {
  // Regression (was a bug, fixed): the parser drops the AND lexeme but keeps it inside the text of the word run
  // ("بانک AND ملی"), so the analyzer searches for a word "and"; no article has it and
  // the query is relaxed to any word (5 hits instead of 1).
  SearchResult plain = Run("بانک ملی");
  SearchResult with_and = Run("بانک AND ملی");
  EXPECT_EQ(IdList(with_and), IdList(plain));
  EXPECT_FALSE(with_and.relaxed);
}

TEST_F(SearcherTest, PhrasesExclusionsAlternativesAndGroups) {
  struct Row {
    std::string q;
    Ids expected;
  };
  const Row rows[] = {
      // The words apart (city council: "شورای شهر" … "هماهنگی") vs the exact phrase.
      {"شورای هماهنگی", {t::kBankCouncil, t::kBankJoined, t::kBankArabic, t::kCityCouncil}},
      {"\"شورای هماهنگی\"", {t::kBankCouncil, t::kBankJoined, t::kBankArabic}},
      {"«شورای هماهنگی»", {t::kBankCouncil, t::kBankJoined, t::kBankArabic}},
      {"\"هماهنگی شورای\"", {}},
      // Exclusion of a word, a phrase, a group.
      {"شورای هماهنگی -بانک", {t::kCityCouncil}},
      {"شورای هماهنگی -بانکها", {t::kCityCouncil}},
      {"نشست -\"شورای شهر\"", {t::kBankJoined}},
      {"جلسه -(ملی یا سپه)", {t::kBankArabic}},
      {"زنبورداری -دلفان", {t::kBeesOld}},
      {"زنبورداری NOT دلفان", {t::kBeesOld}},
      // Alternatives.
      {"زنبورداری OR سوغات", {t::kBeesOld, t::kBeesNew, t::kExhibition}},
      {"زنبورداری یا سوغات", {t::kBeesOld, t::kBeesNew, t::kExhibition}},
      {"زنبورداری | سوغات", {t::kBeesOld, t::kBeesNew, t::kExhibition}},
      {"کهکشان یا سوغات", {t::kExhibition}},
      // Groups.
      {"(زنبورداری یا سوغات) دلفان", {t::kBeesNew}},
      {"زنبورداری (سلسله یا دلفان)", {t::kBeesOld, t::kBeesNew}},
      {"(زنبورداری (سلسله یا (دلفان -بانوان)))", {t::kBeesOld}},
      {"\"آموزش زنبورداری\" -(سلسله)", {t::kBeesNew}},
      // Only an exclusion: every article without the word.
      {"-بانک",
       {t::kBeesNew, t::kExhibition, t::kGovernorVisit, t::kCityCouncil, t::kStoryA, t::kCharity,
        t::kWorkshop, t::kLongBody, t::kBeesOld, t::kUndated}},
      // A phrase with a stopword inside.
      {"\"آموزش و پرورش\"", {t::kUndated}},
      // Title and source fields.
      {"title:نمایشگاه", {t::kExhibition}},
      {"title:سوغات", {}},  // in the body only
      {"عنوان:«آموزش زنبورداری»", {t::kBeesOld, t::kBeesNew}},
      {"source:ایرنا", {t::kBankJoined}},
      {"منبع:\"صدای زاگرس\"", {t::kBankArabic}},
  };
  for (const Row& row : rows) {
    SearchResult r = Run(row.q);
    // Story keys: the two copies of one story count as one, whichever is shown.
    EXPECT_EQ(Stories(r), row.expected) << "query <" << row.q << "> got " << Join(Stories(r));
    EXPECT_FALSE(r.relaxed) << "query <" << row.q << ">";
  }
}

TEST_F(SearcherTest, FieldsInTheQuery) {
  auto has_org = [](const std::string& org) {
    return [org](const schema::Article& a) { return Has(a.orgs, org); };
  };
  auto has_type = [](const std::string& type) {
    return [type](const schema::Article& a) { return Has(a.types, type); };
  };
  auto in_month = [](const std::string& jalali_month) {
    return [jalali_month](const schema::Article& a) {
      return a.date.jalali.rfind(jalali_month, 0) == 0;
    };
  };
  auto between = [](const std::string& from, const std::string& to) {
    return [from, to](const schema::Article& a) {
      return !a.date.empty() && a.date.gregorian >= from && a.date.gregorian <= to;
    };
  };
  struct Row {
    std::vector<std::string> queries;  // all equivalent
    std::function<bool(const schema::Article&)> keep;
    size_t at_least;  // the corpus has this many (guards a vacuous pass)
  };
  const Row rows[] = {
      // Aliases resolve to the canonical name (data/gazetteers/organizations.tsv).
      {{"org:\"بانک ملی\"", "سازمان:«بانک ملی»", "org:\"بانک ملی ایران\"",
        "org:\"مدیریت شعب بانک ملی\""},
       has_org("بانک ملی ایران"),
       1},
      {{"سازمان:\"سازمان صمت\"", "org:\"سازمان صنعت، معدن و تجارت\"", "نهاد:\"صمت لرستان\""},
       has_org("سازمان صنعت، معدن و تجارت استان لرستان"),
       1},
      {{"org:\"بانک سپه\"", "نهاد:\"بانک سپه لرستان\""}, has_org("بانک سپه"), 2},
      {{"org:\"شورای هماهنگی بانک‌ها\"",
        "org:\"شورای هماهنگی بانکهای لرستان\""},
       has_org("شورای هماهنگی بانک‌های استان لرستان"),
       3},
      // Event types by value, Persian label and cue word.
      {{"type:meeting", "type:جلسه", "نوع:جلسه", "نوع:\"جلسه و نشست\"", "رویداد:نشست",
        "TYPE:Meeting"},
       has_type("meeting"),
       4},
      {{"type:visit", "نوع:بازدید"}, has_type("visit"), 2},
      {{"type:exhibition", "نوع:نمایشگاه"}, has_type("exhibition"), 1},
      {{"place:بروجرد", "مکان:بروجرد"},
       [](const schema::Article& a) { return Has(a.places, "بروجرد"); },
       1},
      {{"place:خرم‌آباد", "مکان:\"خرم آباد\"", "شهر:خرمآباد"},
       [](const schema::Article& a) { return Has(a.places, "خرم‌آباد"); },
       3},
      // Jalali months in any digits and by name.
      {{"month:1404-02", "ماه:۱۴۰۴-۰۲", "month:۱۴۰۴/۲", "month:\"اردیبهشت ۱۴۰۴\""},
       in_month("1404-02"),
       4},
      {{"month:1403-12", "ماه:«اسفند ۱۴۰۳»"}, in_month("1403-12"), 2},
      // Date ranges: Jalali with Persian digits and Gregorian, inclusive.
      {{"از:۱۴۰۴/۰۱/۱۲ تا:۱۴۰۴/۰۲/۱۰", "from:2025-04-01 to:2025-04-30",
        "از:1404/1/12 تا:2025-04-30", "from:٢٠٢٥-٠٤-٠١ until:۱۴۰۴/۰۲/۱۰"},
       between("2025-04-01", "2025-04-30"),
       3},
      // Exactly the bounds of one article (2025-04-22 = 1404/02/02): inclusive.
      {{"از:۱۴۰۴/۰۲/۰۲ تا:۱۴۰۴/۰۲/۰۲", "from:2025-04-22 to:2025-04-22"},
       between("2025-04-22", "2025-04-22"),
       1},
      // A year or a month as a bound: its first day (from) or last day (to).
      {{"از:1404", "from:1404/01/01"}, between("2025-03-21", "9999-12-31"), 6},
      {{"تا:1403", "to:1403/12/30"}, between("0000-00-00", "2025-03-20"), 5},
      {{"از:۱۴۰۴/۰۲ تا:۱۴۰۴/۰۲"}, in_month("1404-02"), 4},
      {{"from:2025-05 to:2025"}, between("2025-05-01", "2025-12-31"), 4},
  };
  for (const Row& row : rows) {
    Ids expected = StoriesWhere(row.keep);
    EXPECT_GE(expected.size(), row.at_least) << "query <" << row.queries[0] << ">";
    for (const std::string& q : row.queries) {
      SearchResult r = Run(q);
      EXPECT_EQ(Stories(r), expected)
          << "query <" << q << "> got " << Join(Stories(r)) << " expected " << Join(expected);
      for (const std::string& w : r.warnings) ADD_FAILURE() << "query <" << q << "> warns: " << w;
    }
  }
}

// Date ranges (Searcher::DateRange): every pair of bounds among the corpus's dates, the
// first and last days of their Jalali months and the days just outside those months, open
// bounds included, gives exactly the stories of the articles dated within it.
TEST_F(SearcherTest, EveryDateRangeMatchesTheArticlesDatedWithinIt) {
  std::set<std::string> days;  // "YYYY-MM-DD"
  auto add = [&days](const dates::JalaliDate& j) {
    dates::GregorianDate g;
    if (!dates::ToGregorian(j, &g)) return;
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", g.year, g.month, g.day);
    days.insert(buf);
  };
  for (const Hit& h : Universe()) {
    if (h.article.date.empty()) continue;
    int y = 0, m = 0, d = 0;
    ASSERT_EQ(std::sscanf(h.article.date.jalali.c_str(), "%d-%d-%d", &y, &m, &d), 3);
    add({y, m, d});
    add({y, m, 1});
    add({y, m, dates::JalaliMonthLength(y, m)});
    add(m == 1 ? dates::JalaliDate{y - 1, 12, dates::JalaliMonthLength(y - 1, 12)}
               : dates::JalaliDate{y, m - 1, dates::JalaliMonthLength(y, m - 1)});
    add(m == 12 ? dates::JalaliDate{y + 1, 1, 1} : dates::JalaliDate{y, m + 1, 1});
  }
  ASSERT_GE(days.size(), 10u);
  std::vector<std::string> bounds(days.begin(), days.end());
  bounds.push_back("");  // open
  auto parse = [](const std::string& day) {
    dates::GregorianDate g;
    std::sscanf(day.c_str(), "%d-%d-%d", &g.year, &g.month, &g.day);
    return g;
  };
  size_t checked = 0, nonempty = 0;
  for (const std::string& from : bounds) {
    for (const std::string& to : bounds) {
      if (from.empty() && to.empty()) continue;
      if (!from.empty() && !to.empty() && from > to) continue;
      Ids expected = StoriesWhere([&](const schema::Article& a) {
        return !a.date.empty() && (from.empty() || a.date.gregorian >= from) &&
               (to.empty() || a.date.gregorian <= to);
      });
      SearchResult r = Run("", [&](SearchRequest* q) {
        if (!from.empty()) q->from = parse(from);
        if (!to.empty()) q->to = parse(to);
      });
      EXPECT_EQ(Stories(r), expected) << "from <" << from << "> to <" << to << ">";
      EXPECT_EQ(r.total, expected.size()) << "from <" << from << "> to <" << to << ">";
      ++checked;
      nonempty += !expected.empty();
    }
  }
  EXPECT_GT(checked, 100u);
  EXPECT_GT(nonempty, 50u);
}

// The same on articles dated on the first and last days of Jalali months (the corpus
// above has none): a bound on a month's first or last day takes that day's articles.
// (It caught two off-by-one mistakes in a version that answered whole months from
// their month terms.)
TEST(DateRangeEdgesTest, BoundsOnTheFirstAndLastDaysOfMonths) {
  using std::chrono::days;
  using std::chrono::sys_days;
  using std::chrono::year_month_day;
  // Gregorian dates of 1403/12/29, 1403/12/30, 1404/01/01, 1404/01/15, 1404/01/31,
  // 1404/02/01, 1404/02/31 and 1404/03/01.
  const std::vector<std::string> dated = {"2025-03-19", "2025-03-20", "2025-03-21", "2025-04-04",
                                          "2025-04-20", "2025-04-21", "2025-05-21", "2025-05-22"};
  const char* topics[] = {"زنبورداری در کوهستان", "برداشت زعفران", "نمایشگاه کتاب کودک",
                          "مسابقه دوچرخه سواری", "بازسازی پل تاریخی", "کنسرت موسیقی محلی",
                          "جشنواره گل محمدی", "آموزش شنای نوجوانان"};
  std::vector<nlohmann::json> articles;
  for (size_t i = 0; i < dated.size(); ++i) {
    articles.push_back({{"id", "edge-" + std::to_string(i)},
                        {"title", topics[i]},
                        {"body", std::string(topics[i]) + " برای اهالی برگزار شد و " + topics[(i + 3) % 8] +
                                     " هم در برنامه است."},
                        {"published", dated[i]},
                        {"source", "test"}});
  }
  TempDir dir;
  std::string error;
  ASSERT_TRUE(t::BuildCorpusDb(dir.Path("db"), articles, &error)) << error;
  auto searcher = Searcher::Open(dir.Path("db"), SearchContext::Load("", {}), &error);
  ASSERT_NE(searcher, nullptr) << error;
  auto parse = [](const std::string& day) {
    dates::GregorianDate g;
    std::sscanf(day.c_str(), "%d-%d-%d", &g.year, &g.month, &g.day);
    return g;
  };
  std::set<std::string> bounds_set;
  for (const std::string& d : dated) {
    dates::GregorianDate g = parse(d);
    sys_days day{year_month_day{std::chrono::year{g.year}, std::chrono::month{static_cast<unsigned>(g.month)},
                                std::chrono::day{static_cast<unsigned>(g.day)}}};
    for (int delta : {-1, 0, 1}) {
      year_month_day ymd{day + days{delta}};
      char buf[16];
      std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                    static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
      bounds_set.insert(buf);
    }
  }
  std::vector<std::string> bounds(bounds_set.begin(), bounds_set.end());
  bounds.push_back("");
  for (const std::string& from : bounds) {
    for (const std::string& to : bounds) {
      if ((from.empty() && to.empty()) || (!from.empty() && !to.empty() && from > to)) continue;
      Ids expected;
      for (size_t i = 0; i < dated.size(); ++i) {
        if ((from.empty() || dated[i] >= from) && (to.empty() || dated[i] <= to)) {
          expected.insert("edge-" + std::to_string(i));
        }
      }
      SearchRequest r;
      r.per_page = 100;
      if (!from.empty()) r.from = parse(from);
      if (!to.empty()) r.to = parse(to);
      SearchResult got = searcher->Search(r);
      Ids ids;
      for (const Hit& h : got.hits) ids.insert(h.article.id);
      EXPECT_EQ(ids, expected) << "from <" << from << "> to <" << to << ">";
    }
  }
}

// A field value that resolves to nothing matches nothing; so does a query of stopwords
// only. The builder marks both (BuiltQuery::match_nothing, Xapian::Query::MatchNothing).
TEST_F(SearcherTest, AnUnknownFieldValueMatchesNothing) {
  // Regression (was a bug, fixed): Xapian::Query::MatchNothing is an empty Xapian::Query, and empty queries mean
  // "no constraint" in QueryBuilder::Node (skipped) and Searcher::Execute (replaced by
  // every article): "type:xyz" lists all 15 stories and "بانک type:xyz" ignores the
  // type, although the response warns that xyz is not an event type.
  struct Row {
    std::string q;
    std::string warning;  // expected in the warnings
  };
  const Row rows[] = {
      {"type:xyz", "not an event type"},
      {"بانک type:xyz", "not an event type"},
      {"month:1404-13", "not a Jalali month"},
      {"زنبورداری ماه:abc", "not a Jalali month"},
      {"و", ""},  // only a stopword
  };
  for (const Row& row : rows) {
    SearchResult r = Run(row.q);
    EXPECT_EQ(r.total, 0u) << "query <" << row.q << "> got " << Join(IdSet(r));
    EXPECT_TRUE(r.hits.empty()) << "query <" << row.q << ">";
    if (row.warning.empty()) continue;
    bool warned = false;
    for (const std::string& w : r.warnings)
      warned = warned || w.find(row.warning) != std::string::npos;
    EXPECT_TRUE(warned) << "query <" << row.q << "> should warn '" << row.warning << "'";
  }
}

TEST_F(SearcherTest, HostileQueriesNeverFail) {
  std::string many_words;
  for (int i = 0; i < 10000; ++i) many_words += "واژه" + std::to_string(i) + " ";
  const std::string queries[] = {
      "\xff\xfe\xfd",
      "بانک \xd8",
      std::string(1000, '('),
      std::string(1000, '(') + "بانک" + std::string(1000, ')'),
      many_words,
      std::string(10000, '-'),
      "\"\"\"\"\"",
      "org:",
      "org:\"",
      std::string(300, 'x'),  // one word longer than the analyzer keeps
      "از:abc تا:۱۴۰۴/۱۳/۴۰",
      "title:\"\"",
  };
  for (const std::string& q : queries) {
    auto start = std::chrono::steady_clock::now();
    SearchResult r;
    EXPECT_NO_THROW(r = Run(q)) << "query of " << q.size() << " bytes";
    double ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
    EXPECT_LT(ms, kavosh::testing::Scaled(2000.0)) << "query of " << q.size() << " bytes";
  }
  // Unparseable dates are reported and ignored.
  SearchResult dates = Run("بانک از:abc");
  EXPECT_EQ(IdSet(dates), IdSet(Run("بانک")));
  ASSERT_FALSE(dates.warnings.empty());
  EXPECT_NE(dates.warnings[0].find("not a date"), std::string::npos) << dates.warnings[0];
}

}  // namespace
}  // namespace kavosh::search::test
