// API parameters -> SearchRequest: every accepted combination and every rejection, with
// the message a client sees (request.h is the single place that decides a bad request).
#include "searchd/request.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

namespace kavosh::search {
namespace {

std::string Describe(const Params& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    out += (out.empty() ? "" : "&") + k + "=" +
           (v.size() > 40 ? v.substr(0, 40) + "…(" + std::to_string(v.size()) + " bytes)" : v);
  }
  return "params: " + out;
}

class RequestTest : public ::testing::Test {
 protected:
  RequestTest() : resolver_(std::make_shared<entities::Gazetteer>(entities::Gazetteer::Load({}))) {}
  FieldResolver resolver_;
};

TEST_F(RequestTest, AcceptsValidCombinations) {
  struct Row {
    Params params;
    std::function<void(const SearchRequest&, const std::string&)> check;
  };
  const Row rows[] = {
      {{},
       [](const SearchRequest& r, const std::string& l) {
         EXPECT_EQ(r.q, "") << l;
         EXPECT_EQ(r.page, 1) << l;
         EXPECT_EQ(r.per_page, 10) << l;
         EXPECT_EQ(r.sort, Sort::kRelevance) << l;
         EXPECT_TRUE(r.orgs.empty() && r.types.empty() && r.places.empty() && r.months.empty())
             << l;
         EXPECT_FALSE(r.from.has_value() || r.to.has_value()) << l;
         EXPECT_EQ(r.recency, 0) << l;
         EXPECT_TRUE(r.facets) << l;
       }},
      {{{"q", "جلسه شورای هماهنگی بانک‌ها"},
        {"page", "3"},
        {"per_page", "25"},
        {"sort", "newest"}},
       [](const SearchRequest& r, const std::string& l) {
         EXPECT_EQ(r.q, "جلسه شورای هماهنگی بانک‌ها") << l;
         EXPECT_EQ(r.page, 3) << l;
         EXPECT_EQ(r.per_page, 25) << l;
         EXPECT_EQ(r.sort, Sort::kNewest) << l;
       }},
      // Numbers in Persian and Arabic-Indic digits.
      {{{"page", "۲"}, {"per_page", "١٠٠"}},
       [](const SearchRequest& r, const std::string& l) {
         EXPECT_EQ(r.page, 2) << l;
         EXPECT_EQ(r.per_page, 100) << l;
       }},
      {{{"page", "1000"}, {"per_page", "1"}, {"sort", "oldest"}},
       [](const SearchRequest& r, const std::string& l) {
         EXPECT_EQ(r.page, 1000) << l;
         EXPECT_EQ(r.per_page, 1) << l;
         EXPECT_EQ(r.sort, Sort::kOldest) << l;
       }},
      {{{"sort", "relevance"}},
       [](const SearchRequest& r, const std::string& l) {
         EXPECT_EQ(r.sort, Sort::kRelevance) << l;
       }},
      // Repeated facet values: kept in order; empty ones ignored; types resolved.
      {{{"org", "بانک ملی"},
        {"org", "بانک سپه"},
        {"org", ""},
        {"type", "meeting"},
        {"type", "جلسه"},
        {"type", "بازدید"},
        {"place", "بروجرد"},
        {"month", "1404-02"},
        {"month", "۱۴۰۴/۰۳"},
        {"month", "اسفند ۱۴۰۳"}},
       [](const SearchRequest& r, const std::string& l) {
         EXPECT_EQ(r.orgs, (std::vector<std::string>{"بانک ملی", "بانک سپه"})) << l;
         EXPECT_EQ(r.types, (std::vector<std::string>{"meeting", "meeting", "visit"})) << l;
         EXPECT_EQ(r.places, (std::vector<std::string>{"بروجرد"})) << l;
         EXPECT_EQ(r.months, (std::vector<std::string>{"1404-02", "1404-03", "1403-12"})) << l;
       }},
      // Dates: Jalali in any digits, ISO; inclusive; the same day twice is a range of one.
      {{{"from", "۱۴۰۴/۰۲/۰۵"}, {"to", "2025-04-25"}},
       [](const SearchRequest& r, const std::string& l) {
         ASSERT_TRUE(r.from && r.to) << l;
         EXPECT_EQ(*r.from, (dates::GregorianDate{2025, 4, 25})) << l;
         EXPECT_EQ(*r.to, (dates::GregorianDate{2025, 4, 25})) << l;
       }},
      {{{"from", "1404/1/1"}, {"to", "١٤٠٤/١٢/٢٩"}},
       [](const SearchRequest& r, const std::string& l) {
         ASSERT_TRUE(r.from && r.to) << l;
         EXPECT_EQ(*r.from, (dates::GregorianDate{2025, 3, 21})) << l;
         EXPECT_EQ(*r.to, (dates::GregorianDate{2026, 3, 20})) << l;
       }},
      // A month or a year as a bound: first day for from, last day for to.
      {{{"from", "1404/02"}, {"to", "2025"}},
       [](const SearchRequest& r, const std::string& l) {
         ASSERT_TRUE(r.from && r.to) << l;
         EXPECT_EQ(*r.from, (dates::GregorianDate{2025, 4, 21})) << l;
         EXPECT_EQ(*r.to, (dates::GregorianDate{2025, 12, 31})) << l;
       }},
      {{{"to", "2024-02"}},
       [](const SearchRequest& r, const std::string& l) {
         ASSERT_TRUE(r.to) << l;
         EXPECT_EQ(*r.to, (dates::GregorianDate{2024, 2, 29})) << l;  // a leap year
       }},
      {{{"from", ""}, {"to", ""}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_FALSE(r.from || r.to) << l; }},
      {{{"recency", "0"}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_EQ(r.recency, 0) << l; }},
      {{{"recency", "2.5"}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_EQ(r.recency, 2.5) << l; }},
      {{{"recency", "10"}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_EQ(r.recency, 10) << l; }},
      {{{"recency", "۳"}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_EQ(r.recency, 3) << l; }},
      {{{"facets", "false"}, {"facet_size", "5"}},
       [](const SearchRequest& r, const std::string& l) {
         EXPECT_FALSE(r.facets) << l;
         EXPECT_EQ(r.facet_limit, 5u) << l;
       }},
      {{{"facets", "1"}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_TRUE(r.facets) << l; }},
      // Limits are inclusive: a 1024-byte query.
      {{{"q", std::string(1024, 'a')}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_EQ(r.q.size(), 1024u) << l; }},
      // Unknown parameters are ignored (the widget may send its own).
      {{{"q", "بانک"}, {"callback", "x"}, {"_", "12345"}},
       [](const SearchRequest& r, const std::string& l) { EXPECT_EQ(r.q, "بانک") << l; }},
  };
  for (const Row& row : rows) {
    ParamError error;
    std::optional<SearchRequest> r = ParseSearchParams(row.params, resolver_, &error);
    std::string label = Describe(row.params);
    ASSERT_TRUE(r.has_value()) << label << " rejected: " << error.message;
    EXPECT_TRUE(error.message.empty()) << label;
    row.check(*r, label);
  }
}

TEST_F(RequestTest, LimitsAreInclusive) {
  Params params;
  for (size_t i = 0; i < kMaxParams; ++i) params.emplace("x" + std::to_string(i), "1");
  ParamError error;
  EXPECT_TRUE(ParseSearchParams(params, resolver_, &error)) << error.message;

  Params orgs;
  for (size_t i = 0; i < kMaxFilterValues; ++i) orgs.emplace("org", "سازمان " + std::to_string(i));
  EXPECT_TRUE(ParseSearchParams(orgs, resolver_, &error)) << error.message;

  Params long_value = {{"org", std::string(kMaxValueBytes, 'a')}};
  EXPECT_TRUE(ParseSearchParams(long_value, resolver_, &error)) << error.message;
}

TEST_F(RequestTest, RejectsWithAMessage) {
  auto many = [](size_t n, const std::string& key) {
    Params p;
    for (size_t i = 0; i < n; ++i)
      p.emplace(key.empty() ? "p" + std::to_string(i) : key, "v" + std::to_string(i));
    return p;
  };
  struct Row {
    Params params;
    std::string message;  // a substring of the error
  };
  const Row rows[] = {
      {{{"page", "0"}}, "'page' must be between 1 and 1000"},
      {{{"page", "-1"}}, "'page' must be"},
      {{{"page", "abc"}}, "'page' must be a whole number"},
      {{{"page", "1001"}}, "'page' must be between 1 and 1000, got 1001"},
      {{{"page", ""}}, "'page' must be a whole number"},
      {{{"page", "2.5"}}, "'page' must be a whole number"},
      {{{"page", "99999999999999999999"}}, "'page' must be"},
      {{{"page", "1"}, {"page", "2"}}, "'page' is given more than once"},
      {{{"page", std::string(40, '1')}}, "'page' is too long"},
      {{{"per_page", "0"}}, "'per_page' must be between 1 and 100"},
      {{{"per_page", "101"}}, "'per_page' must be between 1 and 100, got 101"},
      {{{"per_page", "۱۰۱"}}, "'per_page' must be between 1 and 100"},
      {{{"sort", "x"}}, "'sort' must be relevance, newest or oldest, got 'x'"},
      {{{"sort", "Newest"}}, "'sort' must be"},
      {{{"sort", ""}}, "'sort' must be"},
      {{{"from", "1404/13/01"}}, "'from' is not a date: '1404/13/01'"},
      {{{"to", "2025-02-30"}}, "'to' is not a date"},
      {{{"from", "1403/12/31"}}, "'from' is not a date"},
      {{{"from", "yesterday"}}, "'from' is not a date"},
      {{{"from", "2025-04-26"}, {"to", "2025-04-25"}}, "'from' is after 'to'"},
      {{{"from", "۱۴۰۴/۰۳/۰۱"}, {"to", "۱۴۰۴/۰۲/۳۱"}}, "'from' is after 'to'"},
      {{{"from", "1404"}, {"to", "1403"}}, "'from' is after 'to'"},
      {{{"q", std::string(1025, 'a')}}, "'q' is too long: 1025 bytes, at most 1024"},
      {{{"q", "a"}, {"q", "b"}}, "'q' is given more than once"},
      {{{"q", "بانک \xff"}}, "'q' is not valid UTF-8"},
      {{{"q", "\xd8"}}, "'q' is not valid UTF-8"},
      {{{"q", "\xc0\xaf"}}, "'q' is not valid UTF-8"},      // overlong '/'
      {{{"q", "\xed\xa0\x80"}}, "'q' is not valid UTF-8"},  // a UTF-16 surrogate
      {{{"org", "بانک \xfe"}}, "'org' is not valid UTF-8"},
      {{{"place", "\x80"}}, "'place' is not valid UTF-8"},
      {{{"type", "\xff"}}, "'type' is not valid UTF-8"},
      {{{"month", "\xe2\x82"}}, "'month' is not valid UTF-8"},
      {{{"sort", "\xff"}}, "'sort' is not valid UTF-8"},
      {{{"from", "1404\xff"}}, "'from' is not valid UTF-8"},
      {{{"type", "party"}}, "unknown 'type' 'party'"},
      {{{"type", "meeting"}, {"type", "جشنواره‌ی ناموجود"}}, "unknown 'type'"},
      {{{"month", "1404-13"}}, "'month' must be a Jalali month such as 1404-02, got '1404-13'"},
      {{{"month", "1404-00"}}, "'month' must be a Jalali month"},
      {{{"month", "اردیبهشت"}}, "'month' must be a Jalali month"},
      {{{"month", "14040-2"}}, "'month' must be a Jalali month"},
      {many(kMaxParams + 1, ""), "too many parameters (65, at most 64)"},
      {many(kMaxFilterValues + 1, "org"), "at most 20 'org' values"},
      {many(kMaxFilterValues + 1, "place"), "at most 20 'place' values"},
      {{{"org", std::string(kMaxValueBytes + 1, 'a')}}, "'org' values are limited to 256 bytes"},
      {{{"recency", "-1"}}, "'recency' must be a number from 0 to 10, got '-1'"},
      {{{"recency", "11"}}, "'recency' must be a number from 0 to 10"},
      {{{"recency", "nan"}}, "'recency' must be a number from 0 to 10"},
      {{{"recency", "inf"}}, "'recency' must be a number from 0 to 10"},
      {{{"recency", ""}}, "'recency' must be a number"},
      {{{"recency", "2x"}}, "'recency' must be a number"},
      {{{"facets", "maybe"}}, "'facets' must be true or false"},
      {{{"facet_size", "0"}}, "'facet_size' must be between 1 and 100"},
      {{{"facet_size", "101"}}, "'facet_size' must be between 1 and 100"},
  };
  for (const Row& row : rows) {
    ParamError error;
    std::optional<SearchRequest> r = ParseSearchParams(row.params, resolver_, &error);
    std::string label = Describe(row.params);
    EXPECT_FALSE(r.has_value()) << label << " was accepted";
    EXPECT_EQ(error.code, "bad_request") << label;
    EXPECT_NE(error.message.find(row.message), std::string::npos)
        << label << "\n  expected a message containing: " << row.message
        << "\n  got: " << error.message;
  }
}

TEST_F(RequestTest, ARejectionThenAnAcceptanceWithTheSameError) {
  // The error object may be reused across requests by a caller.
  ParamError error;
  EXPECT_FALSE(ParseSearchParams({{"page", "0"}}, resolver_, &error));
  EXPECT_FALSE(error.message.empty());
  EXPECT_TRUE(ParseSearchParams({{"page", "2"}}, resolver_, &error)) << error.message;
}

TEST(SingleParamTest, AbsentRepeatedTooLongInvalid) {
  struct Row {
    Params params;
    std::optional<std::string> value;
    std::string error;  // substring; "" = no error
  };
  const Row rows[] = {
      {{}, std::nullopt, ""},
      {{{"q", ""}}, "", ""},
      {{{"q", "بانک"}}, "بانک", ""},
      {{{"q", "12345678"}}, "12345678", ""},
      {{{"q", "123456789"}}, std::nullopt, "'q' is too long: 9 bytes, at most 8"},
      {{{"q", "a"}, {"q", "a"}}, std::nullopt, "'q' is given more than once"},
      {{{"q", "\xff"}}, std::nullopt, "'q' is not valid UTF-8"},
      {{{"other", "x"}}, std::nullopt, ""},
  };
  for (const Row& row : rows) {
    ParamError error;
    std::optional<std::string> v = SingleParam(row.params, "q", 8, &error);
    std::string label = Describe(row.params);
    EXPECT_EQ(v, row.value) << label;
    if (row.error.empty()) {
      EXPECT_TRUE(error.message.empty()) << label << ": " << error.message;
    } else {
      EXPECT_NE(error.message.find(row.error), std::string::npos) << label << ": " << error.message;
    }
  }
}

}  // namespace
}  // namespace kavosh::search
