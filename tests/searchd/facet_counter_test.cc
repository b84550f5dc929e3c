// FacetCounter's two ways of counting (searchd/facets.h) give the same counts: the local
// spy that counts as Xapian shows it each match, and Xapian's ValueCountMatchSpy that
// remote shards use. Hand-made documents with the schema's story term and kSlotFacets
// value, in one database and split over two (a match spy is not told which shard a
// document comes from, so the local spy must find a story's copies itself).
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/core/facet_dictionary.h"
#include "schema/schema.h"
#include "searchd/facets.h"
#include "searchd/slice_count.h"
#include "tests/indexer/test_util.h"
#include "tests/searchd/corpus.h"

namespace kavosh::search {
namespace {

namespace sc = kavosh::schema;

struct Doc {
  std::string story;
  std::vector<std::string> orgs, types, places;
  std::string month;
  std::vector<std::string> words;  // plain terms to query by
};

Xapian::Document Make(const Doc& d, const std::string& id, indexer::FacetDictionary* dict) {
  Xapian::Document doc;
  doc.add_value(sc::kSlotFacetIds, dict->Encode(id, d.story, d.orgs, d.types, d.places, d.month));
  doc.add_boolean_term(sc::BoundedTerm(sc::kPrefixStory, d.story));
  doc.add_value(sc::kSlotStory, d.story);
  doc.add_value(sc::kSlotFacets, sc::EncodeFacetKey({d.story, d.orgs, d.types, d.places, d.month}));
  for (const std::string& w : d.words) doc.add_term(w);
  return doc;
}

// docs[i] goes to shard i % shards, each with its own facet dictionary (tag); `all` is
// the shards combined.
struct Built {
  Xapian::Database all;
  std::vector<Xapian::Database> shards;
};
Built Build(const std::vector<Doc>& docs, int shards, const kavosh::testing::TempDir& dir) {
  Built out;
  std::vector<Xapian::WritableDatabase> parts;
  for (int s = 0; s < shards; ++s) {
    parts.push_back(Xapian::WritableDatabase(dir.Path("shard" + std::to_string(s)), Xapian::DB_CREATE_OR_OVERWRITE));
  }
  std::vector<std::unique_ptr<indexer::FacetDictionary>> dicts;
  for (auto& p : parts) dicts.push_back(std::make_unique<indexer::FacetDictionary>(&p));
  for (size_t i = 0; i < docs.size(); ++i) {
    parts[i % parts.size()].add_document(Make(docs[i], "article-" + std::to_string(i), dicts[i % parts.size()].get()));
  }
  for (auto& p : parts) {
    p.commit();
    out.all.add_database(p);
    out.shards.push_back(p);
  }
  return out;
}

using Counts = std::map<std::string, std::map<std::string, uint64_t>>;

// Every facet's counts of `counter`, plus "stories".
Counts Read(FacetCounter& counter) {
  counter.Collect(true);
  Counts out;
  for (auto facet : {FacetCounter::kOrg, FacetCounter::kType, FacetCounter::kPlace, FacetCounter::kMonth}) {
    for (const FacetCount& f : counter.Top(facet, 1000)) out[FacetCounter::kNames[facet]][f.value] = f.count;
  }
  out["stories"][""] = counter.stories();
  return out;
}

// Where the local spy reads a match's names: Xapian's value table, or a FacetColumn of
// the one shard, by its cells or (no cells allowed) by its values.
enum class From { kValueTable, kCells, kColumnValues };

std::shared_ptr<const FacetColumn> ColumnOf(const Xapian::Database& db, From from) {
  if (from == From::kValueTable) return nullptr;
  auto column = FacetColumn::Read(db, size_t{1} << 30, from == From::kCells ? FacetColumn::kMaxCells : 0);
  EXPECT_NE(column, nullptr);
  if (column) {
    EXPECT_EQ(column->has_cells(), from == From::kCells);
  }
  return column;
}

// Runs `queries` (one after another on one counter, as a search with feedback does) and
// returns every facet's counts plus "stories", read as `from` says.
Counts Count(const Built& built, const std::vector<Xapian::Query>& queries, bool local,
             From from = From::kValueTable) {
  const Xapian::Database& db = built.all;
  FacetNames names;
  names.set_databases(built.shards);
  if (from != From::kValueTable) {
    EXPECT_EQ(built.shards.size(), 1u);
  }
  std::shared_ptr<const FacetColumn> values = ColumnOf(built.shards.at(0), from);
  FacetCounter counter(local ? &db : nullptr, true, &names, values);
  for (const Xapian::Query& q : queries) {
    Xapian::Enquire enquire(db);
    enquire.set_query(q);
    enquire.add_matchspy(counter.spy());
    enquire.get_mset(0, 10, db.get_doccount());
  }
  return Read(counter);
}

TEST(FacetCounterTest, AStoryCountsOnceWithTheUnionOfItsMatchingCopies) {
  std::vector<Doc> docs = {
      {"s1", {"بانک ملی", "استانداری"}, {"meeting"}, {"بروجرد"}, "1404-01", {"w"}},
      {"s1", {"بانک ملی", "شهرداری"}, {"meeting", "visit"}, {}, "1404-02", {"w"}},  // a copy, other values
      {"s1", {"بانک ملی", "استانداری"}, {"meeting"}, {"بروجرد"}, "1404-01", {"w"}},  // an exact copy
      {"s2", {"بانک ملی", "بانک ملی"}, {"project"}, {"بروجرد", "دورود"}, "", {"w", "x"}},  // a name twice
      {"s3", {}, {}, {}, "1403-12", {"x"}},
  };
  for (int shards : {1, 2, 3}) {
    kavosh::testing::TempDir dir;
    Built db = Build(docs, shards, dir);
    for (bool local : {true, false}) {
      SCOPED_TRACE(std::to_string(shards) + " shards, " + (local ? "local spy" : "value-count spy"));
      Counts c = Count(db, {Xapian::Query("w")}, local);
      EXPECT_EQ(c["stories"][""], 2u);
      EXPECT_EQ(c["org"], (std::map<std::string, uint64_t>{{"بانک ملی", 2}, {"استانداری", 1}, {"شهرداری", 1}}));
      EXPECT_EQ(c["type"], (std::map<std::string, uint64_t>{{"meeting", 1}, {"visit", 1}, {"project", 1}}));
      EXPECT_EQ(c["place"], (std::map<std::string, uint64_t>{{"بروجرد", 2}, {"دورود", 1}}));
      EXPECT_EQ(c["month"], (std::map<std::string, uint64_t>{{"1404-01", 1}, {"1404-02", 1}}));
      // The same matches shown twice (feedback runs a second query): counted once.
      EXPECT_EQ(Count(db, {Xapian::Query("w"), Xapian::Query("w")}, local), c);
      // A second query adding a story adds only that story.
      Counts both = Count(db, {Xapian::Query("w"), Xapian::Query("x")}, local);
      EXPECT_EQ(both["stories"][""], 3u);
      EXPECT_EQ(both["month"]["1403-12"], 1u);
      EXPECT_EQ(both["org"], c["org"]);
      if (local && shards == 1) {  // names from a column: the same counts
        for (From from : {From::kCells, From::kColumnValues}) {
          EXPECT_EQ(Count(db, {Xapian::Query("w")}, true, from), c);
          EXPECT_EQ(Count(db, {Xapian::Query("w"), Xapian::Query("w")}, true, from), c);
          EXPECT_EQ(Count(db, {Xapian::Query("w"), Xapian::Query("x")}, true, from), both);
        }
      }
    }
  }
}

// `n` documents drawn from a seeded generator: stories with copies spread over the whole
// index (about n / stories copies each) whose values differ, 0 to 3 organisations, 0 to 2
// places, one type, a month in four of five, and 5 of `words` plain terms to query by.
std::vector<Doc> RandomDocs(uint64_t seed, int n, size_t stories, size_t words) {
  const std::vector<std::string> orgs = {"بانک ملی", "بانک سپه", "استانداری", "شهرداری", "دانشگاه", "فرمانداری"};
  const std::vector<std::string> places = {"بروجرد", "دورود", "کوهدشت", "ازنا"};
  const std::vector<std::string> types = {"meeting", "visit", "project", "ceremony"};
  kavosh::testing::Draws draws(seed);
  auto next = [&draws](size_t k) { return draws.Next(k); };
  std::vector<Doc> docs;
  for (int i = 0; i < n; ++i) {
    Doc d;
    d.story = "story-" + std::to_string(next(stories));
    for (size_t k = next(4); k > 0; --k) d.orgs.push_back(orgs[next(orgs.size())]);
    for (size_t k = next(3); k > 0; --k) d.places.push_back(places[next(places.size())]);
    d.types.push_back(types[next(types.size())]);
    if (next(5) != 0) d.month = "1404-0" + std::to_string(1 + next(6));
    for (int w = 0; w < 5; ++w) d.words.push_back("w" + std::to_string(next(words)));
    docs.push_back(d);
  }
  return docs;
}

// Many stories with copies whose values differ, queried by random terms: both spies agree
// on every count, in one database and in three shards.
TEST(FacetCounterTest, LocalSpyCountsLikeXapiansSpy) {
  std::vector<Doc> docs = RandomDocs(7, 600, 250, 12);  // about 2.4 copies per story
  for (int shards : {1, 3}) {
    kavosh::testing::TempDir dir;
    Built db = Build(docs, shards, dir);
    for (int q = 0; q < 12; ++q) {
      SCOPED_TRACE(std::to_string(shards) + " shards, term w" + std::to_string(q));
      std::vector<Xapian::Query> queries = {Xapian::Query("w" + std::to_string(q))};
      Counts local = Count(db, queries, true);
      EXPECT_GT(local["stories"][""], 20u);
      EXPECT_EQ(local, Count(db, queries, false));
      if (shards == 1) {
        EXPECT_EQ(local, Count(db, queries, true, From::kCells)) << "with a column's cells";
        EXPECT_EQ(local, Count(db, queries, true, From::kColumnValues)) << "with a column's values";
      }
    }
  }
}

// The slices of the document numbers, counted by two counters that then add up, count
// what one counter over every match counts: stories whose copies fall in different
// slices count once, with the union of their values.
TEST(FacetCounterTest, SlicesCountedApartAddUpToTheWhole) {
  std::vector<Doc> docs = RandomDocs(11, 500, 200, 6);
  for (int shards : {1, 3}) {
    kavosh::testing::TempDir dir;
    Built db = Build(docs, shards, dir);
    Built again;  // other handles on the same shards, as the second thread has
    for (int s = 0; s < shards; ++s) {
      again.shards.emplace_back(dir.Path("shard" + std::to_string(s)));
      again.all.add_database(again.shards.back());
    }
    for (int w = 0; w < 6; ++w) {
      SCOPED_TRACE(std::to_string(shards) + " shards, term w" + std::to_string(w));
      const Xapian::Query query("w" + std::to_string(w));
      Counts whole = Count(db, {query}, true);
      ASSERT_GT(whole["stories"][""], 50u);
      // One thread, slices taken in turn by the two counters.
      FacetNames names, other_names;
      names.set_databases(db.shards);
      other_names.set_databases(again.shards);
      FacetCounter mine(&db.all, true, &names), theirs(&again.all, true, &other_names);
      Xapian::doccount total = 0;
      for (unsigned i = 0; i < kCountSlices; ++i) {
        Built& side = i % 2 == 0 ? db : again;
        FacetCounter& counter = i % 2 == 0 ? mine : theirs;
        Xapian::Enquire enquire(side.all);
        enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                        Xapian::Query((new SliceSource(i, kCountSlices))->release())));
        enquire.add_matchspy(counter.spy());
        total += enquire.get_mset(0, 0, side.all.get_doccount()).get_matches_upper_bound();
      }
      EXPECT_EQ(total, db.all.get_termfreq("w" + std::to_string(w)))
          << "the slices are not the whole: some documents missed or counted twice";
      mine.Absorb(theirs);
      EXPECT_EQ(Read(mine), whole);
      // Two threads (CountInSlices), as searchd does; with one shard, also with both
      // counters reading one FacetColumn.
      for (From from : {From::kValueTable, From::kCells, From::kColumnValues}) {
        const bool column = from != From::kValueTable;
        if (column && shards > 1) continue;
        std::shared_ptr<const FacetColumn> values = ColumnOf(db.shards[0], from);
        FacetCounter first(&db.all, true, &names, values), second(&again.all, true, &other_names, values);
        bool ran_first = false;
        SliceCountResult r = CountInSlices(query.serialise(), db.all.get_doccount(), {&db.all, &first},
                                           {&again.all, &second}, [&] { ran_first = true; });
        EXPECT_TRUE(ran_first);
        EXPECT_TRUE(r.all_seen);
        EXPECT_EQ(r.seen, total);
        first.Absorb(second);
        EXPECT_EQ(Read(first), whole) << (column ? "with a column" : "");
      }
    }
  }
}

// Counting from a column (searchd/column_count.cc) of one database holding two
// dictionaries (two shards merged by xapian-compact, so a story's copies carry different
// numbers for the same names): the counts of the value table, for one query; for a second
// query counted after the first was read (everything counted again); and for two column
// counters absorbed without sharing stories.
TEST(FacetCounterTest, AColumnOfMergedDictionariesCountsLikeTheValueTable) {
  std::vector<Doc> docs = RandomDocs(13, 500, 180, 6);
  kavosh::testing::TempDir dir;
  Built parts = Build(docs, 2, dir);
  Xapian::Database both;
  for (const Xapian::Database& shard : parts.shards) both.add_database(shard);
  both.compact(dir.Path("merged"));
  Built merged;
  merged.all = Xapian::Database(dir.Path("merged"));
  merged.shards = {merged.all};
  FacetNames names;
  names.set_databases(merged.shards);
  auto run = [&](FacetCounter* counter, const std::string& term) {
    Xapian::Enquire enquire(merged.all);
    enquire.set_query(Xapian::Query(term));
    enquire.add_matchspy(counter->spy());
    enquire.get_mset(0, 10, merged.all.get_doccount());
  };
  for (int w = 0; w < 10; ++w) {
    const std::string a = "w" + std::to_string(w % 5), b = "w" + std::to_string(w % 5 + 1);
    const From from = w < 5 ? From::kCells : From::kColumnValues;
    SCOPED_TRACE(a + ", " + b + (from == From::kCells ? ", cells" : ", values"));
    auto column = ColumnOf(merged.all, from);
    ASSERT_NE(column, nullptr);
    if (column->has_cells()) {
      EXPECT_FALSE(column->one_tag());
    }
    Counts want = Count(merged, {Xapian::Query(a)}, true);
    EXPECT_EQ(Count(merged, {Xapian::Query(a)}, true, from), want);
    Counts want_both = Count(merged, {Xapian::Query(a), Xapian::Query(b)}, true);
    EXPECT_GT(want_both["stories"][""], want["stories"][""]);

    FacetCounter later(&merged.all, true, &names, column);
    run(&later, a);
    EXPECT_EQ(Read(later), want);
    run(&later, b);
    EXPECT_EQ(Read(later), want_both) << "a second query after the first was read";

    FacetCounter one(&merged.all, true, &names, column), two(&merged.all, true, &names, column);
    run(&one, a);
    run(&two, b);
    one.Absorb(two);
    EXPECT_EQ(Read(one), want_both) << "absorbed without sharing stories";
  }
}

}  // namespace
}  // namespace kavosh::search

namespace kavosh::search {
namespace {

// searchd keeps one FacetNames while the indexer adds articles: names numbered after the
// dictionary was first read are found too.
TEST(FacetCounterTest, NamesAddedWhileServingAreFound) {
  kavosh::testing::TempDir dir;
  Xapian::WritableDatabase w(dir.Path("db"), Xapian::DB_CREATE_OR_OVERWRITE);
  auto dict = std::make_unique<indexer::FacetDictionary>(&w);
  w.add_document(Make({"s1", {"بانک ملی"}, {"meeting"}, {}, "1404-01", {"w"}}, "a1", dict.get()));
  w.commit();
  FacetNames names;
  auto orgs = [&names](const Xapian::Database& db) {
    names.set_databases({db});
    FacetCounter counter(&db, true, &names);
    Xapian::Enquire enquire(db);
    enquire.set_query(Xapian::Query("w"));
    enquire.add_matchspy(counter.spy());
    enquire.get_mset(0, 10, db.get_doccount());
    counter.Collect(true);
    std::map<std::string, uint64_t> out;
    for (const FacetCount& f : counter.Top(FacetCounter::kOrg, 10)) out[f.value] = f.count;
    return out;
  };
  EXPECT_EQ(orgs(Xapian::Database(dir.Path("db"))), (std::map<std::string, uint64_t>{{"بانک ملی", 1}}));
  w.add_document(Make({"s2", {"بانک سپه", "بانک ملی"}, {}, {}, "", {"w"}}, "a2", dict.get()));
  w.commit();
  EXPECT_EQ(orgs(Xapian::Database(dir.Path("db"))),
            (std::map<std::string, uint64_t>{{"بانک ملی", 2}, {"بانک سپه", 1}}));
}

}  // namespace
}  // namespace kavosh::search
