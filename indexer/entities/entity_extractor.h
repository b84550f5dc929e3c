// Organisations, places and people named in a news item, under canonical names.
//
//   kavosh::entities::Gazetteer g = kavosh::entities::Gazetteer::Load({});
//   kavosh::entities::Entities e = kavosh::entities::ExtractEntities(title, body, g);
//   // e.orgs   {"سازمان صنعت، معدن و تجارت استان لرستان", …}  canonical, first mention first
//   // e.places {"لرستان", "کرمانشاه"}
//   // e.people {"دکتر امیدی شاه آباد"}
//
// Organisations: gazetteer names first (longest wins); then names discovered from a
// leading word (سازمان، اداره کل، اداره، شرکت، بانک، دانشگاه، شورای، ستاد، هلدینگ، بنیاد،
// کانون، انجمن، موسسه، دفتر، and also وزارت، معاونت، کمیسیون، کمیته، مرکز، حزب، باشگاه،
// فدراسیون، خبرگزاری، روزنامه، جمعیت، اتحادیه، مجمع، پژوهشگاه، دانشکده، شبکه) followed by
// 1 to max_discovered_words words. The first word may not be a plural ending (ها، های);
// one "و" is allowed between two name words. A discovered name ends before punctuation,
// a number, a line break, a stop word or role from titles.tsv (prepositions, verbs, date
// words: در با به از که را …), another leading word, or a place. A gazetteer organisation
// right after the leading word wins over discovery ("دفتر بسیج مهندسین صنعتی" is the
// Basij body); after one or more words it ends the name and is part of it
// (OrgMention::parts), and Entities::orgs lists both the outer and the inner name.
//
// Place suffix policy, the same for known and discovered names: a place right after the
// name ("استان", "استان <province>", "شهرستان <county>", or a bare province, county, city
// or country) is part of the mention's span. Whether it changes the name:
//   - bare "استان" or the home province (options.home_province): never. "سازمان صمت
//     استان" = "سازمان صمت استان لرستان" = "سازمان صمت" -> one canonical name; an unknown
//     "انجمن X استان لرستان" is named "انجمن X".
//   - a known national body followed by an Iranian place or ایران: a branch, the same
//     canonical name ("بانک ملی خرم‌آباد" -> بانک ملی ایران).
//   - a Lorestan body (canonical name containing the home province) followed by another
//     province, or any known body followed by a foreign country: another body, named as
//     written with its place ("اداره کل دامپزشکی استان کرمانشاه", "ارتش سوریه").
//   - a discovered name followed by any other place keeps it ("اداره ورزش و جوانان
//     شهرستان ازنا").
// A discovered name that is a gazetteer alias (bare, or with " استان لرستان" or " لرستان")
// becomes that canonical name. Names are shown as written, one space between words, with
// Arabic yeh and kaf written as Persian ones.
//
// Places: gazetteer matches ("استان لرستان" -> لرستان; "استان" alone is no place). A
// bare place name inside an organisation's name ("بانک ملی ایران", "خبرگزاری فارس") is
// not a place of the item; a spelled-out one ("... استان لرستان") is.
//
// People: an honorific from titles.tsv (دکتر، مهندس، سردار، حجت الاسلام، آقای، …), more
// honorifics, then 1 to max_name_words name words, stopping at a stop word, a role
// (معاون، مدیرکل، …), punctuation or a leading organisation word. Role titles alone do not
// make a person: "استاندار لرستان" is a post, not a name.
//
// Never fails: empty, huge or invalid UTF-8 input gives fewer entities, not errors.
#ifndef KAVOSH_INDEXER_ENTITIES_ENTITY_EXTRACTOR_H_
#define KAVOSH_INDEXER_ENTITIES_ENTITY_EXTRACTOR_H_

#include <string>
#include <string_view>
#include <vector>

#include "indexer/entities/gazetteer.h"
#include "indexer/entities/phrase_matcher.h"

namespace kavosh::entities {

struct ExtractOptions {
  bool discover_orgs = true;
  size_t max_discovered_words = 6;  // after the leading word
  size_t max_name_words = 3;
  std::string home_province = "لرستان";
};

struct OrgMention {
  size_t begin = 0;  // byte offsets into the text, the province suffix included
  size_t end = 0;
  std::string name;  // canonical when known, else the discovered name (folded spelling)
  bool known = false;
  // Known organisations inside a discovered name, canonical: "دفتر مشارکت‌های
  // مردمی سازمان حفاظت محیط زیست" has {"سازمان حفاظت محیط زیست"}.
  std::vector<std::string> parts;
};

struct Entities {
  std::vector<std::string> orgs;    // canonical, deduplicated, in order of first mention
  std::vector<std::string> places;  // canonical, likewise
  std::vector<std::string> people;  // "دکتر امیدی شاه آباد", likewise
};

// Every organisation mention in `text`, in text order, not overlapping.
std::vector<OrgMention> FindOrganizations(std::string_view text, const Gazetteer& gazetteer,
                                          const ExtractOptions& options = {});

Entities ExtractEntities(std::string_view title, std::string_view body, const Gazetteer& gazetteer,
                         const ExtractOptions& options = {});
// The same for texts tokenised once for both this and ClassifyEventTypes().
Entities ExtractEntities(const TokenizedText& title, const TokenizedText& body,
                         const Gazetteer& gazetteer, const ExtractOptions& options = {});

}  // namespace kavosh::entities

#endif  // KAVOSH_INDEXER_ENTITIES_ENTITY_EXTRACTOR_H_
