// Date extraction on arbitrary bytes: FindDates, ExtractEventDate / ExtractArticleDate
// with and without a reference and a published date, and ParseDateParam. The input is
// split at its first two newlines into published date, title and body, so the fuzzer
// reaches each part. Every date returned must be a valid calendar date whose phrase
// lies inside its string.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "indexer/dates/date_extractor.h"
#include "indexer/dates/jalali.h"

namespace {

namespace kd = kavosh::dates;

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "date contract broken: %s\n", what);
    std::abort();
  }
}

void CheckDate(const kd::ExtractedDate& d, std::string_view text) {
  Check(kd::IsValidJalali(d.jalali), "invalid Jalali date");
  Check(kd::IsValidGregorian(d.gregorian), "invalid Gregorian date");
  Check(d.start <= d.end && d.end <= text.size(), "date phrase outside its text");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::string_view published, title, body = input;
  if (size_t nl = input.find('\n'); nl != std::string_view::npos) {
    published = input.substr(0, nl);
    body = input.substr(nl + 1);
    if (size_t nl2 = body.find('\n'); nl2 != std::string_view::npos) {
      title = body.substr(0, nl2);
      body = body.substr(nl2 + 1);
    }
  }

  kd::GregorianDate g;
  if (kd::ParseDateParam(input, &g)) Check(kd::IsValidGregorian(g), "ParseDateParam: invalid date");
  if (kd::ParseDateParam(published, &g))
    Check(kd::IsValidGregorian(g), "ParseDateParam: invalid date");

  kd::DateContext none;
  kd::DateContext ctx;
  ctx.reference = {2025, 4, 27};
  ctx.published = published;
  for (const kd::DateContext* c : {&none, &ctx}) {
    for (const kd::ExtractedDate& d : kd::FindDates(input, *c)) CheckDate(d, input);
    std::optional<kd::ExtractedDate> e = kd::ExtractEventDate(title, body, *c);
    if (e) {
      Check(kd::IsValidGregorian(e->gregorian), "event date invalid");
      if (e->field == kd::DateField::kTitle) CheckDate(*e, title);
      if (e->field == kd::DateField::kBody) CheckDate(*e, body);
    }
    kavosh::schema::ArticleDate a = kd::ExtractArticleDate(title, body, *c);
    (void)a;
  }
  return 0;
}
