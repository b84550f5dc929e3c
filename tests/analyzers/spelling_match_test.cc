// Every spelling of a word finds every other: each form is indexed into its own document
// of a small Xapian database, then each form is searched, alone and inside a phrase,
// through the same analyzer. Rows that must NOT match are checked the same way.
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <xapian.h>

#include "analyzers/analyzer.h"
#include "analyzers/xapian_terms.h"

namespace kavosh::analyzers {
namespace {

// Equivalence rows: all forms in a row must find each other.
const std::vector<std::vector<std::string>> kGroups = {
    // persian-text.md section 1: Arabic vs Persian letters
    {"علي", "علی", "على"},
    {"كتاب", "کتاب"},
    {"مدرسة", "مدرسه"},
    {"خانۀ ما", "خانهٔ ما", "خانه‌ی ما", "خانه ی ما"},
    {"رئيس", "رئیس", "رییس"},
    {"كرمانشاه", "کرمانشاه"},
    {"يكشنبه", "یکشنبه", "یک‌شنبه", "یک شنبه"},
    // half-space written, dropped or a space
    {"می‌شود", "میشود", "می شود"},
    {"نمی‌شود", "نمیشود", "نمی شود"},
    {"می‌کند", "میکند", "می کند", "مي كند"},
    {"می‌توانند", "میتوانند", "می توانند"},
    {"رئیس‌جمهور", "رئیسجمهور", "رئیس جمهور", "رئيس جمهور"},
    {"بانک‌ها", "بانکها", "بانک ها"},
    {"بانک‌های", "بانکهای", "بانک های"},
    {"برنامه‌ریزی", "برنامهریزی", "برنامه ریزی"},
    {"بزرگ‌ترین", "بزرگترین", "بزرگ ترین"},
    {"بزرگ‌تر", "بزرگتر", "بزرگ تر"},
    {"کانون‌ها", "کانونها", "کانون ها"},
    {"سیاست‌ها", "سیاستها", "سیاست ها"},
    {"دستگاه‌های", "دستگاههای", "دستگاه های"},
    {"توانمندی‌های", "توانمندیهای", "توانمندی های"},
    {"واحدهای", "واحد‌های", "واحد های"},
    {"شهرستان‌های", "شهرستانهای", "شهرستان های"},
    {"پروژه‌های", "پروژههای", "پروژه های"},
    {"فرآورده‌های", "فرآوردههای", "فرآورده های"},
    {"جلسه‌ای", "جلسهای", "جلسه ای"},
    {"هم‌اندیشی", "هماندیشی", "هم اندیشی"},
    {"هم‌افزایی", "همافزایی", "هم افزایی"},
    {"سرمایه‌گذاری", "سرمایهگذاری", "سرمایه گذاری"},
    {"تصمیم‌گیری", "تصمیمگیری", "تصمیم گیری"},
    {"بهره‌برداری", "بهرهبرداری", "بهره برداری"},
    {"بهره‌گیری", "بهرهگیری", "بهره گیری"},
    {"کلنگ‌زنی", "کلنگزنی", "کلنگ زنی"},
    {"آینده‌نگر", "آیندهنگر", "آینده نگر"},
    {"چشم‌انداز", "چشمانداز", "چشم انداز"},
    {"دانش‌آموزان", "دانشآموزان", "دانش آموزان"},
    {"راه‌اندازی", "راهاندازی", "راه اندازی"},
    {"خرم‌آباد", "خرمآباد", "خرم آباد", "خرم اباد"},
    {"پیش‌بینی", "پیشبینی", "پیش بینی"},
    {"بین‌المللی", "بینالمللی", "بین المللی"},
    {"حجت‌الاسلام", "حجتالاسلام", "حجت الاسلام"},
    {"سه‌شنبه", "سهشنبه", "سه شنبه"},
    {"پنج‌شنبه", "پنجشنبه", "پنج شنبه"},
    {"گفت‌وگو", "گفتوگو", "گفت و گو"},
    {"فرزندآوری", "فرزند‌آوری", "فرزند آوری"},
    {"بی‌نظیر", "بینظیر", "بی نظیر"},
    {"تلاش‌های", "تلاشهای", "تلاش های"},
    {"مشارکت‌های", "مشارکتهای", "مشارکت های"},
    // digits
    {"۱۴۰۴", "١٤٠٤", "1404"},
    {"تبصره ۱۸", "تبصره 18", "تبصره ١٨"},
    // diacritics, tatweel, hamza
    {"مُحَمَّد", "محمد"},
    {"تأمین", "تامین"},
    {"تأکید", "تاکید"},
    {"مسئول", "مسؤول"},
    {"مؤسسه", "موسسه"},
    {"بـــانک", "بانک"},
    {"إسلامی", "اسلامی"},
    // invisible characters and presentation forms
    {"بان\u200Dک", "بانک"},
    {"\u200Fجلسه\u200E", "جلسه"},
    {"\u202Bشورا\u202C", "شورا"},
    {"\uFEFFاستان", "استان"},
    {"🔹 جلسه", "جلسه"},
    {"\uFEE3\uFEE0\uFEF2", "ملی"},
    // Latin
    {"COVID-19", "covid-19", "Covid 19"},
    {"ICT", "ict"},
};

// Rows that must NOT find each other.
const std::vector<std::pair<std::string, std::string>> kDistinct = {
    {"میز", "شود"},         // not a verb form
    {"میز", "یز"},
    {"میدان", "دان"},
    {"استان", "است"},
    {"سازمان", "ساز"},
    {"تهران", "تهر"},
    {"لرستان", "لرست"},
    {"ایران", "ایر"},
    {"مردم", "مرد"},
    {"بانک", "بانو"},
    {"تنها", "تن"},
    {"دوران", "دور"},
};

class SpellingIndex {
 public:
  explicit SpellingIndex(const std::vector<std::string>& texts) {
    for (const auto& text : texts) {
      Xapian::Document doc;
      IndexText(analyzer_, "آغاز " + text + " پایان", "", 1, 1, &doc);
      db_.add_document(doc);
    }
  }
  std::set<Xapian::docid> Search(const std::string& query_text) {
    Xapian::Enquire enquire(db_);
    enquire.set_query(PhraseQuery(analyzer_.Analyze(query_text), ""));
    std::set<Xapian::docid> ids;
    Xapian::MSet mset = enquire.get_mset(0, 100);
    for (auto it = mset.begin(); it != mset.end(); ++it) ids.insert(*it);
    return ids;
  }

 private:
  Analyzer analyzer_;
  Xapian::WritableDatabase db_{std::string(), Xapian::DB_BACKEND_INMEMORY};
};

TEST(SpellingMatchTest, HasAtLeastSixtyRows) { EXPECT_GE(kGroups.size(), 60u); }

TEST(SpellingMatchTest, EveryFormFindsEveryOtherAloneAndInPhrases) {
  for (const auto& group : kGroups) {
    SpellingIndex index(group);
    for (const auto& form : group) {
      std::set<Xapian::docid> hits = index.Search(form);
      EXPECT_EQ(hits.size(), group.size()) << "word query [" << form << "] in group [" << group[0]
                                           << "]";
      std::set<Xapian::docid> phrase_hits = index.Search("آغاز " + form + " پایان");
      EXPECT_EQ(phrase_hits.size(), group.size())
          << "phrase query [آغاز " << form << " پایان] in group [" << group[0] << "]";
    }
  }
}

TEST(SpellingMatchTest, DistinctWordsDoNotMatch) {
  for (const auto& [a, b] : kDistinct) {
    SpellingIndex index({a});
    EXPECT_TRUE(index.Search(b).empty()) << a << " must not be found by " << b;
    SpellingIndex reverse({b});
    EXPECT_TRUE(reverse.Search(a).empty()) << b << " must not be found by " << a;
  }
}

TEST(SpellingMatchTest, EquivalentFormsGiveTheSameTerms) {
  Analyzer analyzer;
  auto terms_of = [&](const std::string& text) {
    std::set<std::string> out;
    for (const Token& t : analyzer.Analyze(text)) {
      for (auto& term : IndexTerms(t)) out.insert(term);
    }
    return out;
  };
  for (const auto& group : kGroups) {
    std::set<std::string> first = terms_of(group[0]);
    for (const auto& form : group) {
      // Latin with and without a hyphen are matched by phrase, not identical terms.
      if (group[0] == "COVID-19") continue;
      EXPECT_EQ(terms_of(form), first) << "[" << form << "] vs [" << group[0] << "]";
    }
  }
}

}  // namespace
}  // namespace kavosh::analyzers
