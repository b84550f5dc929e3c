// The user's query language, parsed into a small tree before any analysis: words,
// "phrases", -exclusions, OR / یا, parentheses and field:value filters. The parser never
// fails: whatever a user types becomes some query (unbalanced quotes run to the end, a
// stray ')' or '-' is ignored, nesting deeper than kMaxDepth is flattened) and what was
// repaired is reported in warnings. docs/query-language.md is the user-facing contract.
//
//   kavosh::search::ParsedQuery q =
//       kavosh::search::ParseQuery("بانک ملی \"شورای هماهنگی\" -تهران سازمان:صمت از:۱۴۰۴/۰۱/۰۱");
//   // q.root: AND(words "بانک ملی", phrase "شورای هماهنگی", NOT words "تهران",
//   //             field org "صمت");  q.from = "۱۴۰۴/۰۱/۰۱"
//
// Pure and thread-safe; no Xapian, no analyzer.
#ifndef KAVOSH_SEARCHD_QUERY_PARSER_H_
#define KAVOSH_SEARCHD_QUERY_PARSER_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::search {

// Fields a query may name, with their English and Persian spellings (docs/query-language.md).
enum class Field { kNone, kOrg, kType, kPlace, kTitle, kSource, kMonth, kFrom, kTo };

// "org" for Field::kOrg, … (the English name).
std::string_view FieldName(Field field);

struct QueryNode {
  enum class Kind {
    kWords,   // bare words, analysed together so "بانک ها" stays one word
    kPhrase,  // quoted words, in order
    kField,   // field:value
    kAnd,
    kOr,
  };
  Kind kind = Kind::kAnd;
  bool negated = false;  // -x or NOT x
  Field field = Field::kNone;
  std::string text;      // words, phrase or field value as typed
  size_t offset = 0;     // byte offset of `text` in the query (for did-you-mean rewrites)
  std::vector<QueryNode> children;

  bool IsEmpty() const {
    return (kind == Kind::kAnd || kind == Kind::kOr) ? children.empty() : text.empty();
  }
};

struct ParsedQuery {
  QueryNode root;             // kAnd or kOr at the top; empty when only dates were given
  std::string from;           // from:/از: and to:/تا: values as typed (last one wins)
  std::string to;
  std::vector<std::string> warnings;  // what was repaired, in English, for the response
};

// Parentheses nested deeper than this are read as if absent.
inline constexpr int kMaxDepth = 16;
// Nodes beyond this many are dropped (a query of thousands of words stays cheap).
inline constexpr size_t kMaxNodes = 64;

ParsedQuery ParseQuery(std::string_view query);

// The field a name denotes ("org", "سازمان", "ORG" …), kNone if it is not a field name.
Field FieldFromName(std::string_view name);

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_QUERY_PARSER_H_
