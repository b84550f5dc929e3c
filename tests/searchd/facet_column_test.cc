// Facet columns (searchd/facet_column.h): every document's kSlotFacetIds by number, the
// registry that reads a shard again after a commit, and a searcher counting from a column
// answering exactly as one counting from Xapian's value table.
#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <map>
#include <thread>

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
  std::shared_ptr<const FacetColumn> column = FacetColumn::Read(db, 1 << 20);
  ASSERT_NE(column, nullptr);
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

  // Past the limit: not read at all.
  EXPECT_EQ(FacetColumn::Read(db, 30), nullptr);
  FacetColumns small(30);
  small.Prepare(dir.Path("db"), db);
  EXPECT_EQ(small.Get(dir.Path("db"), db), nullptr);
  EXPECT_EQ(small.reads(), 1u);
  EXPECT_EQ(small.memory(), 0u);
}

TEST(FacetColumnTest, RegistryReadsAShardAgainAfterACommit) {
  TempDir dir;
  const std::string path = dir.Path("db");
  Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OVERWRITE);
  w.add_document(WithValue("one"));
  w.commit();
  Xapian::Database db(path), behind(path);
  FacetColumns columns(1 << 20);
  EXPECT_EQ(columns.Get(path, db), nullptr) << "nothing read yet";
  columns.Prepare(path, db);  // reads now, unless the queued read already kept it
  std::shared_ptr<const FacetColumn> first = columns.Get(path, db);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->Of(1), "one");

  w.add_document(WithValue("two"));
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
  EXPECT_EQ(second->Of(2), "two");
  EXPECT_EQ(first->Of(2), "") << "a column is never changed, only replaced";
  EXPECT_EQ(columns.memory(), second->memory());

  // A handle behind the kept column gets none and asks for no read.
  const uint64_t reads = columns.reads();
  EXPECT_EQ(columns.Get(path, behind), nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(columns.reads(), reads);
}

// The whole search, with and without columns: the same totals, facets and pages, for
// queries whose matches include the two copies of the corpus's one story.
TEST(FacetColumnTest, SearchesAnswerAsFromTheValueTable) {
  TempDir dir;
  std::string error;
  ASSERT_TRUE(t::BuildCorpusDb(dir.Path("db"), t::Corpus(), &error)) << error;
  SearchOptions off;
  off.facet_column_bytes = 0;
  auto context = SearchContext::Load("", {});
  ASSERT_NE(context->columns, nullptr) << "columns are on by default";
  auto with = Searcher::Open(dir.Path("db"), context, &error);
  auto without = Searcher::Open(dir.Path("db"), SearchContext::Load("", off), &error);
  ASSERT_TRUE(with && without) << error;
  EXPECT_GT(context->columns->memory(), 0u) << "Open reads the column";
  size_t copies_seen = 0;
  for (const char* q : {"", "بانک", "بانک‌ها", "type:meeting", "\"شورای هماهنگی\"", "لرستان",
                        "زنبورداری یا کابران", "واژه‌ای‌که‌نیست"}) {
    SCOPED_TRACE(q);
    SearchRequest r;
    r.q = q;
    r.per_page = 100;
    r.facet_limit = 100;
    SearchResult a = with->Search(r), b = without->Search(r);
    EXPECT_EQ(a.total, b.total);
    EXPECT_EQ(a.total_is_exact, b.total_is_exact);
    for (const char* facet : {"org", "type", "place", "month"}) {
      std::map<std::string, uint64_t> fa, fb;
      for (const FacetCount& f : a.facets[facet]) fa[f.value] = f.count;
      for (const FacetCount& f : b.facets[facet]) fb[f.value] = f.count;
      EXPECT_EQ(fa, fb) << facet;
    }
    ASSERT_EQ(a.hits.size(), b.hits.size());
    for (size_t i = 0; i < a.hits.size(); ++i) EXPECT_EQ(a.hits[i].article.id, b.hits[i].article.id) << i;
    for (const Hit& h : a.hits) copies_seen += h.duplicates;
  }
  EXPECT_GT(copies_seen, 0u) << "no query matched the story with two copies";
}

}  // namespace
}  // namespace kavosh::search::test
