// The query language as a table: query text -> the tree ParseQuery builds, printed
// compactly, with the date limits and the warnings it reports. The parser must never
// fail, so the table ends with hostile input.
#include "searchd/query_parser.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace kavosh::search {
namespace {

// The tree in one line:
//   [words]  "phrase"  org{value}  AND(a, b)  OR(a, b)  -x (negated)
// A group of one child that is not negated prints as that child, so "a OR b" reads
// OR([a], [b]) whatever wrapping the parser chose; the root prints AND() when empty.
std::string Print(const QueryNode& n) {
  std::string neg = n.negated ? "-" : "";
  switch (n.kind) {
    case QueryNode::Kind::kWords:
      return neg + "[" + n.text + "]";
    case QueryNode::Kind::kPhrase:
      return neg + "\"" + n.text + "\"";
    case QueryNode::Kind::kField:
      return neg + std::string(FieldName(n.field)) + "{" + n.text + "}";
    case QueryNode::Kind::kAnd:
    case QueryNode::Kind::kOr: {
      if (n.children.size() == 1 && !n.negated) return Print(n.children[0]);
      std::string out = neg + (n.kind == QueryNode::Kind::kAnd ? "AND(" : "OR(");
      for (size_t i = 0; i < n.children.size(); ++i) {
        out += (i ? ", " : "") + Print(n.children[i]);
      }
      return out + ")";
    }
  }
  return "?";
}

size_t CountNodes(const QueryNode& n) {
  size_t count = 1;
  for (const QueryNode& c : n.children) count += CountNodes(c);
  return count;
}

size_t Depth(const QueryNode& n) {
  size_t deepest = 0;
  for (const QueryNode& c : n.children) deepest = std::max(deepest, Depth(c));
  return deepest + 1;
}

// Every leaf's text is found at its offset in the query (did-you-mean rewrites rely on it).
void ExpectOffsets(std::string_view query, const QueryNode& n, const std::string& row) {
  if (n.kind == QueryNode::Kind::kWords || n.kind == QueryNode::Kind::kPhrase ||
      n.kind == QueryNode::Kind::kField) {
    ASSERT_LE(n.offset + n.text.size(), query.size()) << row;
    EXPECT_EQ(query.substr(n.offset, n.text.size()), n.text) << row << " leaf " << Print(n);
  }
  for (const QueryNode& c : n.children) ExpectOffsets(query, c, row);
}

struct Row {
  std::string query;
  std::string tree;
  std::string from = "";
  std::string to = "";
  // Substrings of the expected warnings, one per warning, in order; nullopt: not checked.
  std::optional<std::vector<std::string>> warnings = std::vector<std::string>{};
};

void Check(const Row& row) {
  std::string label = "query: <" + row.query + ">";
  ParsedQuery q = ParseQuery(row.query);
  EXPECT_TRUE(q.root.kind == QueryNode::Kind::kAnd || q.root.kind == QueryNode::Kind::kOr) << label;
  EXPECT_EQ(Print(q.root), row.tree) << label;
  EXPECT_EQ(q.from, row.from) << label;
  EXPECT_EQ(q.to, row.to) << label;
  ExpectOffsets(row.query, q.root, label);
  if (!row.warnings) return;
  std::string got;
  for (const std::string& w : q.warnings) got += "\n  " + w;
  ASSERT_EQ(q.warnings.size(), row.warnings->size()) << label << "\nwarnings:" << got;
  for (size_t i = 0; i < q.warnings.size(); ++i) {
    EXPECT_NE(q.warnings[i].find((*row.warnings)[i]), std::string::npos)
        << label << "\nwarning " << i << " expected to contain '" << (*row.warnings)[i]
        << "'\nwarnings:" << got;
  }
}

TEST(QueryParserTest, WordsPhrasesAndExclusions) {
  const Row rows[] = {
      {"بانک", "[بانک]"},
      // A run of bare words is one node: the analyzer glues the spaced suffix.
      {"بانک ها", "[بانک ها]"},
      {"جلسه شورای هماهنگی بانک‌ها",
       "[جلسه شورای هماهنگی بانک‌ها]"},
      {"  بانک   ملی  ", "[بانک   ملی]"},
      // Other Unicode spaces separate too (U+00A0 NO-BREAK SPACE), still one run.
      {"بانک\u00a0ملی", "[بانک\u00a0ملی]"},
      {"\"شورای هماهنگی\"", "\"شورای هماهنگی\""},
      {"«شورای هماهنگی»", "\"شورای هماهنگی\""},
      {"\u201cشورای هماهنگی\u201d", "\"شورای هماهنگی\""},  // “ ” curly quotes
      {"جلسه \"شورای هماهنگی\" بانک", "AND([جلسه], \"شورای هماهنگی\", [بانک])"},
      {"-تهران", "-[تهران]"},
      {"بانک -تهران", "AND([بانک], -[تهران])"},
      {"بانک -تهران -کرج", "AND([بانک], -[تهران], -[کرج])"},
      {"بانک -\"شورای شهر\"", "AND([بانک], -\"شورای شهر\")"},
      {"بانک -«شورای شهر»", "AND([بانک], -\"شورای شهر\")"},
      {"بانک -(تهران یا کرج)", "AND([بانک], -OR([تهران], [کرج]))"},
      {"بانک NOT تهران", "AND([بانک], -[تهران])"},
      // A hyphen inside a word is part of it; "+" before a word is only emphasis.
      {"بانک-ملی", "[بانک-ملی]"},
      {"+بانک", "[بانک]"},
      {"\"\"", "AND()"},
  };
  for (const Row& row : rows) Check(row);
}

TEST(QueryParserTest, OrAndParentheses) {
  const Row rows[] = {
      {"بانک OR بیمه", "OR([بانک], [بیمه])"},
      {"بانک یا بیمه", "OR([بانک], [بیمه])"},
      {"بانک | بیمه", "OR([بانک], [بیمه])"},
      {"بانک || بیمه", "OR([بانک], [بیمه])"},
      {"بانک یا بیمه یا صندوق", "OR([بانک], [بیمه], [صندوق])"},
      // OR binds loosest: "a b OR c" is (a b) OR c.
      {"بانک ملی یا بیمه", "OR([بانک ملی], [بیمه])"},
      {"جلسه (بانک یا بیمه)", "AND([جلسه], OR([بانک], [بیمه]))"},
      {"(بانک یا بیمه) جلسه", "AND(OR([بانک], [بیمه]), [جلسه])"},
      {"(جلسه (بانک یا (بیمه -تهران)))", "AND([جلسه], OR([بانک], AND([بیمه], -[تهران])))"},
      {"(بانک ملی) یا (\"بانک سپه\" -تهران)", "OR([بانک ملی], AND(\"بانک سپه\", -[تهران]))"},
      // OR at the edges has nothing to join.
      {"یا بانک", "[بانک]"},
      {"بانک یا", "[بانک]"},
      {"()", "AND()"},
  };
  for (const Row& row : rows) Check(row);
}

TEST(QueryParserTest, FieldsAndDates) {
  const Row rows[] = {
      {"org:صمت", "org{صمت}"},
      {"ORG:صمت", "org{صمت}"},
      {"سازمان:صمت", "org{صمت}"},
      {"نهاد:صمت", "org{صمت}"},
      {"نوع:جلسه", "type{جلسه}"},
      {"type:meeting", "type{meeting}"},
      {"مکان:بروجرد", "place{بروجرد}"},
      {"place:خرم‌آباد", "place{خرم‌آباد}"},
      {"عنوان:نمایشگاه", "title{نمایشگاه}"},
      {"title:نمایشگاه", "title{نمایشگاه}"},
      {"منبع:ایرنا", "source{ایرنا}"},
      {"ماه:۱۴۰۴-۰۲", "month{۱۴۰۴-۰۲}"},
      {"org:\"بانک ملی\"", "org{بانک ملی}"},
      {"سازمان:«بانک ملی»", "org{بانک ملی}"},
      {"جلسه سازمان:\"سازمان صمت\" نوع:جلسه", "AND([جلسه], org{سازمان صمت}, type{جلسه})"},
      {"-org:صمت بانک", "AND(-org{صمت}, [بانک])"},
      {"بانک (org:صمت یا org:\"بانک ملی\")", "AND([بانک], OR(org{صمت}, org{بانک ملی}))"},
      // Not a field name: a plain word (a URL, a time of day).
      {"foo:bar", "[foo:bar]"},
      {"ساعت 10:30", "[ساعت 10:30]"},
      {"http://example.ir", "[http://example.ir]"},
      // Dates go to from/to, never into the tree; the last one wins.
      {"از:۱۴۰۴/۰۱/۰۱ تا:۱۴۰۴/۰۲/۳۱", "AND()", "۱۴۰۴/۰۱/۰۱", "۱۴۰۴/۰۲/۳۱"},
      {"بانک from:2025-04-01 to:2025-04-30", "[بانک]", "2025-04-01", "2025-04-30"},
      {"since:1404/01 until:1404/02", "AND()", "1404/01", "1404/02"},
      {"از:1403 از:1404", "AND()", "1404"},
      {"بانک تا:\"۱۴۰۴/۰۲/۰۵\"", "[بانک]", "", "۱۴۰۴/۰۲/۰۵"},
      {"-از:1404 بانک", "[بانک]", "1404", "", {{"cannot be excluded"}}},
      // A field with no value is dropped with a warning.
      {"org: بانک", "[بانک]", "", "", {{"org: has no value"}}},
      {"بانک نوع:", "[بانک]", "", "", {{"type: has no value"}}},
      {"org:\"\"", "AND()", "", "", {{"org: has no value"}}},
  };
  for (const Row& row : rows) Check(row);
}

TEST(QueryParserTest, RepairsBrokenInputWithWarnings) {
  const Row rows[] = {
      {"", "AND()"},
      {"    ", "AND()"},
      {"\t\n\u00a0\u3000", "AND()"},
      {"\"شورای هماهنگی", "\"شورای هماهنگی\"", "", "", {{"unbalanced quote"}}},
      {"بانک «شورای", "AND([بانک], \"شورای\")", "", "", {{"unbalanced quote"}}},
      {"org:\"بانک ملی", "org{بانک ملی}", "", "", {{"unbalanced quote"}}},
      {"\"", "AND()", "", "", {{"unbalanced quote"}}},
      {"(بانک ملی", "[بانک ملی]", "", "", {{"unbalanced '('"}}},
      {"بانک)", "[بانک]", "", "", {{"unbalanced ')'"}}},
      {")", "AND()", "", "", {{"unbalanced ')'"}}},
      {"بانک ) ملی", "AND([بانک], [ملی])", "", "", {{"unbalanced ')'"}}},
      {"(بانک (ملی", "AND([بانک], [ملی])", "", "", {{"unbalanced '('"}}},
      {"بانک یا (", "[بانک]", "", "", {{"unbalanced '('"}}},
      // A closing quote with no opening one ends nothing and starts nothing.
      {"»", "AND()"},
      {"\u201d", "AND()"},  // ” RIGHT DOUBLE QUOTATION MARK
      {"بانک»", "[بانک]"},
      {"» بانک «ملی»", "AND([بانک], \"ملی\")"},
  };
  for (const Row& row : rows) Check(row);
}

// The header promises "a stray ')' or '-' is ignored". A '-' that negates nothing must
// not become a word of its own: "-" alone would otherwise be a query that matches
// nothing instead of the empty query that lists everything.
TEST(QueryParserTest, StrayMinusIsIgnored) {
  // Regression (was a bug, fixed): a '-' followed by a space or ending the query is kept as a word "-"
  // (ReadWord does not drop it), so ParseQuery("-") has a non-empty root; only the
  // analyzer dropping "-" later hides it.
  const Row rows[] = {
      {"-", "AND()", "", "", std::nullopt},
      {"--", "AND()", "", "", std::nullopt},
      {"- -", "AND()", "", "", std::nullopt},
  };
  for (const Row& row : rows) Check(row);
}

// Operators are not words: no leaf may carry them in its text (the analyzer would search
// for a word "and").
TEST(QueryParserTest, OperatorsAreNotSearchedAsWords) {
  // Regression (was a bug, fixed): AND, && and & are dropped as lexemes, but a run of bare words is cut from the
  // query text from its first to its last word, so "بانک AND ملی" becomes the single
  // leaf [بانک AND ملی] and kavosh::search finds no article with "and" in it.
  struct OpRow {
    std::string query;
    std::string op;
  };
  const OpRow rows[] = {
      {"بانک AND ملی", "AND"},
      {"بانک && ملی", "&&"},
      {"بانک & ملی", "&"},
      {"a AND b AND c", "AND"},
  };
  for (const OpRow& row : rows) {
    ParsedQuery q = ParseQuery(row.query);
    std::vector<const QueryNode*> stack = {&q.root};
    while (!stack.empty()) {
      const QueryNode* n = stack.back();
      stack.pop_back();
      for (const QueryNode& c : n->children) stack.push_back(&c);
      if (n->kind != QueryNode::Kind::kWords) continue;
      std::string padded = " " + n->text + " ";
      EXPECT_TRUE(padded.find(" " + row.op + " ") == std::string::npos)
          << "query <" << row.query << ">: leaf " << Print(*n);
    }
  }
}

TEST(QueryParserTest, InvalidUtf8NeverFails) {
  // Invalid bytes are kept in the words (the analyzer treats them as separators); the
  // parser neither throws nor loses the valid words around them.
  const Row rows[] = {
      {"\xff", "[\xff]"},
      {"بانک \xff\xfe ملی", "[بانک \xff\xfe ملی]"},
      {"\xd8", "[\xd8]"},                            // a lead byte cut off at the end
      {"\"\xd8\"", "\"\xd8\""},                      // ... inside quotes
      {"\xe2\x80", "[\xe2\x80]"},                    // a truncated 3-byte sequence
      {"org:\xc0\xaf", "org{\xc0\xaf}"},             // an overlong '/'
      {"بانک \xed\xa0\x80", "[بانک \xed\xa0\x80]"},  // an encoded surrogate
  };
  for (const Row& row : rows) Check(row);
}

TEST(QueryParserTest, DeepNestingIsBounded) {
  // 1000 '(' and nothing else: no stack overflow, an empty query.
  {
    ParsedQuery q = ParseQuery(std::string(1000, '('));
    EXPECT_TRUE(q.root.IsEmpty());
    EXPECT_FALSE(q.warnings.empty());
  }
  // 1000 '(' around a word: the word survives, the tree is at most kMaxDepth deep.
  {
    std::string query = std::string(1000, '(') + "بانک" + std::string(1000, ')');
    ParsedQuery q = ParseQuery(query);
    EXPECT_EQ(Print(q.root), "[بانک]");
    EXPECT_LE(Depth(q.root), static_cast<size_t>(kMaxDepth) + 2);
    ExpectOffsets(query, q.root, "1000 balanced parentheses");
  }
  // Unbalanced the other way: 1000 ')' then a word.
  {
    ParsedQuery q = ParseQuery(std::string(1000, ')') + "بانک");
    EXPECT_EQ(Print(q.root), "[بانک]");
  }
  // Nesting at the limit is kept as written.
  {
    std::string query = std::string(kMaxDepth, '(') + "بانک یا بیمه" + std::string(kMaxDepth, ')');
    ParsedQuery q = ParseQuery(query);
    EXPECT_EQ(Print(q.root), "OR([بانک], [بیمه])");
    EXPECT_TRUE(q.warnings.empty());
  }
}

// Warnings go into every API response: the same repair must be reported once, not once
// per character ("what was repaired is reported", not a 1000-line list).
TEST(QueryParserTest, WarningsAreFewAndDistinct) {
  const std::string queries[] = {
      std::string(1000, '(') + "بانک" + std::string(1000, ')'),
      std::string(1000, ')') + "بانک",
      std::string(1000, '(') + "بانک",
      "بانک" + std::string(500, ')'),
  };
  for (const std::string& query : queries) {
    ParsedQuery q = ParseQuery(query);
    std::vector<std::string> sorted = q.warnings;
    std::sort(sorted.begin(), sorted.end());
    size_t distinct =
        static_cast<size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
    // Regression (was a bug, fixed): each stray ')' and each unclosed '(' adds its own copy of the same warning
    // (1000 identical lines for 1000 stray ')'), and every one is sent in the response.
    EXPECT_EQ(distinct, q.warnings.size())
        << "query of " << query.size() << " bytes: " << q.warnings.size() << " warnings, first '"
        << (q.warnings.empty() ? "" : q.warnings[0]) << "'";
    EXPECT_LE(q.warnings.size(), 5u) << "query of " << query.size() << " bytes";
  }
}

TEST(QueryParserTest, NodeCountIsCapped) {
  // 10,000 bare words are one run (the builder caps the words it searches).
  {
    std::string query;
    for (int i = 0; i < 10000; ++i)
      query += (i ? " " : "") + std::string("واژه") + std::to_string(i);
    ParsedQuery q = ParseQuery(query);
    ASSERT_EQ(q.root.children.size(), 1u);
    EXPECT_EQ(q.root.children[0].kind, QueryNode::Kind::kWords);
    EXPECT_EQ(q.root.children[0].text, query);
    EXPECT_TRUE(q.warnings.empty());
  }
  // 10,000 separate parts: at most kMaxNodes kept, one warning.
  struct Case {
    std::string name;
    std::string part;
  };
  const Case cases[] = {
      {"exclusions", "-واژه "},     {"phrases", "\"واژه\" "}, {"fields", "org:واژه "},
      {"alternatives", "واژه یا "}, {"groups", "(واژه) -x "},
  };
  for (const Case& c : cases) {
    std::string query;
    for (int i = 0; i < 10000; ++i) query += c.part;
    ParsedQuery q = ParseQuery(query);
    EXPECT_LE(CountNodes(q.root), 2 * kMaxNodes + 2) << c.name;
    EXPECT_GE(CountNodes(q.root), kMaxNodes / 2) << c.name;
    ASSERT_EQ(q.warnings.size(), 1u) << c.name;
    EXPECT_NE(q.warnings[0].find("too complex"), std::string::npos)
        << c.name << ": " << q.warnings[0];
  }
}

TEST(QueryParserTest, FieldNames) {
  struct NameRow {
    std::string name;
    Field field;
  };
  const NameRow rows[] = {
      {"org", Field::kOrg},
      {"Org", Field::kOrg},
      {"سازمان", Field::kOrg},
      {"نهاد", Field::kOrg},
      {"type", Field::kType},
      {"نوع", Field::kType},
      {"رویداد", Field::kType},
      {"place", Field::kPlace},
      {"مکان", Field::kPlace},
      {"شهر", Field::kPlace},
      {"title", Field::kTitle},
      {"عنوان", Field::kTitle},
      {"month", Field::kMonth},
      {"ماه", Field::kMonth},
      {"from", Field::kFrom},
      {"از", Field::kFrom},
      {"to", Field::kTo},
      {"تا", Field::kTo},
      {"source", Field::kSource},
      {"منبع", Field::kSource},
      // U+064A ARABIC LETTER YEH in رویداد, U+0643 ARABIC LETTER KAF in مکان.
      {"رويداد", Field::kType},
      {"م\u0643ان", Field::kPlace},
      {"", Field::kNone},
      {"foo", Field::kNone},
      {"بانک", Field::kNone},
      {std::string(100, 'o'), Field::kNone},
  };
  for (const NameRow& row : rows) {
    EXPECT_EQ(FieldFromName(row.name), row.field) << "name: <" << row.name << ">";
  }
}

}  // namespace
}  // namespace kavosh::search
