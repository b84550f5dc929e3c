#include "searchd/recency.h"

#include <cmath>

#include "schema/schema.h"

namespace kavosh::search {

RecencySource::RecencySource(double max_weight, std::string reference_yyyymmdd,
                             double half_life_days)
    : Xapian::ValuePostingSource(schema::kSlotDate),
      max_weight_(max_weight),
      reference_(std::move(reference_yyyymmdd)),
      reference_day_(DayNumber(reference_)),
      half_life_(half_life_days > 0 ? half_life_days : 30) {}

long RecencySource::DayNumber(const std::string& s) {
  if (s.size() != 8) return -1;
  for (char c : s) {
    if (c < '0' || c > '9') return -1;
  }
  long y = std::stol(s.substr(0, 4)), m = std::stol(s.substr(4, 2)), d = std::stol(s.substr(6, 2));
  // Days from civil (proleptic Gregorian), after H. Hinnant's well-known derivation.
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

void RecencySource::init(const Xapian::Database& database) {
  Xapian::ValuePostingSource::init(database);
  set_maxweight(max_weight_);
}

double RecencySource::get_weight() const {
  long day = DayNumber(get_value());
  if (day < 0 || reference_day_ < 0) return 0;
  double age = static_cast<double>(reference_day_ - day);
  if (age < 0) age = 0;
  return max_weight_ * std::exp2(-age / half_life_);
}

Xapian::PostingSource* RecencySource::clone() const {
  return new RecencySource(max_weight_, reference_, half_life_);
}

}  // namespace kavosh::search
