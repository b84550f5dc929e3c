// One test per bug the fuzzers found (docs/reliability.md, "Fuzzing"): the smallest
// input, through the public function that failed, with what it must do instead. The
// reproducers themselves are kept in fuzz/regressions/TARGET/ and replayed by the
// reliability_replay_TARGET tests.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <cstdlib>
#include <functional>
#include <future>
#include <string>
#include <thread>

#include "searchd/query_parser.h"
#include "tests/reliability/reliability_util.h"

namespace kavosh::reliability {
namespace {

using std::chrono::milliseconds;

// Runs `fn`, failing the test (and ending the process: a hung thread cannot be
// stopped) if it has not returned within `bound`.
void WithinBound(const char* what, const std::function<void()>& fn, milliseconds bound) {
  auto task = std::async(std::launch::async, fn);
  if (task.wait_for(bound) != std::future_status::ready) {
    ADD_FAILURE() << what << ": did not return within " << bound.count() << " ms";
    std::fprintf(stderr, "%s hangs; exiting\n", what);
    std::_Exit(1);
  }
  task.get();
}

// fuzz_query, hang (fixed in searchd/query_parser.cc, Lexer::Run): a closing quote that
// is not also an opening one (» U+00BB, ” U+201D) outside a phrase made ReadWord() read
// an empty word, and the lexer looped forever without advancing: one request
// `q=%C2%BB` held a searchd worker at 100% CPU for good.
TEST(FuzzRegressionTest, StrayClosingQuoteDoesNotHangTheParser) {
  struct Row {
    const char* query;
    bool has_words;
  };
  const Row kRows[] = {
      {"\u00bb", false},  // »
      {"\u201d", false},  // ”
      {"\u00bb\u00bb\u00bb \u201d\u201d", false},
      {"\u0628\u0627\u0646\u06a9\u00bb", true},        // بانک»
      {"\u0627\u0639\u00bb\u0644\u0627\u0645", true},  // اع»لام
      {"-\u00bb\u0628\u0627\u0646\u06a9", true},       // -»بانک
      {"\u00ab\u0628\u0627\u0646\u06a9\u00bb", true},  // «بانک»: a phrase, as before
  };
  for (const Row& row : kRows) {
    search::ParsedQuery parsed;
    WithinBound(
        row.query, [&] { parsed = search::ParseQuery(row.query); }, milliseconds(5000));
    EXPECT_EQ(!parsed.root.IsEmpty(), row.has_words) << row.query;
  }
  // The '-' before a stray quote still excludes the word after it.
  search::ParsedQuery negated =
      search::ParseQuery("\u062c\u0644\u0633\u0647 -\u00bb\u0628\u0627\u0646\u06a9");
  bool found_negated = false;
  std::function<void(const search::QueryNode&)> find = [&](const search::QueryNode& n) {
    found_negated = found_negated || (n.negated && n.text == "\u0628\u0627\u0646\u06a9");
    for (const search::QueryNode& c : n.children) find(c);
  };
  find(negated.root);
  EXPECT_TRUE(found_negated);
}

TEST(FuzzRegressionTest, StrayClosingQuoteIsAnsweredOverHttp) {
  ReliabilityServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  for (const char* target :
       {"/api/v1/search?q=%C2%BB", "/api/v1/search?q=%D8%A8%E2%80%9D&sort=newest",
        "/feed.atom?q=%C2%BB", "/api/v1/suggest?q=%C2%BB"}) {
    auto start = std::chrono::steady_clock::now();
    auto r = server.Client(5)->Get(target);
    ASSERT_TRUE(r) << target << ": " << httplib::to_string(r.error());
    EXPECT_EQ(r->status, 200) << target;
    EXPECT_LT(std::chrono::steady_clock::now() - start, milliseconds(2000)) << target;
  }
}

}  // namespace
}  // namespace kavosh::reliability
