#include "indexer/entities/entity_extractor.h"

#include <gtest/gtest.h>

#include "tests/entities/test_util.h"

namespace kavosh::entities {
namespace {

using testing::Join;
using testing::ProjectGazetteer;

struct Case {
  const char* text;
  std::vector<std::string> expected;
};

TEST(EntityExtractorTest, OrganisationsUnderCanonicalNames) {
  const Case cases[] = {
      {"جلسه سازمان صمت استان برگزار شد", {"سازمان صنعت، معدن و تجارت استان لرستان"}},
      {"جلسه سازمان صنعت، معدن و تجارت استان لرستان", {"سازمان صنعت، معدن و تجارت استان لرستان"}},
      {"سازمان صمت و بسیج مهندسین صنعتی استان لرستان",
       {"سازمان صنعت، معدن و تجارت استان لرستان", "سازمان بسیج مهندسین صنعتی استان لرستان"}},
      {"اردوی سازمان بسیج مهندسین صنعتی استان لرستان با حضور",
       {"سازمان بسیج مهندسین صنعتی استان لرستان"}},
      {"در محل سالن جلسات بانک ملی ایران برگزار شد", {"بانک ملی ایران"}},
      {"مدیر شعب بانک ملی لرستان گفت", {"بانک ملی ایران"}},
      {"در بانک ملیت", {"بانک ملیت"}},  // discovered, not بانک ملی ایران
      {"شورای هماهنگی بانکهای استان تشکیل جلسه داد",
       {"شورای هماهنگی بانک‌های استان لرستان"}},
      {"نماینده هلدینگ انتخاب در لرستان", {"هلدینگ انتخاب"}},
      {"کمیته امداد امام خمینی (ره) استان لرستان و بهزیستی",
       {"کمیته امداد امام خمینی (ره) استان لرستان", "اداره کل بهزیستی استان لرستان"}},
      {"سازمان صمت، سازمان صمت استان و صمت لرستان", {"سازمان صنعت، معدن و تجارت استان لرستان"}},
      // Another province's office keeps its place.
      {"اداره کل دامپزشکی استان کرمانشاه اعلام کرد", {"اداره کل دامپزشکی استان کرمانشاه"}},
      {"ارتش سوریه", {"ارتش سوریه"}},
      // Discovery.
      {"مدیرعامل شرکت فولادسازان زاگرس در جلسه گفت", {"شرکت فولادسازان زاگرس"}},
      {"دبیر انجمن صنفی کارفرمایان استان لرستان گفت", {"انجمن صنفی کارفرمایان"}},
      {"دبیر انجمن صنفی کارفرمایان استان گفت", {"انجمن صنفی کارفرمایان"}},
      {"دبیر انجمن صنفی کارفرمایان استان البرز گفت", {"انجمن صنفی کارفرمایان استان البرز"}},
      {"موسسه خیریه نیکوکاران الیگودرز با", {"موسسه خیریه نیکوکاران الیگودرز"}},
      {"اداره کل فرودگاه‌های غرب کشور را",
       {"اداره کل فرودگاه‌های غرب کشور"}},
      {"اداره ورزش و جوانان شهرستان ازنا", {"اداره ورزش و جوانان شهرستان ازنا"}},
      {"دفتر مشارکت‌های مردمی سازمان حفاظت محیط زیست",
       {"دفتر مشارکت‌های مردمی سازمان حفاظت محیط زیست",
        "سازمان حفاظت محیط زیست"}},
      {"دفتر بسیج مهندسین صنعتی سازمان صمت استان",
       {"سازمان بسیج مهندسین صنعتی استان لرستان", "سازمان صنعت، معدن و تجارت استان لرستان"}},
      // Not organisations.
      {"در این مراسم شرکت و یادمان را زیارت کردند", {}},
      {"بانک ها و بانک‌های استان", {}},
      {"شرکت کنندگان در سازمان", {}},
      {"", {}},
  };
  for (const Case& c : cases) {
    Entities e = ExtractEntities("", c.text, ProjectGazetteer());
    EXPECT_EQ(e.orgs, c.expected) << "text: " << c.text << "\ngot: " << Join(e.orgs);
  }
}

TEST(EntityExtractorTest, OrganisationSpansAreByteRangesOfTheText) {
  std::string text = "توسط شرکت پخش فرآورده های نفتی استان لرستان، سازمان صمت، نظام  مهندسی معدن";
  std::vector<OrgMention> m = FindOrganizations(text, ProjectGazetteer());
  ASSERT_EQ(m.size(), 3u);
  auto span = [&](const OrgMention& o) { return text.substr(o.begin, o.end - o.begin); };
  EXPECT_EQ(span(m[0]), "شرکت پخش فرآورده های نفتی استان لرستان");
  EXPECT_EQ(span(m[1]), "سازمان صمت");
  EXPECT_EQ(span(m[2]), "نظام  مهندسی معدن");
  EXPECT_TRUE(m[0].known);
  ExtractOptions no_discovery;
  no_discovery.discover_orgs = false;
  EXPECT_TRUE(FindOrganizations("شرکت فولادسازان زاگرس", ProjectGazetteer(), no_discovery).empty());
}

TEST(EntityExtractorTest, People) {
  const Case cases[] = {
      {"به ریاست دکتر امیدی شاه آباد، معاون هماهنگی امور اقتصادی استاندار برگزار شد",
       {"دکتر امیدی شاه آباد"}},
      {"دکتر امیدی شاه آباد معاون اقتصادی", {"دکتر امیدی شاه آباد"}},
      {"سردار دکتر علی رضایی فرمانده سپاه", {"سردار دکتر علی رضایی"}},
      {"حجت الاسلام والمسلمین احمد احمدی امام جمعه", {"حجت الاسلام والمسلمین احمد احمدی"}},
      {"حجت‌الاسلام احمدی و مهندس کریمی در جلسه",
       {"حجت‌الاسلام احمدی", "مهندس کریمی"}},
      {"خانم زهرا  محمدی گفت", {"خانم زهرا محمدی"}},
      {"مهندس علي كريمي گفت", {"مهندس علی کریمی"}},  // Arabic yeh and kaf shown as Persian
      {"استاندار لرستان گفت", {}},                   // a post, not a name
      {"دکتر، مهندس", {}},
      {"دکتر", {}},
  };
  for (const Case& c : cases) {
    Entities e = ExtractEntities("", c.text, ProjectGazetteer());
    EXPECT_EQ(e.people, c.expected) << "text: " << c.text << "\ngot: " << Join(e.people);
  }
}

TEST(EntityExtractorTest, Places) {
  const Case cases[] = {
      {"نشست در خرم آباد", {"خرم‌آباد"}},
      {"نشست در خرم‌آباد", {"خرم‌آباد"}},
      {"نشست در خرمآباد", {"خرم‌آباد"}},
      {"مهندسین بسیجی استان لرستان", {"لرستان"}},
      {"حضور اعضای استان", {}},
      {"بسیج مهندسین صنعتی استان لرستان", {"لرستان"}},  // spelled out inside a name
      {"جلسه در بانک ملی ایران", {}},                   // a bare name inside a name
      {"نیروگاه برق استان کرمانشاه", {"کرمانشاه"}},
      {"این سلسله جلسات در شهرستان سلسله", {"سلسله"}},
      {"منطقه سراب صیدعلی شهرستان سلسله", {"سراب صیدعلی", "سلسله"}},
      {"بروجرد و دورود و الشتر", {"بروجرد", "دورود", "سلسله"}},
  };
  for (const Case& c : cases) {
    Entities e = ExtractEntities("", c.text, ProjectGazetteer());
    EXPECT_EQ(e.places, c.expected) << "text: " << c.text << "\ngot: " << Join(e.places);
  }
}

TEST(EntityExtractorTest, TitleComesFirstAndDuplicatesCollapse) {
  Entities e = ExtractEntities("جلسه سازمان صمت", "بانک سپه و سازمان صنعت، معدن و تجارت",
                               ProjectGazetteer());
  EXPECT_EQ(e.orgs,
            (std::vector<std::string>{"سازمان صنعت، معدن و تجارت استان لرستان", "بانک سپه"}));
}

TEST(EntityExtractorTest, BadInputDoesNotCrash) {
  std::string huge;
  for (int i = 0; i < 10000; ++i) huge += "جلسه سازمان صمت با دکتر امیدی در خرم آباد. ";
  const std::string inputs[] = {
      "",
      std::string("\xff\xfe سازمان صمت \xc3", 18),
      std::string("بانک\0ملی", 9),
      "\xe2\x80\x8c\xe2\x80\x8c",  // ZERO WIDTH NON-JOINERs only
      "(((((( سازمان ((( ))) ",
      "سازمان سازمان سازمان سازمان سازمان سازمان سازمان سازمان",
      "دکتر دکتر دکتر دکتر",
      huge,
  };
  for (const std::string& in : inputs) {
    Entities e = ExtractEntities(in, in, ProjectGazetteer());
    for (const OrgMention& m : FindOrganizations(in, ProjectGazetteer())) {
      EXPECT_LE(m.begin, m.end);
      EXPECT_LE(m.end, in.size());
    }
  }
  Entities e = ExtractEntities("", std::string("\xff سازمان صمت", 22), ProjectGazetteer());
  EXPECT_EQ(e.orgs, (std::vector<std::string>{"سازمان صنعت، معدن و تجارت استان لرستان"}));
  Entities big = ExtractEntities("", huge, ProjectGazetteer());
  EXPECT_EQ(big.orgs.size(), 1u);
  EXPECT_EQ(big.people, (std::vector<std::string>{"دکتر امیدی"}));
}

}  // namespace
}  // namespace kavosh::entities
