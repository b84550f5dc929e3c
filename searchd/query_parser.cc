#include "searchd/query_parser.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <utility>

#include "analyzers/normalizer.h"

namespace kavosh::search {

namespace {

struct FieldSpelling {
  std::string_view name;
  Field field;
};

// Persian names are compared after NormalizeKey (Arabic yeh/kaf folded, ZWNJ removed).
constexpr std::array<FieldSpelling, 24> kFieldNames = {{
    {"org", Field::kOrg},         {"organization", Field::kOrg}, {"سازمان", Field::kOrg},
    {"نهاد", Field::kOrg},        {"type", Field::kType},        {"نوع", Field::kType},
    {"رویداد", Field::kType},     {"place", Field::kPlace},      {"مکان", Field::kPlace},
    {"شهر", Field::kPlace},       {"title", Field::kTitle},      {"عنوان", Field::kTitle},
    {"تیتر", Field::kTitle},      {"source", Field::kSource},    {"منبع", Field::kSource},
    {"month", Field::kMonth},     {"ماه", Field::kMonth},        {"from", Field::kFrom},
    {"از", Field::kFrom},         {"since", Field::kFrom},       {"to", Field::kTo},
    {"تا", Field::kTo},           {"until", Field::kTo},         {"location", Field::kPlace},
}};

// One decoded code point; invalid bytes come back as themselves with length 1 so the
// scanner always advances.
std::pair<uint32_t, size_t> Decode(std::string_view s, size_t i) {
  auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return {b, 1};
  size_t len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  if (len == 1 || i + len > s.size()) return {0xFFFD, 1};
  uint32_t cp = b & (0x3F >> (len - 1));
  for (size_t k = 1; k < len; ++k) {
    auto c = static_cast<unsigned char>(s[i + k]);
    if ((c & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (c & 0x3F);
  }
  return {cp, len};
}

bool IsSpace(uint32_t cp) {
  return cp == ' ' || (cp >= 0x09 && cp <= 0x0D) || cp == 0xA0 ||  // NO-BREAK SPACE
         (cp >= 0x2000 && cp <= 0x200A) ||  // EN QUAD … HAIR SPACE
         cp == 0x202F || cp == 0x3000;      // NARROW NO-BREAK SPACE, IDEOGRAPHIC SPACE
}

// QUOTATION MARK, LEFT-POINTING DOUBLE ANGLE QUOTATION MARK «, LEFT DOUBLE QUOTATION MARK “
bool IsOpenQuote(uint32_t cp) { return cp == '"' || cp == 0xAB || cp == 0x201C; }
// QUOTATION MARK, RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK », RIGHT DOUBLE QUOTATION MARK ”
bool IsCloseQuote(uint32_t cp) { return cp == '"' || cp == 0xBB || cp == 0x201D; }
bool IsParen(uint32_t cp) { return cp == '(' || cp == ')'; }

struct Lexeme {
  enum class Kind { kWord, kQuoted, kField, kLParen, kRParen, kOr, kAnd };
  Kind kind = Kind::kWord;
  bool negated = false;
  Field field = Field::kNone;
  std::string text;
  size_t offset = 0;
};

class Lexer {
 public:
  Lexer(std::string_view q, std::vector<std::string>* warnings) : q_(q), warnings_(warnings) {}

  std::vector<Lexeme> Run() {
    std::vector<Lexeme> out;
    bool negate_next = false;
    while (i_ < q_.size()) {
      auto [cp, len] = Decode(q_, i_);
      if (IsSpace(cp)) {
        i_ += len;
        continue;
      }
      // A closing quote outside a phrase (», ”) ends no word and starts none: skipped,
      // or ReadWord() would read nothing and the loop would never advance.
      if (IsCloseQuote(cp) && !IsOpenQuote(cp)) {
        i_ += len;
        continue;
      }
      if ((cp == '-' || cp == '+') && i_ + 1 < q_.size()) {
        auto [next, next_len] = Decode(q_, i_ + 1);
        (void)next_len;
        if (!IsSpace(next) && next != '-' && next != '+') {
          if (cp == '-') negate_next = true;
          i_ += 1;
          continue;
        }
      }
      Lexeme lx;
      lx.negated = negate_next;
      negate_next = false;
      lx.offset = i_;
      if (cp == '(') {
        lx.kind = Lexeme::Kind::kLParen;
        i_ += 1;
      } else if (cp == ')') {
        lx.kind = Lexeme::Kind::kRParen;
        i_ += 1;
      } else if (IsOpenQuote(cp)) {
        lx.kind = Lexeme::Kind::kQuoted;
        i_ += len;
        lx.offset = i_;
        lx.text = ReadQuoted();
      } else {
        if (!ReadWord(&lx)) continue;  // a bare -, AND, NOT …
        if (lx.kind == Lexeme::Kind::kWord && lx.text == "NOT") {
          negate_next = true;
          continue;
        }
      }
      out.push_back(std::move(lx));
    }
    return out;
  }

 private:
  std::string ReadQuoted() {
    size_t start = i_;
    while (i_ < q_.size()) {
      auto [cp, len] = Decode(q_, i_);
      if (IsCloseQuote(cp)) {
        std::string text(q_.substr(start, i_ - start));
        i_ += len;
        return text;
      }
      i_ += len;
    }
    warnings_->push_back("unbalanced quote: the phrase runs to the end of the query");
    return std::string(q_.substr(start));
  }

  // Reads a word; a field name followed by ':' makes it a field (its value may be quoted).
  // Returns false for a lexeme that only modifies the next one or means nothing.
  bool ReadWord(Lexeme* lx) {
    size_t start = i_;
    size_t colon = std::string_view::npos;
    while (i_ < q_.size()) {
      auto [cp, len] = Decode(q_, i_);
      if (IsSpace(cp) || IsParen(cp) || IsOpenQuote(cp) || IsCloseQuote(cp)) break;
      if (cp == ':' && colon == std::string_view::npos) colon = i_;
      i_ += len;
    }
    std::string_view word = q_.substr(start, i_ - start);
    if (word == "OR" || word == "یا" || word == "|" || word == "||") {
      lx->kind = Lexeme::Kind::kOr;
      return true;
    }
    if (word == "AND" || word == "&&" || word == "&") {
      lx->kind = Lexeme::Kind::kAnd;  // ends a run of words; otherwise the default
      return true;
    }
    if (word.find_first_not_of("-+") == std::string_view::npos) {
      warnings_->push_back("a lone '-' or '+' was ignored");
      return false;
    }
    if (colon != std::string_view::npos) {
      Field field = FieldFromName(q_.substr(start, colon - start));
      if (field != Field::kNone) {
        lx->kind = Lexeme::Kind::kField;
        lx->field = field;
        lx->offset = colon + 1;
        lx->text = std::string(q_.substr(colon + 1, i_ - colon - 1));
        if (lx->text.empty() && i_ < q_.size() && IsOpenQuote(Decode(q_, i_).first)) {
          i_ += Decode(q_, i_).second;
          lx->offset = i_;
          lx->text = ReadQuoted();
        }
        if (lx->text.empty()) {
          warnings_->push_back(std::string(FieldName(field)) + ": has no value and was ignored");
          return false;
        }
        return true;
      }
    }
    lx->kind = Lexeme::Kind::kWord;
    lx->text = std::string(word);
    return !word.empty();
  }

  std::string_view q_;
  std::vector<std::string>* warnings_;
  size_t i_ = 0;
};

class Parser {
 public:
  Parser(std::string_view q, std::vector<Lexeme> lexemes, ParsedQuery* out)
      : q_(q), lx_(std::move(lexemes)), out_(out) {}

  QueryNode Run() {
    QueryNode root = ParseOr(0);
    while (pos_ < lx_.size()) {  // stray ')' at the top level
      out_->warnings.push_back("unbalanced ')' ignored");
      ++pos_;
      QueryNode more = ParseOr(0);
      if (!more.IsEmpty()) root = Join(std::move(root), std::move(more));
    }
    if (root.kind != QueryNode::Kind::kAnd && root.kind != QueryNode::Kind::kOr) {
      QueryNode wrap;
      wrap.kind = QueryNode::Kind::kAnd;
      wrap.children.push_back(std::move(root));
      root = std::move(wrap);
    }
    return root;
  }

 private:
  static QueryNode Join(QueryNode a, QueryNode b) {
    QueryNode n;
    n.kind = QueryNode::Kind::kAnd;
    if (!a.IsEmpty()) n.children.push_back(std::move(a));
    n.children.push_back(std::move(b));
    return n;
  }

  bool AtEnd() const { return pos_ >= lx_.size(); }

  QueryNode ParseOr(int depth) {
    QueryNode first = ParseAnd(depth);
    if (AtEnd() || lx_[pos_].kind != Lexeme::Kind::kOr) return first;
    QueryNode node;
    node.kind = QueryNode::Kind::kOr;
    if (!first.IsEmpty()) node.children.push_back(std::move(first));
    while (!AtEnd() && lx_[pos_].kind == Lexeme::Kind::kOr) {
      ++pos_;
      QueryNode next = ParseAnd(depth);
      if (!next.IsEmpty()) node.children.push_back(std::move(next));
    }
    if (node.children.size() == 1) return std::move(node.children[0]);
    return node;
  }

  QueryNode ParseAnd(int depth) {
    QueryNode node;
    node.kind = QueryNode::Kind::kAnd;
    while (!AtEnd()) {
      const Lexeme& lx = lx_[pos_];
      if (lx.kind == Lexeme::Kind::kOr) break;
      if (lx.kind == Lexeme::Kind::kAnd) {
        ++pos_;
        continue;
      }
      if (lx.kind == Lexeme::Kind::kRParen) {
        if (skipped_parens_ > 0) {  // closes a '(' that was too deep
          --skipped_parens_;
          ++pos_;
          continue;
        }
        if (depth > 0) break;
        return node;  // Run() reports and skips it
      }
      if (lx.kind == Lexeme::Kind::kLParen) {
        ++pos_;
        if (depth + 1 > kMaxDepth) {  // too deep: read as if absent
          if (skipped_parens_++ == 0) {
            out_->warnings.push_back("parentheses nested deeper than " + std::to_string(kMaxDepth) +
                                     " were ignored");
          }
          continue;
        }
        QueryNode inner = ParseOr(depth + 1);
        if (!AtEnd() && lx_[pos_].kind == Lexeme::Kind::kRParen) {
          ++pos_;
        } else {
          out_->warnings.push_back("unbalanced '(' closed at the end of the query");
        }
        inner.negated = inner.negated != lx.negated;
        Add(&node, std::move(inner));
        continue;
      }
      if (lx.kind == Lexeme::Kind::kWord && !lx.negated) {
        // Consecutive bare words form one run, analysed together.
        size_t begin = lx.offset, end = lx.offset + lx.text.size();
        ++pos_;
        while (!AtEnd() && lx_[pos_].kind == Lexeme::Kind::kWord && !lx_[pos_].negated) {
          end = lx_[pos_].offset + lx_[pos_].text.size();
          ++pos_;
        }
        QueryNode words;
        words.kind = QueryNode::Kind::kWords;
        words.offset = begin;
        words.text = std::string(q_.substr(begin, end - begin));
        Add(&node, std::move(words));
        continue;
      }
      ++pos_;
      QueryNode leaf;
      leaf.negated = lx.negated;
      leaf.text = lx.text;
      leaf.offset = lx.offset;
      if (lx.kind == Lexeme::Kind::kWord) {
        leaf.kind = QueryNode::Kind::kWords;
      } else if (lx.kind == Lexeme::Kind::kQuoted) {
        leaf.kind = QueryNode::Kind::kPhrase;
        if (leaf.text.empty()) continue;
      } else {  // kField
        if (lx.field == Field::kFrom || lx.field == Field::kTo) {
          if (lx.negated) {
            out_->warnings.push_back("a date limit cannot be excluded; '-' ignored");
          }
          (lx.field == Field::kFrom ? out_->from : out_->to) = lx.text;
          continue;
        }
        leaf.kind = QueryNode::Kind::kField;
        leaf.field = lx.field;
      }
      Add(&node, std::move(leaf));
    }
    if (node.children.size() == 1 && node.children[0].kind == QueryNode::Kind::kOr) {
      return std::move(node.children[0]);
    }
    return node;
  }

  void Add(QueryNode* parent, QueryNode child) {
    if (child.IsEmpty()) return;
    if (++nodes_ > kMaxNodes) {
      if (nodes_ == kMaxNodes + 1) {
        out_->warnings.push_back("query too complex: parts after the first " +
                                 std::to_string(kMaxNodes) + " ignored");
      }
      return;
    }
    parent->children.push_back(std::move(child));
  }

  std::string_view q_;
  std::vector<Lexeme> lx_;
  ParsedQuery* out_;
  size_t pos_ = 0;
  size_t nodes_ = 0;
  size_t skipped_parens_ = 0;
};

}  // namespace

std::string_view FieldName(Field field) {
  switch (field) {
    case Field::kOrg: return "org";
    case Field::kType: return "type";
    case Field::kPlace: return "place";
    case Field::kTitle: return "title";
    case Field::kSource: return "source";
    case Field::kMonth: return "month";
    case Field::kFrom: return "from";
    case Field::kTo: return "to";
    case Field::kNone: break;
  }
  return "";
}

Field FieldFromName(std::string_view name) {
  if (name.empty() || name.size() > 40) return Field::kNone;
  std::string lower(name);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  std::string key = analyzers::NormalizeKey(lower);
  for (const FieldSpelling& f : kFieldNames) {
    if (f.name == lower || f.name == key) return f.field;
  }
  return Field::kNone;
}

ParsedQuery ParseQuery(std::string_view query) {
  ParsedQuery out;
  Lexer lexer(query, &out.warnings);
  std::vector<Lexeme> lexemes = lexer.Run();
  Parser parser(query, std::move(lexemes), &out);
  out.root = parser.Run();
  // Each repair is reported once, however often it happened.
  std::vector<std::string> distinct;
  for (std::string& w : out.warnings) {
    if (std::find(distinct.begin(), distinct.end(), w) == distinct.end()) distinct.push_back(std::move(w));
  }
  out.warnings = std::move(distinct);
  return out;
}

}  // namespace kavosh::search
