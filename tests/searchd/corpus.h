// A small hand-written corpus of Lorestan news for the searchd tests, indexed with the
// real indexer into a temporary database.
//
//   kavosh::testing::TempDir dir;
//   std::string db = dir.Path("db");
//   ASSERT_TRUE(kavosh::testing::BuildCorpusDb(db, kavosh::testing::Corpus()));
//
// The articles are chosen to exercise: spelling variants (Arabic yeh/kaf, ZWNJ, spaced
// suffixes, three kinds of digits), words together and apart, two copies of one story,
// an undated article, a long body with the match far into it, HTML special characters,
// two equally relevant articles of different age, and dates over several Jalali months
// of 1403 and 1404.
#ifndef KAVOSH_TESTS_SEARCHD_CORPUS_H_
#define KAVOSH_TESTS_SEARCHD_CORPUS_H_

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "tests/indexer/test_util.h"

namespace kavosh::testing {

// Ids of articles the tests refer to by name.
inline constexpr char kBankCouncil[] = "bank-council-1404-02";  // بانک‌ها, می‌شود
inline constexpr char kBankJoined[] = "bank-council-1403-11";   // بانکهای, میشود
inline constexpr char kBankArabic[] = "bank-council-arabic";    // بانك‌ها (U+0643, U+064A)
inline constexpr char kBankSpaced[] = "bank-loans-spaced";      // بانک ها, می شود
inline constexpr char kGovernorVisit[] = "governor-visit-boroujerd";
inline constexpr char kWorkshop[] = "workshop-fuel-users";  // کاربران, سازمان صمت
inline constexpr char kExhibition[] = "exhibition-handicrafts";
inline constexpr char kStoryA[] = "dorud-visit-a";  // two copies of one story
inline constexpr char kStoryB[] = "dorud-visit-b";
inline constexpr char kCharity[] = "kouhdasht/charity/1200";  // '/' in the id; ۱۲۰۰
inline constexpr char kLongBody[] = "long-report-saffron";    // 3 KB, <script>, &
inline constexpr char kUndated[] = "undated-ceremony";
inline constexpr char kCityCouncil[] = "city-council-khorramabad";  // شورای … هماهنگی apart
inline constexpr char kBeesOld[] = "beekeeping-1403";
inline constexpr char kBeesNew[] = "beekeeping-1404";
inline constexpr char kAppointment[] = "appointment-keshavarzi";

// The articles as JSONL records (id, title, body, published, source, url).
std::vector<nlohmann::json> Corpus();

// The distinct plain words of Corpus()'s bodies (longer than four bytes, without digits,
// punctuation or Persian quotation marks), sorted: material for generated articles.
std::vector<std::string> CorpusWords();

// A seeded linear congruential generator, so generated test data is the same on every
// machine: Next(k) is a draw from 0 to k - 1.
class Draws {
 public:
  explicit Draws(uint64_t seed) : state_(seed) {}
  size_t Next(size_t k) {
    state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>((state_ >> 33) % k);
  }

 private:
  uint64_t state_;
};

// The records as JSONL text.
std::string CorpusJsonl(const std::vector<nlohmann::json>& records);

// Indexes `records` into `db_path` (created) with the real indexer, in order, one batch.
// False, with *error set, when the indexer cannot open the database or rejects a record.
bool BuildCorpusDb(const std::string& db_path, const std::vector<nlohmann::json>& records,
                   std::string* error = nullptr);

}  // namespace kavosh::testing

#endif  // KAVOSH_TESTS_SEARCHD_CORPUS_H_
