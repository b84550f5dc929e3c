// The query language on arbitrary bytes: ParseQuery, then QueryBuilder (strict and
// relaxed) over the sample database, the Xapian query run for ten hits, and the
// highlighter with the query's match terms on the query itself and on a stored title.
// Also the field-value parsers a query's org:/month:/از: values go through.
#include <xapian.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "analyzers/analyzer.h"
#include "fuzz/fuzz_util.h"
#include "searchd/field_resolver.h"
#include "searchd/highlighter.h"
#include "searchd/query_builder.h"
#include "searchd/query_parser.h"

namespace {

namespace ks = kavosh::search;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "query contract broken: %s\n", what);
    std::abort();
  }
}

size_t CountNodes(const ks::QueryNode& node, int depth, int* max_depth) {
  *max_depth = std::max(*max_depth, depth);
  size_t n = 1;
  for (const ks::QueryNode& c : node.children) n += CountNodes(c, depth + 1, max_depth);
  return n;
}

struct State {
  Xapian::Database db{kavosh::fuzz::SampleDb()};
  kavosh::analyzers::Analyzer analyzer;
  std::shared_ptr<const ks::SearchContext> context = kavosh::fuzz::SampleContext();
};

State* state = nullptr;

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  state = new State;
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (state == nullptr) LLVMFuzzerInitialize(nullptr, nullptr);
  std::string_view text(reinterpret_cast<const char*>(data), size);

  ks::ParsedQuery parsed = ks::ParseQuery(text);
  int depth = 0;
  size_t nodes = CountNodes(parsed.root, 0, &depth);
  Check(depth <= 2 * ks::kMaxDepth + 4, "query tree deeper than kMaxDepth");
  Check(nodes <= 4 * ks::kMaxNodes + 1, "query tree far larger than kMaxNodes");

  for (bool relaxed : {false, true}) {
    ks::QueryBuilder builder({.analyzer = &state->analyzer,
                              .db = &state->db,
                              .resolver = state->context->resolver.get()});
    ks::BuiltQuery built = builder.Build(parsed, relaxed);
    for (const ks::QueryWord& w : built.words) {
      Check(w.start <= w.end && w.end <= text.size(), "query word outside the query");
    }
    (void)built.query.get_description();
    Xapian::Enquire enquire(state->db);
    enquire.set_query(built.query.empty() ? Xapian::Query::MatchAll : built.query);
    Xapian::MSet mset = enquire.get_mset(0, 10);
    ks::Highlighter highlighter(&state->analyzer);
    (void)highlighter.Whole(text, built.highlight);
    (void)highlighter.Passage(text, built.highlight, {.max_chars = 40});
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      std::string stored = it.get_document().get_data();
      (void)highlighter.Passage(stored, built.highlight);
      break;
    }
  }

  (void)ks::FieldResolver::Month(text);
  kavosh::dates::GregorianDate d;
  (void)ks::FieldResolver::DateBound(text, false, &d);
  (void)ks::FieldResolver::DateBound(text, true, &d);
  if (size < 300) {
    (void)state->context->resolver->Orgs(text, state->db);
    (void)state->context->resolver->Type(text);
  }
  return 0;
}
