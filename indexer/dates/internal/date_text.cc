#include "indexer/dates/internal/date_text.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>

#include <array>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace kavosh::dates::internal {

namespace {

struct Entry {
  std::string_view phrase;  // UTF-8 as people write it; folded when the table is built
  int value;
};

constexpr Entry kWeekdays[] = {
    {"شنبه", 0},      {"یکشنبه", 1},  {"دوشنبه", 2},   {"سه شنبه", 3}, {"چهارشنبه", 4},
    {"چهار شنبه", 4}, {"پنجشنبه", 5}, {"پنج شنبه", 5}, {"پنچشنبه", 5}, {"جمعه", 6},
};

// Ordinals that stand alone; 21-29 and 31 are built as "بیست و" / "سی و" + a unit.
constexpr Entry kOrdinals[] = {
    {"یکم", 1},      {"اول", 1},      {"نخست", 1},     {"دوم", 2},      {"سوم", 3},
    {"چهارم", 4},    {"پنجم", 5},     {"ششم", 6},      {"هفتم", 7},     {"هشتم", 8},
    {"نهم", 9},      {"دهم", 10},     {"یازدهم", 11},  {"دوازدهم", 12}, {"سیزدهم", 13},
    {"چهاردهم", 14}, {"پانزدهم", 15}, {"پونزدهم", 15}, {"شانزدهم", 16}, {"هفدهم", 17},
    {"هیفدهم", 17},  {"هجدهم", 18},   {"هیجدهم", 18},  {"هژدهم", 18},   {"نوزدهم", 19},
    {"بیستم", 20},   {"سی ام", 30},   {"سیام", 30},    {"سی امین", 30},
};
constexpr Entry kOrdinalUnits[] = {
    {"یکم", 1}, {"دوم", 2},  {"سوم", 3},  {"چهارم", 4}, {"پنجم", 5},
    {"ششم", 6}, {"هفتم", 7}, {"هشتم", 8}, {"نهم", 9},
};

constexpr Entry kJalaliMonths[] = {
    {"فروردین", 1}, {"اردیبهشت", 2}, {"خرداد", 3},  {"تیر", 4},  {"مرداد", 5},
    {"امرداد", 5},  {"شهریور", 6},   {"مهر", 7},    {"آبان", 8}, {"آذر", 9},
    {"دی", 10},     {"بهمن", 11},    {"اسفند", 12},
};
constexpr Entry kGregorianMonths[] = {
    {"ژانویه", 1},  {"ژانویهٔ", 1},    {"فوریه", 2},   {"مارس", 3},      {"آوریل", 4},
    {"آپریل", 4},   {"ژوئن", 6},      {"جون", 6},     {"ژوئیه", 7},     {"ژوییه", 7},
    {"جولای", 7},   {"اوت", 8},       {"آگوست", 8},   {"سپتامبر", 9},   {"اکتبر", 10},
    {"نوامبر", 11}, {"دسامبر", 12},   {"january", 1}, {"jan", 1},       {"february", 2},
    {"feb", 2},     {"march", 3},     {"mar", 3},     {"april", 4},     {"apr", 4},
    {"june", 6},    {"jun", 6},       {"july", 7},    {"jul", 7},       {"august", 8},
    {"aug", 8},     {"september", 9}, {"sep", 9},     {"sept", 9},      {"october", 10},
    {"oct", 10},    {"november", 11}, {"nov", 11},    {"december", 12}, {"dec", 12},
};
// Month names that are also common words ("می" is a verb prefix): dates only with a year.
constexpr Entry kGregorianMonthsNeedingYear[] = {{"مه", 5}, {"می", 5}, {"may", 5}};

constexpr Entry kCuesBefore[] = {
    {"روز", 1}, {"امروز", 1}, {"دیروز", 1}, {"مورخ", 1}, {"مورخه", 1},  {"تاریخ", 1},
    {"صبح", 1}, {"ظهر", 1},   {"عصر", 1},   {"شب", 1},   {"بامداد", 1}, {"شامگاه", 1},
};
constexpr Entry kDeadlines[] = {{"تا", 1}, {"لغایت", 1}, {"الی", 1}};
constexpr Entry kDeadlinesNear[] = {{"مهلت", 1}, {"ددلاین", 1}};
constexpr Entry kDeadlineSkips[] = {
    {"روز", 1},  {"پایان", 1},  {"اخر", 1},    {"آخر", 1}, {"تاریخ", 1},
    {"مورخ", 1}, {"حداکثر", 1}, {"نهایتا", 1}, {"قبل", 1}, {"از", 1},
};
// Stems: a word starting with one of these after a date marks the date as the event's.
constexpr Entry kEventVerbs[] = {
    {"برگزار", 1}, {"افتتاح", 1}, {"تشکیل", 1},   {"آغاز", 1},   {"انجام", 1},
    {"برپا", 1},   {"امضا", 1},   {"رونمایی", 1}, {"بازدید", 1}, {"دیدار", 1},
    {"تجلیل", 1},  {"اعزام", 1},  {"تشییع", 1},   {"کلنگ", 1},   {"بهره", 1},
};
constexpr Entry kOrdinalSuffixes[] = {{"ام", 1}, {"م", 1},  {"امین", 1}, {"مین", 1},
                                      {"th", 1}, {"st", 1}, {"nd", 1},   {"rd", 1}};
constexpr Entry kYearWords[] = {{"سال", 1}};

// Folded text without ZWNJ and spaces: the form both tables and tokens are compared in.
std::u16string JoinedKey(std::string_view utf8) {
  std::u16string folded = analyzers::Fold(utf8).text;
  std::u16string key;
  for (char16_t c : folded) {
    if (c != kZwnj && c != u' ') key += c;
  }
  return key;
}

struct U16Hash {
  using is_transparent = void;
  size_t operator()(std::u16string_view s) const { return std::hash<std::u16string_view>{}(s); }
};
using Table = std::unordered_map<std::u16string, int, U16Hash, std::equal_to<>>;
using KeySet = std::unordered_set<std::u16string, U16Hash, std::equal_to<>>;

template <size_t N>
void Add(Table* table, const Entry (&entries)[N], int offset = 0, std::string_view suffix = "") {
  for (const Entry& e : entries) {
    std::string phrase(e.phrase);
    phrase += suffix;
    table->emplace(JoinedKey(phrase), e.value + offset);
  }
}

struct Tables {
  std::array<Table, 10> by_lexicon;
  // Every code-unit prefix of every key of a lexicon: a phrase can only start with a word
  // that is one, which rules out almost every word with one lookup.
  std::array<KeySet, 10> prefixes;
  std::vector<std::u16string> event_stems;
};

Tables BuildTables() {
  Tables t;
  auto& lex = t.by_lexicon;
  Add(&lex[static_cast<size_t>(Lexicon::kWeekday)], kWeekdays);
  Table& ordinals = lex[static_cast<size_t>(Lexicon::kOrdinal)];
  Add(&ordinals, kOrdinals);
  for (const Entry& unit : kOrdinalUnits) {
    ordinals.emplace(JoinedKey(std::string("بیست و ") + std::string(unit.phrase)), 20 + unit.value);
  }
  ordinals.emplace(JoinedKey("سی و یکم"), 31);
  Table& months = lex[static_cast<size_t>(Lexicon::kMonth)];
  Add(&months, kJalaliMonths);
  Add(&months, kJalaliMonths, 0, " ماه");
  Add(&months, kGregorianMonths, kGregorianMonthBase);
  Add(&months, kGregorianMonthsNeedingYear, kGregorianNeedsYearBase);
  Add(&lex[static_cast<size_t>(Lexicon::kCueBefore)], kCuesBefore);
  Add(&lex[static_cast<size_t>(Lexicon::kDeadline)], kDeadlines);
  Add(&lex[static_cast<size_t>(Lexicon::kDeadlineNear)], kDeadlinesNear);
  Add(&lex[static_cast<size_t>(Lexicon::kDeadlineSkip)], kDeadlineSkips);
  Add(&lex[static_cast<size_t>(Lexicon::kEventVerb)], kEventVerbs);
  Add(&lex[static_cast<size_t>(Lexicon::kOrdinalSuffix)], kOrdinalSuffixes);
  Add(&lex[static_cast<size_t>(Lexicon::kYearWord)], kYearWords);
  for (const Entry& e : kEventVerbs) t.event_stems.push_back(JoinedKey(e.phrase));
  for (size_t k = 0; k < lex.size(); ++k) {
    for (const auto& entry : lex[k]) {
      for (size_t n = 1; n <= entry.first.size(); ++n) {
        t.prefixes[k].insert(entry.first.substr(0, n));
      }
    }
  }
  return t;
}

const Tables& GetTables() {
  static const Tables tables = BuildTables();  // thread-safe initialisation
  return tables;
}

const Table& TableOf(Lexicon lexicon) {
  return GetTables().by_lexicon[static_cast<size_t>(lexicon)];
}

bool IsLetter(UChar32 c) { return u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0; }

int MaxWords(Lexicon lexicon) {
  switch (lexicon) {
    case Lexicon::kOrdinal:
      return 4;  // "بیست و یک ام"
    case Lexicon::kWeekday:
    case Lexicon::kMonth:
      return 2;  // "سه شنبه", "دی ماه"
    default:
      return 1;
  }
}

}  // namespace

std::u16string TokenizedText::Joined(size_t i) const {
  std::u16string out;
  if (i >= tokens.size()) return out;
  const Token& t = tokens[i];
  for (uint32_t k = t.begin; k < t.end; ++k) {
    if (folded.text[k] != kZwnj) out += folded.text[k];
  }
  return out;
}

size_t TokenizedText::ByteStart(size_t i) const { return folded.start[tokens[i].begin]; }
size_t TokenizedText::ByteEnd(size_t i) const { return folded.end[tokens[i].end - 1]; }

TokenizedText Tokenize(std::string_view utf8) {
  TokenizedText t;
  t.folded = analyzers::Fold(utf8);
  const std::u16string& s = t.folded.text;
  const size_t n = s.size();
  size_t i = 0;
  bool space = false;
  bool new_paragraph = false;
  uint32_t paragraph = 0;
  while (i < n) {
    size_t start = i;
    UChar32 c;
    U16_NEXT(s.data(), i, n, c);
    if (c == '\n') {
      new_paragraph = space = true;
      continue;
    }
    if (c == static_cast<UChar32>(kZwnj) || u_isUWhiteSpace(c)) {
      space = true;
      continue;
    }
    Token tok;
    tok.space_before = space;
    if (new_paragraph && !t.tokens.empty()) ++paragraph;
    new_paragraph = space = false;
    tok.paragraph = paragraph;
    tok.begin = static_cast<uint32_t>(start);
    if (c >= '0' && c <= '9') {
      tok.kind = TokenKind::kNumber;
      int64_t value = c - '0';
      tok.digits = 1;
      while (i < n && s[i] >= u'0' && s[i] <= u'9') {
        if (tok.digits < 10) value = value * 10 + (s[i] - u'0');
        ++tok.digits;
        ++i;
      }
      tok.value = tok.digits <= 9 ? static_cast<int32_t>(value) : -1;
    } else if (IsLetter(c)) {
      tok.kind = TokenKind::kWord;
      while (i < n) {
        size_t j = i;
        UChar32 d;
        U16_NEXT(s.data(), j, n, d);
        if (d == static_cast<UChar32>(kZwnj) && j < n) {
          U16_NEXT(s.data(), j, n, d);  // a ZWNJ stays inside a word only between letters
        }
        if (!IsLetter(d)) break;
        i = j;
      }
    } else {
      tok.kind = TokenKind::kPunct;
      tok.value = c;
    }
    tok.end = static_cast<uint32_t>(i);
    t.tokens.push_back(tok);
  }
  return t;
}

namespace {

// Word token i without ZWNJ: a view into the folded text, or *scratch when it had one.
std::u16string_view JoinedView(const TokenizedText& text, size_t i, std::u16string* scratch) {
  const Token& t = text.tokens[i];
  std::u16string_view word(text.folded.text.data() + t.begin, t.end - t.begin);
  if (word.find(kZwnj) == std::u16string_view::npos) return word;
  *scratch = text.Joined(i);
  return *scratch;
}

}  // namespace

int MatchPhrase(const TokenizedText& text, size_t i, Lexicon lexicon, int* value) {
  if (!text.IsWord(i)) return 0;
  std::u16string scratch;
  if (!GetTables().prefixes[static_cast<size_t>(lexicon)].contains(JoinedView(text, i, &scratch))) {
    return 0;  // no phrase of the lexicon starts with this word
  }
  const Table& table = TableOf(lexicon);
  std::u16string joined;
  std::array<size_t, 4> lengths{};
  int count = 0;
  for (size_t k = i; count < MaxWords(lexicon) && text.IsWord(k); ++k, ++count) {
    if (text.tokens[k].paragraph != text.tokens[i].paragraph) break;
    joined += text.Joined(k);
    lengths[static_cast<size_t>(count)] = joined.size();
  }
  for (int k = count; k >= 1; --k) {
    auto it = table.find(joined.substr(0, lengths[static_cast<size_t>(k - 1)]));
    if (it != table.end()) {
      *value = it->second;
      return k;
    }
  }
  return 0;
}

bool IsWordIn(const TokenizedText& text, size_t i, Lexicon lexicon) {
  if (!text.IsWord(i)) return false;
  const Table& table = TableOf(lexicon);
  std::u16string scratch;
  return table.find(JoinedView(text, i, &scratch)) != table.end();
}

bool IsEventWord(const TokenizedText& text, size_t i) {
  if (!text.IsWord(i)) return false;
  std::u16string scratch;
  std::u16string_view word = JoinedView(text, i, &scratch);
  for (const std::u16string& stem : GetTables().event_stems) {
    if (word.starts_with(stem)) return true;
  }
  return false;
}

bool EndsSentence(const TokenizedText& text, size_t i) {
  if (i >= text.tokens.size() || text.tokens[i].kind != TokenKind::kPunct) return false;
  switch (text.tokens[i].value) {
    case '.':
      // A dot between digits is a decimal point or a date separator.
      return !(i > 0 && text.IsNumber(i - 1) && text.IsNumber(i + 1) &&
               !text.tokens[i].space_before && !text.tokens[i + 1].space_before);
    case '!':
    case '?':
    case ';':
    case 0x061F:  // ARABIC QUESTION MARK
    case 0x061B:  // ARABIC SEMICOLON
      return true;
    default:
      return false;
  }
}

}  // namespace kavosh::dates::internal
