// Facet columns (searchd/facet_column.h): every document's kSlotFacetIds by number, the
// registry that reads a shard again after a commit, and a searcher counting from a column
// answering exactly as one counting from Xapian's value table.
#include <gtest/gtest.h>
#include <xapian.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <optional>
#include <map>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "schema/schema.h"
#include "searchd/facet_column.h"
#include "tests/searchd/searcher_fixture.h"

namespace kavosh::search::test {
namespace {

namespace sc = kavosh::schema;

Xapian::Document WithValue(const std::string& value) {
  Xapian::Document doc;
  doc.add_term("x");
  if (!value.empty()) doc.add_value(sc::kSlotFacetIds, value);
  return doc;
}

TEST(FacetColumnTest, HoldsEveryValueByDocumentNumber) {
  TempDir dir;
  Xapian::WritableDatabase w(dir.Path("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  w.add_document(WithValue("first"));   // 1
  w.add_document(WithValue(""));        // 2: no value
  w.add_document(WithValue("third"));   // 3
  w.add_document(WithValue("deleted")); // 4
  w.add_document(WithValue("fifth"));   // 5
  w.delete_document(4);
  Xapian::Document other = WithValue("");
  other.add_value(sc::kSlotDate, "20250101");  // another slot is not read
  w.add_document(other);                // 6
  w.commit();
  Xapian::Database db(dir.Path("db"));
  // These values name nothing (no header): a column with cells keeps no value.
  std::shared_ptr<const FacetColumn> column = FacetColumn::Read(db, 1 << 20);
  ASSERT_NE(column, nullptr);
  EXPECT_TRUE(column->has_cells());
  EXPECT_EQ(column->cells(), 0u);
  EXPECT_EQ(column->Of(1), "");
  column = FacetColumn::Read(db, 1 << 20, /*max_cells=*/0);
  ASSERT_NE(column, nullptr);
  EXPECT_FALSE(column->has_cells());
  EXPECT_EQ(column->revision(), db.get_revision());
  EXPECT_EQ(column->Of(1), "first");
  EXPECT_EQ(column->Of(2), "");
  EXPECT_EQ(column->Of(3), "third");
  EXPECT_EQ(column->Of(4), "");
  EXPECT_EQ(column->Of(5), "fifth");
  EXPECT_EQ(column->Of(6), "");
  EXPECT_EQ(column->Of(0), "");
  EXPECT_EQ(column->Of(7), "") << "a document added after the read";
  EXPECT_GT(column->memory(), 0u);
  // No story header in these values: each document is a story of its own.
  EXPECT_EQ(column->stories(), 6u);
  EXPECT_NE(column->StoryOf(1), column->StoryOf(3));

  // Past the limit: not read at all.
  EXPECT_EQ(FacetColumn::Read(db, 30), nullptr);
  FacetColumns small(30);
  small.Prepare(dir.Path("db"), db);
  EXPECT_EQ(small.Get(dir.Path("db"), db), nullptr);
  EXPECT_EQ(small.reads(), 1u);
  EXPECT_EQ(small.memory(), 0u);
}

std::string Ids(uint32_t tag, std::vector<uint32_t> orgs, std::vector<uint32_t> months) {
  sc::FacetIds ids;
  ids.tag = tag;
  ids.story = sc::StoryHash("s" + std::to_string(tag));
  ids.ids[0] = std::move(orgs);
  ids.ids[3] = std::move(months);
  return sc::EncodeFacetIds(ids);
}

using Names = std::vector<std::tuple<uint32_t, int, uint32_t>>;

// Each document's names as cells, (tag, facet, id), in the order of its value.
Names NamesOf(const FacetColumn& column, Xapian::docid did) {
  Names out;
  for (uint16_t cell : column.CellsOf(did)) {
    const FacetColumn::CellName& n = column.NameOf(cell);
    out.emplace_back(n.tag, n.facet, n.id);
  }
  return out;
}

TEST(FacetColumnTest, NumbersEveryNameAsACell) {
  TempDir dir;
  Xapian::WritableDatabase w(dir.Path("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  w.add_document(WithValue(Ids(7, {3, 0}, {2})));       // 1
  w.add_document(WithValue(""));                        // 2: no value
  w.add_document(WithValue(Ids(7, {0, 0}, {})));        // 3: a name twice
  std::string cut = Ids(7, {5, 6}, {1});
  cut.pop_back();                                       // the month's id is cut off
  w.add_document(WithValue(cut));                       // 4: malformed
  w.add_document(WithValue("no header"));               // 5
  std::vector<uint32_t> many;                           // more names than a slot holds
  for (uint32_t id = 0; id < 20; ++id) many.push_back(100 + id);
  w.add_document(WithValue(Ids(7, many, {2})));         // 6
  std::vector<uint32_t> more(many.begin() + 1, many.begin() + 15);
  w.add_document(WithValue(Ids(7, more, {})));          // 7: spilled too
  w.commit();
  Xapian::Database db(dir.Path("db"));
  auto column = FacetColumn::Read(db, 1 << 20);
  ASSERT_NE(column, nullptr);
  ASSERT_TRUE(column->has_cells());
  EXPECT_TRUE(column->one_tag());
  EXPECT_EQ(NamesOf(*column, 1), (Names{{7, 0, 3}, {7, 0, 0}, {7, 3, 2}}));
  EXPECT_EQ(NamesOf(*column, 2), Names{});
  EXPECT_EQ(NamesOf(*column, 3), (Names{{7, 0, 0}, {7, 0, 0}}));
  EXPECT_EQ(NamesOf(*column, 4), (Names{{7, 0, 5}, {7, 0, 6}})) << "the names before the fault";
  EXPECT_EQ(NamesOf(*column, 5), Names{});
  Names all;
  for (uint32_t id : many) all.emplace_back(7, 0, id);
  all.emplace_back(7, 3, 2);
  EXPECT_EQ(NamesOf(*column, 6), all);
  Names some;
  for (uint32_t id : more) some.emplace_back(7, 0, id);
  EXPECT_EQ(NamesOf(*column, 7), some) << "spilled after another";
  EXPECT_EQ(NamesOf(*column, 8), Names{}) << "past the read";
  EXPECT_EQ(column->cells(), 25u) << "one cell per distinct name";
  EXPECT_EQ(column->CellsOf(1)[1], column->CellsOf(3)[0]) << "the same name, the same cell";
  EXPECT_EQ(column->CellsOf(6)[1], column->CellsOf(7)[0]);

  // A second dictionary: its names are cells of their own.
  w.add_document(WithValue(Ids(9, {3}, {})));           // 8
  w.commit();
  db.reopen();
  column = FacetColumn::Read(db, 1 << 20);
  ASSERT_NE(column, nullptr);
  EXPECT_FALSE(column->one_tag());
  EXPECT_EQ(NamesOf(*column, 8), (Names{{9, 0, 3}}));
  EXPECT_NE(column->CellsOf(8)[0], column->CellsOf(1)[0]);

  // Past the number of cells allowed, or with an id no dictionary has: no cells, the
  // values still there.
  for (auto [max_cells, extra] : {std::pair<size_t, std::string>{25, ""}, {FacetColumn::kMaxCells, Ids(7, {1u << 30}, {})}}) {
    if (!extra.empty()) {
      w.add_document(WithValue(extra));
      w.commit();
      db.reopen();
    }
    column = FacetColumn::Read(db, 1 << 20, max_cells);
    ASSERT_NE(column, nullptr);
    EXPECT_FALSE(column->has_cells()) << max_cells;
    EXPECT_TRUE(column->CellsOf(1).empty());
    EXPECT_EQ(column->Of(1), Ids(7, {3, 0}, {2}));
  }
}

TEST(FacetColumnTest, RegistryReadsAShardAgainAfterACommit) {
  TempDir dir;
  const std::string path = dir.Path("db");
  Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OVERWRITE);
  w.add_document(WithValue(Ids(1, {11}, {})));
  w.commit();
  Xapian::Database db(path), behind(path);
  FacetColumns columns(1 << 20);
  EXPECT_EQ(columns.Get(path, db), nullptr) << "nothing read yet";
  columns.Prepare(path, db);  // reads now, unless the queued read already kept it
  std::shared_ptr<const FacetColumn> first = columns.Get(path, db);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(NamesOf(*first, 1), (Names{{1, 0, 11}}));

  w.add_document(WithValue(Ids(1, {12}, {})));
  w.commit();
  EXPECT_EQ(columns.Get(path, db), first) << "a handle at the old revision keeps its column";
  db.reopen();
  std::shared_ptr<const FacetColumn> second;
  for (int i = 0; i < 500 && !second; ++i) {
    second = columns.Get(path, db);
    if (!second) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ASSERT_NE(second, nullptr) << "the new revision was not read within 5 s";
  EXPECT_EQ(second->revision(), db.get_revision());
  EXPECT_EQ(NamesOf(*second, 2), (Names{{1, 0, 12}}));
  EXPECT_EQ(NamesOf(*first, 2), Names{}) << "a column is never changed, only replaced";
  EXPECT_EQ(columns.memory(), second->memory());

  // A handle behind the kept column gets none and asks for no read.
  const uint64_t reads = columns.reads();
  EXPECT_EQ(columns.Get(path, behind), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(columns.reads(), reads);
}

// A database made again at the same path can reach the same revision number: its old
// column is never used for it, and the new one is read.
TEST(FacetColumnTest, ADatabaseMadeAgainAtThePathIsReadAgain) {
  TempDir dir;
  const std::string path = dir.Path("db");
  auto make = [&](uint32_t org) {
    Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OVERWRITE);
    w.add_document(WithValue(Ids(1, {org}, {})));
    w.commit();
  };
  make(1);  // the old database
  FacetColumns columns(1 << 20);
  {
    Xapian::Database db(path);
    columns.Prepare(path, db);
    ASSERT_NE(columns.Get(path, db), nullptr);
  }
  std::filesystem::remove_all(path);
  make(2);  // the new one
  Xapian::Database db(path);
  std::shared_ptr<const FacetColumn> column = columns.Get(path, db);
  EXPECT_TRUE(column == nullptr || NamesOf(*column, 1) == (Names{{1, 0, 2}})) << "the old database's column";
  for (int i = 0; i < 500 && !column; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    column = columns.Get(path, db);
  }
  ASSERT_NE(column, nullptr) << "the new database was not read within 5 s";
  EXPECT_EQ(NamesOf(*column, 1), (Names{{1, 0, 2}}));
}

// The dates of a column as a filter: the documents OP_VALUE_RANGE gives, with open
// bounds, undated documents and documents added after the read; and the same after the
// query is serialised and read back with a Registry (counting on two threads).
TEST(FacetColumnTest, DateRangeSourceFiltersLikeAValueRange) {
  TempDir dir;
  Xapian::WritableDatabase w(dir.Path("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  const std::vector<std::string> dates = {"20250101", "", "20250315", "20241231", "20250315",
                                          "2025031", "20251231", "", "20250601", "20260101"};
  for (size_t i = 0; i < dates.size(); ++i) {
    Xapian::Document doc;
    doc.add_term(i % 3 == 0 ? "a" : "b");
    doc.add_term("all");
    if (!dates[i].empty()) doc.add_value(sc::kSlotDate, dates[i]);
    w.add_document(doc);
  }
  w.commit();
  Xapian::Database db(dir.Path("db"));
  std::shared_ptr<const FacetColumn> column = FacetColumn::Read(db, 1 << 20);
  ASSERT_NE(column, nullptr);
  EXPECT_EQ(column->DateOf(1), 20250101u);
  EXPECT_EQ(column->DateOf(2), 0u);
  EXPECT_EQ(column->DateOf(6), 0u) << "not YYYYMMDD: left out";
  auto ids = [&](const Xapian::Query& q) {
    Xapian::Enquire e(db);
    e.set_query(q);
    std::vector<Xapian::docid> out;
    for (Xapian::docid d : e.get_mset(0, 100)) out.push_back(d);
    std::sort(out.begin(), out.end());
    return out;
  };
  struct Range {
    std::string from, to;
  };
  for (const Range& r : {Range{"20250101", "20251231"}, Range{"", "20250315"}, Range{"20250316", ""},
                         Range{"20250315", "20250315"}, Range{"20270101", ""}, Range{"", ""}}) {
    for (const char* term : {"a", "b", "all"}) {
      SCOPED_TRACE(r.from + ".." + r.to + " " + term);
      Xapian::Query by_value =
          r.from.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_RANGE, sc::kSlotDate, "00000000", r.to.empty() ? "99999999" : r.to)
          : r.to.empty() ? Xapian::Query(Xapian::Query::OP_VALUE_GE, sc::kSlotDate, r.from)
                         : Xapian::Query(Xapian::Query::OP_VALUE_RANGE, sc::kSlotDate, r.from, r.to);
      const uint32_t lo = r.from.empty() ? 0 : static_cast<uint32_t>(std::stoul(r.from));
      const uint32_t hi = r.to.empty() ? UINT32_MAX : static_cast<uint32_t>(std::stoul(r.to));
      Xapian::Query source((new DateRangeSource(column, lo, hi))->release());
      // dates[5] is not YYYYMMDD: a value range may take it, the source never does.
      std::vector<Xapian::docid> want = ids(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), by_value));
      want.erase(std::remove(want.begin(), want.end(), 6u), want.end());
      EXPECT_EQ(ids(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(term), source)), want);
      // Its count is exact (Xapian takes it for the bounds of what it filters).
      if (std::string(term) == "all") {
        EXPECT_EQ(column->CountDated(lo, hi), want.size());
      }
      Xapian::Query both(Xapian::Query::OP_FILTER, Xapian::Query(term), source);
      Xapian::Registry registry;
      registry.register_posting_source(DateRangeSource(column, 0, 0, 0));
      EXPECT_EQ(ids(Xapian::Query::unserialise(both.serialise(), registry)), want) << "read back";
    }
  }
  // A document added after the read is in no range of that column.
  Xapian::Document late;
  late.add_term("all");
  late.add_value(sc::kSlotDate, "20250101");
  w.add_document(late);
  w.commit();
  db.reopen();
  Xapian::Query source((new DateRangeSource(column, 20250101, 20250101))->release());
  EXPECT_EQ(ids(Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query("all"), source)),
            std::vector<Xapian::docid>{1});
}

// The whole search, with and without columns, and counting on one thread and on two: the
// same totals, facets and pages, for queries whose matches include the two copies of the
// corpus's one story, and for date ranges (read from the column's dates, or by value).
TEST(FacetColumnTest, SearchesAnswerAsFromTheValueTable) {
  TempDir dir;
  std::string error;
  ASSERT_TRUE(t::BuildCorpusDb(dir.Path("db"), t::Corpus(), &error)) << error;
  SearchOptions off, two;
  off.facet_column_bytes = 0;
  two.parallel_count_from = 1;
  auto context = SearchContext::Load("", {});
  ASSERT_NE(context->columns, nullptr) << "columns are on by default";
  auto with = Searcher::Open(dir.Path("db"), context, &error);
  auto without = Searcher::Open(dir.Path("db"), SearchContext::Load("", off), &error);
  auto with_two = Searcher::Open(dir.Path("db"), SearchContext::Load("", two), &error);
  ASSERT_TRUE(with && without && with_two) << error;
  EXPECT_GT(context->columns->memory(), 0u) << "Open reads the column";
  struct Row {
    std::string q;
    std::optional<dates::GregorianDate> from = std::nullopt, to = std::nullopt;
  };
  const std::vector<Row> rows = {
      {""}, {"بانک"}, {"بانک‌ها"}, {"type:meeting"}, {"\"شورای هماهنگی\""}, {"لرستان"},
      {"زنبورداری یا کابران"}, {"واژه‌ای‌که‌نیست"}, {"از:۱۴۰۴/۰۱/۰۱"},
      {"", dates::GregorianDate{2025, 3, 1}, dates::GregorianDate{2025, 5, 31}},
      {"بانک", dates::GregorianDate{2025, 4, 1}, std::nullopt},
      {"لرستان", std::nullopt, dates::GregorianDate{2025, 4, 30}},
  };
  size_t copies_seen = 0, dated_rows = 0;
  for (const Row& row : rows) {
    SCOPED_TRACE(row.q + (row.from || row.to ? " (dated)" : ""));
    SearchRequest r;
    r.q = row.q;
    r.from = row.from;
    r.to = row.to;
    r.per_page = 100;
    r.facet_limit = 100;
    SearchResult b = without->Search(r);
    for (Searcher* s : {with.get(), with_two.get()}) {
      SearchResult a = s->Search(r);
      EXPECT_EQ(a.total, b.total);
      EXPECT_EQ(a.total_is_exact, b.total_is_exact);
      for (const char* facet : {"org", "type", "place", "month"}) {
        EXPECT_EQ(FacetMap(a, facet), FacetMap(b, facet)) << facet;
      }
      ASSERT_EQ(a.hits.size(), b.hits.size());
      for (size_t i = 0; i < a.hits.size(); ++i) EXPECT_EQ(a.hits[i].article.id, b.hits[i].article.id) << i;
      for (const Hit& h : a.hits) copies_seen += h.duplicates;
    }
    if ((row.from || row.to) && b.total > 0 && b.total < t::Corpus().size() - 1) ++dated_rows;
  }
  EXPECT_GT(copies_seen, 0u) << "no query matched the story with two copies";
  EXPECT_EQ(dated_rows, 3u) << "each date range should keep some articles and leave out others";
  EXPECT_GT(with_two->parallel_counts(), 0u);
}

}  // namespace
}  // namespace kavosh::search::test
