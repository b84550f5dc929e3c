#include "indexer/core/indexer.h"

#include <gtest/gtest.h>
#include <xapian.h>

#include "schema/article.h"
#include "schema/schema.h"
#include "tests/indexer/test_util.h"

namespace kavosh::indexer {
namespace {

using kavosh::testing::JsonLine;
using kavosh::testing::TempDir;
using kavosh::testing::WriteFile;

const char kBody1[] =
    "جلسه شورای هماهنگی بانک‌های استان لرستان روز دوشنبه ۱ اردیبهشت ۱۴۰۴ به ریاست معاون "
    "هماهنگی امور اقتصادی استاندار در محل سالن جلسات بانک ملی ایران برگزار شد و گزارشی از "
    "عملکرد بانک‌ها در پرداخت تسهیلات تکلیفی مانند وام ازدواج و فرزندآوری ارائه گردید.";
const char kBody2[] =
    "کارگاه آموزشی ویژه کاربران ثبت میزان سوخت معادن استان با حضور کارشناسان سازمان صمت و "
    "نظام مهندسی معدن در خرم‌آباد برگزار شد و شرکت‌کنندگان با سامانه جدید آشنا شدند.";

struct RunResult {
  IndexStats stats;
  std::vector<std::string> errors;
};

RunResult IndexInto(const std::string& db, const std::vector<std::string>& inputs, size_t batch = 2) {
  RunResult run;
  IndexerOptions options;
  options.db_path = db;
  options.batch_size = batch;
  options.on_error = [&](const std::string& e) { run.errors.push_back(e); };
  std::string error;
  auto indexer = Indexer::Open(options, &error);
  EXPECT_NE(indexer, nullptr) << error;
  if (!indexer) return run;
  for (const auto& in : inputs) indexer->AddPath(in);
  run.stats = indexer->Finish();
  return run;
}

TEST(IndexerTest, BadRecordsAreReportedAndGoodOnesIndexed) {
  TempDir dir;
  std::string file = dir.Path("news.jsonl");
  WriteFile(file, JsonLine("a1", "جلسه شورای بانک‌ها", kBody1) + "{not json\n" +
                      JsonLine("a2", "کارگاه آموزشی سوخت", kBody2) + "\"just a string\"\n");
  RunResult run = IndexInto(dir.Path("db"), {file});
  EXPECT_EQ(run.stats.indexed, 2u);
  EXPECT_EQ(run.stats.rejected, 2u);
  EXPECT_EQ(run.stats.documents, 2u);
  ASSERT_EQ(run.errors.size(), 2u);
  EXPECT_EQ(run.errors[0].rfind(file + ":2: ", 0), 0u) << run.errors[0];
  EXPECT_EQ(run.errors[1].rfind(file + ":4: ", 0), 0u) << run.errors[1];
}

TEST(IndexerTest, SameIdReplacesAndDeleteRemoves) {
  TempDir dir;
  std::string file = dir.Path("news.jsonl");
  WriteFile(file, JsonLine("a1", "عنوان اول", kBody1) + JsonLine("a2", "کارگاه", kBody2));
  IndexInto(dir.Path("db"), {file});
  WriteFile(file, JsonLine("a1", "عنوان اصلاح شده", kBody1));
  RunResult again = IndexInto(dir.Path("db"), {file});
  EXPECT_EQ(again.stats.updated, 1u);
  EXPECT_EQ(again.stats.indexed, 0u);
  EXPECT_EQ(again.stats.documents, 2u);
  Xapian::Database db(dir.Path("db"));
  Xapian::PostingIterator p = db.postlist_begin("Qa1");
  ASSERT_NE(p, db.postlist_end("Qa1"));
  EXPECT_EQ(schema::FromJson(nlohmann::json::parse(db.get_document(*p).get_data())).title,
            "عنوان اصلاح شده");

  IndexerOptions options;
  options.db_path = dir.Path("db");
  std::string error;
  auto indexer = Indexer::Open(options, &error);
  ASSERT_NE(indexer, nullptr);
  indexer->Delete({"a2", "unknown"});
  IndexStats s = indexer->Finish();
  EXPECT_EQ(s.deleted, 1u);
  EXPECT_EQ(s.documents, 1u);
}

TEST(IndexerTest, ExactAndNearDuplicatesShareAStory) {
  TempDir dir;
  std::string file = dir.Path("news.jsonl");
  std::string edited = std::string(kBody1) + " این خبر را خبرگزاری دیگری هم منتشر کرد.";
  WriteFile(file, JsonLine("orig", "جلسه شورای هماهنگی بانک‌ها", kBody1) +
                      JsonLine("copy", "جلسه شورای هماهنگی بانکها", kBody1) +
                      JsonLine("edit", "تشکیل جلسه شورای هماهنگی بانک ها", edited) +
                      JsonLine("other", "کارگاه آموزشی", kBody2));
  RunResult run = IndexInto(dir.Path("db"), {file}, 100);
  EXPECT_EQ(run.stats.duplicates, 2u);
  Xapian::Database db(dir.Path("db"));
  EXPECT_EQ(db.get_termfreq("XGorig"), 3u);
  EXPECT_EQ(db.get_termfreq("XGother"), 1u);
}

// Near copies are found from the bands kept in memory: of articles indexed by an earlier
// run (read back from their signatures), but not of what an article said before it was
// replaced, nor of an article deleted since.
TEST(IndexerTest, NearDuplicatesAcrossRunsUpdatesAndDeletes) {
  TempDir dir;
  std::string file = dir.Path("news.jsonl");
  const std::string edited = std::string(kBody1) + " این خبر را خبرگزاری دیگری هم منتشر کرد.";
  WriteFile(file, JsonLine("orig", "جلسه شورای هماهنگی بانک‌ها", kBody1) +
                      JsonLine("other", "کارگاه آموزشی", kBody2));
  IndexInto(dir.Path("db"), {file});
  WriteFile(file, JsonLine("edit", "تشکیل جلسه شورای هماهنگی بانک ها", edited));
  EXPECT_EQ(IndexInto(dir.Path("db"), {file}).stats.duplicates, 1u);
  {
    Xapian::Database db(dir.Path("db"));
    EXPECT_EQ(db.get_termfreq("XGorig"), 2u);
  }
  // "orig" and "edit" now say something else; a new copy of the first text has no story
  // to join, though the bands of both old texts are still in the table of this run.
  WriteFile(file, JsonLine("orig", "کارگاه", std::string(kBody2) + " گزارش تکمیلی.") +
                      JsonLine("edit", "کارگاه", std::string(kBody2) + " گزارش دوم.") +
                      JsonLine("late", "جلسه شورای هماهنگی", edited + " پایان."));
  RunResult rewritten = IndexInto(dir.Path("db"), {file}, 100);
  EXPECT_EQ(rewritten.stats.updated, 2u);
  {
    Xapian::Database db(dir.Path("db"));
    EXPECT_EQ(db.get_termfreq("XGlate"), 1u);
    EXPECT_EQ(db.get_termfreq("XGother"), 3u);  // the rewritten two are copies of "other"
  }
  // Deleted: its bands stay in the table, but the article is gone.
  IndexerOptions options;
  options.db_path = dir.Path("db");
  std::string error;
  auto indexer = Indexer::Open(options, &error);
  ASSERT_NE(indexer, nullptr) << error;
  indexer->Delete({"late"});
  WriteFile(file, JsonLine("again", "جلسه شورای هماهنگی", edited + " پایان. تکرار."));
  indexer->AddPath(file);
  IndexStats s = indexer->Finish();
  EXPECT_EQ(s.deleted, 1u);
  EXPECT_EQ(s.duplicates, 0u);
  Xapian::Database db(dir.Path("db"));
  EXPECT_EQ(db.get_termfreq("XGagain"), 1u);
}

// Old bands of replaced articles do not count among the oldest candidates looked at.
TEST(IndexerTest, ReplacedArticlesDoNotCrowdOutANearCopy) {
  TempDir dir;
  std::string file = dir.Path("news.jsonl");
  std::string copies, rewritten;
  for (int i = 1; i <= 25; ++i) {
    const std::string id = "s" + std::to_string(i);
    copies += JsonLine(id, "جلسه شورای هماهنگی بانک‌ها", std::string(kBody1) + " نسخه " + id);
    rewritten += JsonLine(id, "کارگاه", std::string(kBody2) + " شماره " + std::to_string(i * 7919));
  }
  WriteFile(file, copies);
  IndexInto(dir.Path("db"), {file}, 100);
  WriteFile(file, rewritten + JsonLine("keep", "جلسه", std::string(kBody1) + " نسخه نو") +
                      JsonLine("probe", "جلسه", std::string(kBody1) + " نسخه آخر"));
  RunResult run = IndexInto(dir.Path("db"), {file}, 100);
  EXPECT_EQ(run.stats.updated, 25u);
  Xapian::Database db(dir.Path("db"));
  EXPECT_EQ(db.get_termfreq("XGkeep"), 2u);
}

TEST(IndexerTest, StoresFacetsValuesAndVersions) {
  TempDir dir;
  std::string file = dir.Path("news.jsonl");
  WriteFile(file, JsonLine("a1", "جلسه شورای هماهنگی بانک‌های استان", kBody1, "2025-04-22"));
  IndexInto(dir.Path("db"), {file});
  Xapian::Database db(dir.Path("db"));
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaSchemaVersion)),
            std::to_string(schema::kSchemaVersion));
  EXPECT_EQ(db.get_metadata(std::string(schema::kMetaAnalyzerVersion)),
            std::to_string(analyzers::kAnalyzerVersion));
  Xapian::Document doc = db.get_document(*db.postlist_begin("Qa1"));
  EXPECT_EQ(doc.get_value(schema::kSlotDate), "20250421");  // 1 Ordibehesht 1404 from the text
  EXPECT_EQ(doc.get_value(schema::kSlotMonth), "1404-02");
  EXPECT_FALSE(schema::DecodeList(doc.get_value(schema::kSlotTypes)).empty());
  EXPECT_EQ(schema::DecodeList(doc.get_value(schema::kSlotTypes))[0], "meeting");
  EXPECT_TRUE(db.term_exists("XTmeeting"));
  EXPECT_TRUE(db.term_exists("بانکهای"));
  EXPECT_TRUE(db.term_exists("Zبانک"));
  EXPECT_FALSE(db.get_spelling_suggestion("بانکهیا").empty());
}

TEST(IndexerTest, AReaderKeepsWorkingWhileTheIndexerWrites) {
  TempDir dir;
  std::string file = dir.Path("news.jsonl");
  WriteFile(file, JsonLine("a0", "کارگاه", kBody2));
  IndexInto(dir.Path("db"), {file});
  Xapian::Database reader(dir.Path("db"));
  std::string many;
  for (int i = 1; i <= 30; ++i) {
    many += JsonLine("b" + std::to_string(i), "خبر شماره " + std::to_string(i),
                     std::string(kBody2) + " شماره " + std::to_string(i * 7919));
  }
  WriteFile(file, many);
  IndexerOptions options;
  options.db_path = dir.Path("db");
  options.batch_size = 5;
  std::string error;
  auto indexer = Indexer::Open(options, &error);
  ASSERT_NE(indexer, nullptr);
  indexer->AddPath(file);
  // The reader still answers (from its snapshot or after reopen()).
  EXPECT_GE(reader.get_doccount(), 1u);
  reader.reopen();
  EXPECT_GT(reader.get_doccount(), 1u);
  indexer->Finish();
  reader.reopen();
  EXPECT_EQ(reader.get_doccount(), 31u);
}

TEST(IndexerTest, RefusesADatabaseOfAnotherSchema) {
  TempDir dir;
  {
    Xapian::WritableDatabase db(dir.Path("db"), Xapian::DB_CREATE_OR_OPEN);
    db.add_document(Xapian::Document());
    db.set_metadata(std::string(schema::kMetaSchemaVersion), "999");
    db.commit();
  }
  IndexerOptions options;
  options.db_path = dir.Path("db");
  std::string error;
  EXPECT_EQ(Indexer::Open(options, &error), nullptr);
  EXPECT_NE(error.find("schema version 999"), std::string::npos) << error;
}

}  // namespace
}  // namespace kavosh::indexer
