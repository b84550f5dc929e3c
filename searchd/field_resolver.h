// Turns what a user writes after org:, place:, type: and month: (or picks from a facet)
// into the canonical values the indexer stored: gazetteer aliases, any spelling, Persian
// labels of event types, Jalali months in any digits.
//
//   FieldResolver resolver(gazetteer);
//   resolver.Orgs("صمت", db);            // {"سازمان صنعت، معدن و تجارت استان لرستان"}
//   resolver.Type("جلسه");               // "meeting"
//   resolver.Month("اردیبهشت ۱۴۰۴");     // "1404-02"
//
// Thread-safe: const after construction; the database handle passed in is the caller's.
#ifndef KAVOSH_SEARCHD_FIELD_RESOLVER_H_
#define KAVOSH_SEARCHD_FIELD_RESOLVER_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <xapian.h>

#include "indexer/dates/jalali.h"
#include "indexer/entities/gazetteer.h"

namespace kavosh::search {

class FieldResolver {
 public:
  explicit FieldResolver(std::shared_ptr<const entities::Gazetteer> gazetteer);

  // Canonical organisation names stored in `db` that `value` denotes: the gazetteer's
  // entry for an alias, a stored name in another spelling, or else (at most 20) stored
  // names containing the value as whole words. Empty when nothing matches.
  std::vector<std::string> Orgs(std::string_view value, const Xapian::Database& db) const;
  std::vector<std::string> Places(std::string_view value, const Xapian::Database& db) const;

  // An event type value ("meeting") from its value, its Persian label or one of its cue
  // words; nullopt when none fits.
  std::optional<std::string> Type(std::string_view value) const;

  // "YYYY-MM" (Jalali) from "1404-02", "۱۴۰۴/۲", "اردیبهشت ۱۴۰۴"; nullopt otherwise.
  static std::optional<std::string> Month(std::string_view value);

  // A date limit: whatever dates::ParseDateParam accepts, or a month ("1404/02",
  // "2025-04") or a year ("1404"), Jalali below 1700; a month or year means its first day
  // when `end` is false and its last day when true. False when it is none of these.
  static bool DateBound(std::string_view value, bool end, dates::GregorianDate* out);

 private:
  std::vector<std::string> Resolve(std::string_view value, std::string_view prefix,
                                   const std::string* gazetteer_name,
                                   const Xapian::Database& db) const;

  std::shared_ptr<const entities::Gazetteer> gazetteer_;
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_FIELD_RESOLVER_H_
