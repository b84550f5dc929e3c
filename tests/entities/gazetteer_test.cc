#include "indexer/entities/gazetteer.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>

#include "tests/entities/test_util.h"

namespace kavosh::entities {
namespace {

using testing::Join;
using testing::ProjectGazetteer;

const char kOrgs[] =
    "# comment\n"
    "بانک ملی ایران\tبانک ملی\tbank\n"
    "بانک ملت\t-\tbank\n"
    "سازمان صنعت، معدن و تجارت استان لرستان\tسازمان صمت|سازمان صنعت، معدن و تجارت\t"
    "province_body\n";
const char kPlaces[] =
    "لرستان\tاستان لرستان\tprovince\t-\n"
    "خرم‌آباد\tخرم آباد\tcounty\tلرستان\n"
    "~سلسله\tشهرستان سلسله|الشتر\tcounty\tلرستان\n";
const char kTitles[] = "دکتر|مهندس\thonorific\nدر|با\tstop\n";

std::vector<std::string> OrgNames(const Gazetteer& g, std::string_view text) {
  std::vector<std::string> out;
  for (const GazetteerMatch& m : g.MatchOrganizations(text)) {
    out.push_back(g.organizations()[m.index].name);
  }
  return out;
}

std::vector<std::string> PlaceNames(const Gazetteer& g, std::string_view text) {
  std::vector<std::string> out;
  for (const GazetteerMatch& m : g.MatchPlaces(text)) out.push_back(g.places()[m.index].name);
  return out;
}

TEST(GazetteerTest, ParsesSmallFilesWithoutErrors) {
  Gazetteer g = Gazetteer::FromTexts({kOrgs, kPlaces, kTitles, ""});
  EXPECT_TRUE(g.errors().empty()) << Join(g.errors());
  EXPECT_EQ(g.organizations().size(), 3u);
  EXPECT_EQ(g.places().size(), 3u);
  EXPECT_EQ(g.places()[2].name, "سلسله");
  EXPECT_FALSE(g.event_types().types().empty());  // the built-in table
  EXPECT_EQ(g.FindTitle("دکتر"), TitleKind::kHonorific);
  EXPECT_EQ(g.FindTitle("در"), TitleKind::kStop);
  EXPECT_FALSE(g.FindTitle("امیدی").has_value());
}

struct MatchCase {
  const char* text;
  std::vector<std::string> orgs;
};

TEST(GazetteerTest, MatchesWholeWordsLongestFirst) {
  Gazetteer g = Gazetteer::FromTexts({kOrgs, kPlaces, kTitles, ""});
  const MatchCase cases[] = {
      {"جلسه در بانک ملی برگزار شد", {"بانک ملی ایران"}},
      {"بانک ملی ایران", {"بانک ملی ایران"}},  // longest alias wins
      {"بانک ملیت", {}},                       // no match inside a word
      {"بانکملی", {"بانک ملی ایران"}},         // joined form
      {"بانك ملي", {"بانک ملی ایران"}},        // Arabic kaf and yeh
      {"بانک\u200cملی", {"بانک ملی ایران"}},   // ZERO WIDTH NON-JOINER
      {"سازمان صمت و بانک ملت", {"سازمان صنعت، معدن و تجارت استان لرستان", "بانک ملت"}},
      {"سازمان صنعت معدن و تجارت", {"سازمان صنعت، معدن و تجارت استان لرستان"}},
      {"سازمان صنعت ، معدن و تجارت", {"سازمان صنعت، معدن و تجارت استان لرستان"}},
      {"سازمان صنعت. معدن و تجارت", {}},  // a full stop ends a name
      {"بانک\nملی", {}},                  // so does a line break
      {"", {}},
  };
  for (const MatchCase& c : cases) {
    EXPECT_EQ(OrgNames(g, c.text), c.orgs) << "text: " << c.text;
  }
}

TEST(GazetteerTest, MatchesPlaceSpellings) {
  Gazetteer g = Gazetteer::FromTexts({kOrgs, kPlaces, kTitles, ""});
  const MatchCase cases[] = {
      {"در خرم‌آباد", {"خرم‌آباد"}},
      {"در خرم آباد", {"خرم‌آباد"}},
      {"در خرمآباد", {"خرم‌آباد"}},
      {"در خرم‌اباد", {"خرم‌آباد"}},
      {"استان لرستان", {"لرستان"}},
      {"استان", {}},
      {"این سلسله جلسات", {}},  // "~سلسله": ambiguous alone
      {"شهرستان سلسله", {"سلسله"}},
      {"الشتر", {"سلسله"}},
  };
  for (const MatchCase& c : cases) {
    EXPECT_EQ(PlaceNames(g, c.text), c.orgs) << "text: " << c.text;
  }
}

TEST(GazetteerTest, ReportsOffsetsIntoTheOriginalText) {
  Gazetteer g = Gazetteer::FromTexts({kOrgs, kPlaces, kTitles, ""});
  std::string text = "جلسهٔ بانك ملي ایران.";
  std::vector<GazetteerMatch> m = g.MatchOrganizations(text);
  ASSERT_EQ(m.size(), 1u);
  EXPECT_EQ(text.substr(m[0].begin, m[0].end - m[0].begin), "بانك ملي ایران");
}

struct ErrorCase {
  GazetteerTexts texts;
  std::string expected;  // a prefix of one reported error
};

TEST(GazetteerTest, ReportsMalformedLinesWithFileAndLine) {
  const ErrorCase cases[] = {
      {{"بانک ملت\tbank\n", "", "", ""}, "organizations.tsv:1: expected"},
      {{"# c\n\nبانک ملت\t-\tbanks\n", "", "", ""}, "organizations.tsv:3: unknown kind"},
      {{"\t-\tbank\n", "", "", ""}, "organizations.tsv:1: empty name"},
      {{"بانک ملی\t-\tbank\nبانک ملت\tبانک ملی\tbank\n", "", "", ""},
       "organizations.tsv:2: name 'بانک ملی' already names 'بانک ملی'"},
      {{"", "لرستان\t-\tprovince\n", "", ""}, "places.tsv:1: expected"},
      {{"", "لرستان\t-\tstate\t-\n", "", ""}, "places.tsv:1: unknown kind"},
      {{"", "", "دکتر\ttitle\n", ""}, "titles.tsv:1: unknown kind"},
      {{"", "", "", "meeting\n"}, "event_types.tsv:1: expected"},
      {{"", "", "", "meeting\tجلسه\tجلسه\nvisit\tدیدار\tجلسه\n"},
       "event_types.tsv:2: cue 'جلسه' already belongs to 'meeting'"},
  };
  for (const ErrorCase& c : cases) {
    Gazetteer g = Gazetteer::FromTexts(c.texts);
    bool found = false;
    for (const std::string& e : g.errors()) found = found || e.starts_with(c.expected);
    EXPECT_TRUE(found) << "expected: " << c.expected << "\ngot: " << Join(g.errors());
  }
}

TEST(GazetteerTest, KeepsGoodLinesAroundBadOnes) {
  Gazetteer g = Gazetteer::FromTexts({"بانک ملت\t-\tbank\nخراب\nبانک سپه\t-\tbank\n", "", "", ""});
  EXPECT_EQ(g.organizations().size(), 2u);
  EXPECT_EQ(g.errors().size(), 1u) << Join(g.errors());
}

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "kavosh-gaz-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
    std::filesystem::create_directories(path_ + "/gazetteers");
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path_ + "/gazetteers/" + name) << text;
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(GazetteerTest, LoadsFromADirectoryAndReportsMissingFiles) {
  TempDir dir;
  dir.Write("organizations.tsv", kOrgs);
  dir.Write("places.tsv", "لرستان\t-\tprovince\n");  // line 1 malformed
  Gazetteer g = Gazetteer::Load({dir.path()});
  EXPECT_EQ(g.organizations().size(), 3u);
  std::string all = Join(g.errors());
  EXPECT_NE(all.find(dir.path() + "/gazetteers/places.tsv:1: expected"), std::string::npos) << all;
  EXPECT_NE(all.find("titles.tsv: cannot read"), std::string::npos) << all;
  EXPECT_NE(all.find("event_types.tsv: cannot read"), std::string::npos) << all;
  EXPECT_FALSE(g.event_types().types().empty());  // fell back to the built-in table
}

TEST(GazetteerTest, EnvironmentOverridesTheDefaultDirectory) {
  TempDir dir;
  dir.Write("organizations.tsv", "بانک ملت\t-\tbank\n");
  const char* old = getenv("KAVOSH_DATA_DIR");
  std::string saved = old ? old : "";
  setenv("KAVOSH_DATA_DIR", dir.path().c_str(), 1);
  EXPECT_EQ(Gazetteer::DefaultDataDir(), dir.path());
  Gazetteer g = Gazetteer::Load({});
  EXPECT_EQ(g.organizations().size(), 1u);
  if (old) {
    setenv("KAVOSH_DATA_DIR", saved.c_str(), 1);
  } else {
    unsetenv("KAVOSH_DATA_DIR");
  }
  EXPECT_EQ(Gazetteer::Load({dir.path()}).organizations().size(), 1u);  // options win
}

TEST(GazetteerTest, ProjectDataLoadsCleanly) {
  const Gazetteer& g = ProjectGazetteer();
  EXPECT_TRUE(g.errors().empty()) << Join(g.errors());
  EXPECT_GE(g.organizations().size(), 200u);
  EXPECT_GE(g.places().size(), 100u);
  size_t provinces = 0;
  for (const Place& p : g.places()) provinces += p.kind == "province";
  EXPECT_EQ(provinces, 31u);
  for (const char* kind : {"province_body", "ministry", "bank", "company", "university", "military",
                           "basij", "council", "hq", "holding", "ngo"}) {
    bool any = false;
    for (const Organization& o : g.organizations()) any = any || o.kind == kind;
    EXPECT_TRUE(any) << kind;
  }
}

TEST(GazetteerTest, ProjectDataCollapsesAliases) {
  const Gazetteer& g = ProjectGazetteer();
  const std::pair<const char*, const char*> cases[] = {
      {"سازمان صمت", "سازمان صنعت، معدن و تجارت استان لرستان"},
      {"سازمان صنعت، معدن و تجارت", "سازمان صنعت، معدن و تجارت استان لرستان"},
      {"صمت لرستان", "سازمان صنعت، معدن و تجارت استان لرستان"},
      {"بسیج مهندسین صنعتی", "سازمان بسیج مهندسین صنعتی استان لرستان"},
      {"سازمان بسیج مهندسین صنعتی", "سازمان بسیج مهندسین صنعتی استان لرستان"},
      {"استانداری", "استانداری لرستان"},
      {"استاندار لرستان", "استانداری لرستان"},
      {"کمیته امداد", "کمیته امداد امام خمینی (ره) استان لرستان"},
      {"کمیته امداد امام خمینی (ره)", "کمیته امداد امام خمینی (ره) استان لرستان"},
      {"سپاه حضرت ابوالفضل", "سپاه حضرت ابوالفضل (ع) لرستان"},
      {"شورای هماهنگی بانکهای استان",
       "شورای هماهنگی بانک‌های استان لرستان"},
      {"شورای هماهنگی بانک های استان",
       "شورای هماهنگی بانک‌های استان لرستان"},
      {"شرکت پخش فرآورده های نفتی",
       "شرکت ملی پخش فرآورده‌های نفتی منطقه لرستان"},
      {"نظام مهندسی معدن", "سازمان نظام مهندسی معدن استان لرستان"},
      {"پست‌بانک", "پست بانک ایران"},
      {"ناجا", "فرماندهی انتظامی جمهوری اسلامی ایران"},
      {"فراجا", "فرماندهی انتظامی جمهوری اسلامی ایران"},
  };
  for (const auto& [alias, canonical] : cases) {
    const Organization* o = g.FindOrganization(alias);
    ASSERT_NE(o, nullptr) << alias;
    EXPECT_EQ(o->name, canonical) << alias;
  }
  const Place* p = g.FindPlace("خرم آباد");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "خرم‌آباد");
  EXPECT_EQ(p->province, "لرستان");
  EXPECT_EQ(g.FindPlace("استان"), nullptr);
}

}  // namespace
}  // namespace kavosh::entities
