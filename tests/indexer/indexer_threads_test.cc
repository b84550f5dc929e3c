// The parallel pipeline writes the same database whatever the number of threads and the
// batch size: same documents under the same docids, same terms, positions, values, stored
// data and spelling table, and the same stories for duplicates.
#include <gtest/gtest.h>
#include <xapian.h>

#include <string>
#include <vector>

#include "indexer/core/indexer.h"
#include "tests/indexer/test_util.h"

namespace kavosh::indexer {
namespace {

using kavosh::testing::JsonLine;
using kavosh::testing::TempDir;
using kavosh::testing::WriteFile;

const char* const kParagraphs[] = {
    "جلسه شورای هماهنگی بانک‌های استان لرستان روز دوشنبه ۱ اردیبهشت ۱۴۰۴ به ریاست معاون "
    "هماهنگی امور اقتصادی استاندار در محل سالن جلسات بانک ملی ایران برگزار شد.",
    "کارگاه آموزشی ویژه کاربران ثبت میزان سوخت معادن استان با حضور کارشناسان سازمان صمت و "
    "نظام مهندسی معدن در خرم‌آباد برگزار شد و شرکت‌کنندگان با سامانه جدید آشنا شدند.",
    "دکتر امیدی در نشست خبری گفت: مهلت ثبت نام تا ۱۵ خرداد تمدید شد و داوطلبان می‌توانند "
    "از طریق سامانه دانشگاه علوم پزشکی لرستان اقدام کنند.",
    "نمایشگاه کتاب استان روز پنجشنبه با حضور مدیرکل فرهنگ و ارشاد اسلامی در بروجرد افتتاح شد.",
    "گزارشی از عملکرد بانک‌ها در پرداخت تسهیلات تکلیفی مانند وام ازدواج و فرزندآوری ارائه "
    "گردید و بر تسریع در پرداخت‌ها تأکید شد.",
};

// Articles mixing new stories, exact copies, near copies and a re-sent id.
std::string Corpus() {
  std::string out;
  for (int i = 0; i < 40; ++i) {
    std::string body = std::string(kParagraphs[i % 5]) + "\n" + kParagraphs[(i * 3 + 1) % 5];
    if (i % 7 == 3) body += " این خبر را خبرگزاری دیگری هم منتشر کرد.";  // a near copy
    std::string id = "n" + std::to_string(i);
    if (i == 31) id = "n4";  // sent again: replaces article n4
    out += JsonLine(id, "خبر شماره " + std::to_string(i % 11), body,
                    i % 2 ? "2025-04-25" : "1404/02/0" + std::to_string(1 + i % 9));
  }
  return out;
}

// Everything the database holds, document by document in docid order.
std::string Dump(const std::string& path) {
  Xapian::Database db(path);
  std::string out = "documents " + std::to_string(db.get_doccount()) + "\n";
  for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
    Xapian::Document doc = db.get_document(*d);
    out += "#" + std::to_string(*d) + " " + doc.get_data() + "\n";
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
      out += *t + ":" + std::to_string(t.get_wdf());
      for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) {
        out += "," + std::to_string(*p);
      }
      out += " ";
    }
    for (auto v = doc.values_begin(); v != doc.values_end(); ++v) {
      out += "\n  " + std::to_string(v.get_valueno()) + "=" + *v;
    }
    out += "\n";
  }
  for (auto s = db.spellings_begin(); s != db.spellings_end(); ++s) {
    out += "spell " + *s + " " + std::to_string(s.get_termfreq()) + "\n";
  }
  return out;
}

IndexStats Index(const std::string& db, const std::string& input, unsigned threads, size_t batch) {
  IndexerOptions options;
  options.db_path = db;
  options.threads = threads;
  options.batch_size = batch;
  std::string error;
  auto indexer = Indexer::Open(options, &error);
  EXPECT_NE(indexer, nullptr) << error;
  if (!indexer) return {};
  indexer->AddPath(input);
  return indexer->Finish();
}

TEST(IndexerThreadsTest, SameDatabaseWhateverTheThreadsAndBatches) {
  TempDir dir;
  std::string input = dir.Path("news.jsonl");
  WriteFile(input, Corpus());
  IndexStats one = Index(dir.Path("one"), input, 1, 1000);
  EXPECT_EQ(one.read, 40u);
  EXPECT_EQ(one.updated, 1u);
  EXPECT_GT(one.duplicates, 10u);
  const std::string expected = Dump(dir.Path("one"));
  for (auto [threads, batch] : {std::pair{4u, size_t{3}}, std::pair{2u, size_t{1}}}) {
    std::string db = dir.Path("db-" + std::to_string(threads) + "-" + std::to_string(batch));
    IndexStats s = Index(db, input, threads, batch);
    EXPECT_EQ(s.indexed, one.indexed);
    EXPECT_EQ(s.updated, one.updated);
    EXPECT_EQ(s.duplicates, one.duplicates);
    EXPECT_EQ(Dump(db), expected) << threads << " threads, batch " << batch;
  }
}

std::string SpellingPart(const std::string& dump) { return dump.substr(dump.find("\nspell ")); }

TEST(IndexerThreadsTest, ReindexingIsTheSameWhateverTheThreads) {
  TempDir dir;
  std::string input = dir.Path("news.jsonl");
  WriteFile(input, Corpus());
  Index(dir.Path("a"), input, 1, 1000);
  const std::string spelling = SpellingPart(Dump(dir.Path("a")));
  IndexStats again = Index(dir.Path("a"), input, 1, 1000);
  EXPECT_EQ(again.indexed, 0u);
  EXPECT_EQ(again.updated, 40u);
  EXPECT_EQ(again.documents, 39u);
  // Updates add nothing to the spelling table.
  EXPECT_EQ(SpellingPart(Dump(dir.Path("a"))), spelling);
  Index(dir.Path("b"), input, 3, 7);
  Index(dir.Path("b"), input, 3, 7);
  EXPECT_EQ(Dump(dir.Path("b")), Dump(dir.Path("a")));
}

}  // namespace
}  // namespace kavosh::indexer
