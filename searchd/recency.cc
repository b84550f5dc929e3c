#include "searchd/recency.h"

#include <cmath>
#include <cstdio>

#include "schema/schema.h"

namespace kavosh::search {

// Days from civil and back (proleptic Gregorian), after H. Hinnant's public derivation.
long DayNumber(const std::string& s) {
  if (s.size() != 8) return -1;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
  }
  long y = std::stol(s.substr(0, 4)), m = std::stol(s.substr(4, 2)), d = std::stol(s.substr(6, 2));
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::string DayString(long day) {
  day += 719468;
  long era = (day >= 0 ? day : day - 146096) / 146097;
  long doe = day - era * 146097;
  long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  long y = yoe + era * 400;
  long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  long mp = (5 * doy + 2) / 153;
  long d = doy - (153 * mp + 2) / 5 + 1;
  long m = mp + (mp < 10 ? 3 : -9);
  y += m <= 2;
  char buf[64];  // room for any long, so the compiler sees no truncation
  std::snprintf(buf, sizeof buf, "%04ld%02ld%02ld", y, m, d);
  return buf;
}

Xapian::Query RecencyQuery(double max_weight, const std::string& reference_yyyymmdd,
                           double half_life_days) {
  long reference = DayNumber(reference_yyyymmdd);
  if (reference < 0 || max_weight <= 0) return {};
  if (half_life_days <= 0) half_life_days = 30;
  auto* source = new Xapian::ValueMapPostingSource(schema::kSlotDate);
  long days = static_cast<long>(half_life_days * 8);
  for (long age = 0; age <= days; ++age) {
    source->add_mapping(DayString(reference - age),
                        max_weight * std::exp2(-static_cast<double>(age) / half_life_days));
  }
  source->set_default_weight(0);
  return Xapian::Query(source->release());
}

}  // namespace kavosh::search
