#include "tests/searchd/corpus.h"

#include <algorithm>
#include <memory>
#include <sstream>

#include "indexer/core/indexer.h"

namespace kavosh::testing {

namespace {

// U+06CC ARABIC LETTER FARSI YEH -> U+064A ARABIC LETTER YEH and U+06A9 ARABIC LETTER KEHEH
// -> U+0643 ARABIC LETTER KAF: how many Arabic-keyboard sources write Persian.
std::string ArabicLetters(std::string text) {
  const std::pair<std::string, std::string> kSwaps[] = {{"\u06cc", "\u064a"}, {"\u06a9", "\u0643"}};
  for (const auto& [from, to] : kSwaps) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

nlohmann::json Record(const std::string& id, const std::string& title, const std::string& body,
                      const std::string& published, const std::string& source = "لرستان خبر") {
  nlohmann::json j = {{"id", id},
                      {"url", "https://news.example.ir/" + id},
                      {"title", title},
                      {"body", body},
                      {"source", source}};
  if (!published.empty()) j["published"] = published;
  return j;
}

// clang-format off
// (Persian sentences read better unbroken than wrapped at 100 columns.)
std::string LongBody() {
  std::string body;
  const char* kStages[] = {"نخست", "دوم", "سوم", "چهارم", "پنجم", "ششم", "هفتم", "هشتم",
                           "نهم", "دهم", "یازدهم", "دوازدهم", "سیزدهم", "چهاردهم"};
  for (const char* stage : kStages) {
    body += std::string("در مرحله ") + stage + " برداشت، کشاورزان گندمکار دشت‌های استان محصول خود را "
            "به مراکز خرید تضمینی تحویل دادند و کارشناسان کیفیت محصول را مناسب ارزیابی کردند. ";
  }
  body += "\nکارشناسان گفتند: <script>alert('x')</script> خرید & فروش محصول منصفانه است.";
  body += "\nدر پایان گزارش آمده است که کشت زعفران در الیگودرز امسال دو برابر شد و "
          "کشاورزان از بازار فروش آن رضایت دارند.";
  return body;
}

constexpr char kDorudTitle[] = "دیدار فرماندار دورود با خانواده شهدای مدافع حرم";
constexpr char kDorudBody[] =
    "فرماندار دورود به همراه جمعی از مسئولان شهرستان با خانواده‌های شهدای مدافع حرم دیدار و "
    "از صبر و استقامت آنان قدردانی کرد.\n"
    "در این دیدار مشکلات خانواده‌ها بررسی و برای رفع آنها دستوراتی صادر شد.";

}  // namespace

std::vector<nlohmann::json> Corpus() {
  return {
      Record(kBankCouncil,
             "جلسه شورای هماهنگی بانک‌های استان لرستان برگزار شد",
             "جلسه شورای هماهنگی بانک‌های استان لرستان به ریاست معاون هماهنگی امور اقتصادی "
             "استاندار در سالن جلسات بانک ملی ایران در خرم‌آباد برگزار شد.\n"
             "در این جلسه گزارشی از عملکرد بانک‌ها در پرداخت تسهیلات ازدواج و فرزندآوری ارائه "
             "شد و معاون استاندار گفت: تسهیلات ازدواج از این پس ظرف یک هفته پرداخت می‌شود.",
             "2025-04-22"),
      Record(kBankJoined,
             "نشست شورای هماهنگی بانکهای لرستان درباره تسهیلات تولید",
             "نشست شورای هماهنگی بانکهای لرستان با حضور مدیران بانک سپه و بانک ملت در "
             "استانداری برگزار شد.\n"
             "رئیس شورا گفت: تسهیلات سرمایه در گردش به واحدهای تولیدی شهرک‌های صنعتی با "
             "اولویت پرداخت میشود.",
             "1403/11/15", "ایرنا"),
      Record(kBankArabic,
             ArabicLetters("جلسه شورای هماهنگی بانک‌ها در استانداری لرستان"),
             ArabicLetters("جلسه شورای هماهنگی بانک‌ها با حضور استاندار لرستان تشکیل شد و "
                           "درباره وام‌های قرض‌الحسنه و کاهش مطالبات معوق گفتگو شد."),
             "۱۴۰۳/۱۲/۱۰", "صدای زاگرس"),
      Record(kBankSpaced,
             "پرداخت وام بانک ها به مددجویان کمیته امداد",
             "مدیرکل کمیته امداد لرستان گفت: وام قرض الحسنه بانک ها به مددجویان از هفته "
             "آینده پرداخت می شود و بانک سپه بیشترین سهم را دارد.",
             "2025-04-05"),
      Record(kGovernorVisit,
             "بازدید استاندار لرستان از طرح آبرسانی روستاهای بروجرد",
             "استاندار لرستان در سفر به شهرستان بروجرد از طرح آبرسانی به ۱۲ روستای بخش مرکزی "
             "بازدید کرد.\n"
             "وی گفت: این طرح تا پایان تابستان به بهره‌برداری می‌رسد.",
             "2025-05-20"),
      Record(kWorkshop,
             "کارگاه آموزشی کاربران سامانه ثبت سوخت معادن",
             "کارگاه آموزشی ویژه کاربران سامانه ثبت میزان سوخت معادن استان با حضور کارشناسان "
             "سازمان صمت در خرم‌آباد برگزار شد و شرکت‌کنندگان با شیوه ثبت اطلاعات در سامانه "
             "آشنا شدند.",
             "2025-03-10"),
      Record(kExhibition,
             "گشایش نمایشگاه صنایع دستی لرستان در خرم‌آباد",
             "نمایشگاه صنایع دستی و سوغات لرستان با حضور ۴۰ غرفه‌دار در محل دائمی "
             "نمایشگاه‌های خرم‌آباد گشایش یافت و تا یک هفته دایر است.",
             "2025-06-01"),
      Record(kStoryA, kDorudTitle, kDorudBody, "2025-04-28", "دورود نیوز"),
      Record(kStoryB, kDorudTitle, kDorudBody, "2025-04-28", "لرستان امروز"),
      Record(kCharity,
             "توزیع ۱۲۰۰ بسته معیشتی در کوهدشت",
             "به همت خیرین و کمیته امداد شهرستان کوهدشت ۱۲۰۰ بسته معیشتی میان خانواده‌های "
             "نیازمند توزیع شد.",
             "2025-03-25"),
      Record(kLongBody, "گزارش کشاورزی لرستان: گندم & جو <b>ویژه</b>", LongBody(), "2024-12-01"),
      Record(kUndated,
             "آیین تجلیل از خیرین مدرسه‌ساز لرستان",
             "در آیینی با حضور مدیرکل آموزش و پرورش لرستان از خیرین مدرسه‌ساز استان تجلیل شد.",
             ""),
      Record(kCityCouncil,
             "نشست اعضای شورای شهر خرم‌آباد با شهردار",
             "در این نشست هماهنگی لازم برای اجرای طرح‌های عمرانی تابستان انجام شد و اعضای "
             "شورای شهر بر تسریع پروژه‌ها تأکید کردند.",
             "2025-05-05"),
      Record(kBeesOld, "آموزش زنبورداری در سلسله",
             "دوره آموزش زنبورداری برای روستاییان سلسله برگزار شد.", "2024-04-10"),
      Record(kBeesNew, "آموزش زنبورداری در دلفان",
             "دوره آموزش زنبورداری برای بانوان دلفان برگزار شد.", "2025-06-05"),
      Record(kAppointment,
             "معارفه مدیر جدید شعب بانک کشاورزی لرستان",
             "در آیینی با حضور معاون اقتصادی استاندار، مدیر جدید شعب بانک کشاورزی استان "
             "معارفه و از خدمات مدیر پیشین تقدیر شد.",
             "1403/07/24"),
  };
}
// clang-format on

std::vector<std::string> CorpusWords() {
  std::vector<std::string> words;
  for (const nlohmann::json& a : Corpus()) {
    std::istringstream in(a.value("body", std::string()));
    std::string w;
    while (in >> w) {
      bool plain = w.size() > 4 && w.find_first_of(".:()<>&0123456789") == std::string::npos;
      for (const char* mark : {"،", "«", "»"}) plain = plain && w.find(mark) == std::string::npos;
      if (plain) words.push_back(w);
    }
  }
  std::sort(words.begin(), words.end());
  words.erase(std::unique(words.begin(), words.end()), words.end());
  return words;
}

std::string CorpusJsonl(const std::vector<nlohmann::json>& records) {
  std::string out;
  for (const nlohmann::json& r : records) out += r.dump() + "\n";
  return out;
}

bool BuildCorpusDb(const std::string& db_path, const std::vector<nlohmann::json>& records,
                   std::string* error) {
  std::string ignored;
  if (error == nullptr) error = &ignored;
  TempDir scratch;
  std::string file = scratch.Path("corpus.jsonl");
  WriteFile(file, CorpusJsonl(records));
  indexer::IndexerOptions options;
  options.db_path = db_path;
  options.batch_size = 1000;
  options.threads = 1;
  std::vector<std::string> rejected;
  options.on_error = [&](const std::string& e) { rejected.push_back(e); };
  std::unique_ptr<indexer::Indexer> indexer = indexer::Indexer::Open(options, error);
  if (!indexer) return false;
  indexer->AddPath(file);
  indexer::IndexStats stats = indexer->Finish();
  if (!rejected.empty()) {
    *error = "rejected: " + rejected[0];
    return false;
  }
  if (stats.read != records.size()) {
    *error = "read " + std::to_string(stats.read) + " of " + std::to_string(records.size());
    return false;
  }
  return true;
}

}  // namespace kavosh::testing
