#include "indexer/readers/text_page_reader.h"

#include <unicode/uchar.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/normalizer.h"
#include "indexer/readers/text_util.h"

namespace kavosh::readers {

namespace {

// ---- Character classes -------------------------------------------------------------

bool IsBulletChar(char32_t c) {
  switch (c) {
    case 0x2022:  // BULLET
    case 0x2023:  // TRIANGULAR BULLET
    case 0x2043:  // HYPHEN BULLET
    case 0x2219:  // BULLET OPERATOR
    case 0x25E6:  // WHITE BULLET
    case 0x00B7:  // MIDDLE DOT
    case 0x2013:  // EN DASH
    case 0x2014:  // EM DASH
      return true;
    default:
      break;
  }
  if (c < 0x80) return false;  // ASCII '-' and '*' are handled with their space
  UChar32 u = static_cast<UChar32>(c);
  return u_hasBinaryProperty(u, UCHAR_EXTENDED_PICTOGRAPHIC) ||
         u_charType(u) == U_OTHER_SYMBOL;  // e.g. U+25CF BLACK CIRCLE, U+25AA BLACK SMALL SQUARE
}

// Parts of an emoji sequence that may follow the bullet itself.
bool IsEmojiJoiner(char32_t c) {
  return c == 0xFE0F ||                   // VARIATION SELECTOR-16 (emoji presentation)
         c == 0xFE0E ||                   // VARIATION SELECTOR-15 (text presentation)
         c == 0x200D ||                   // ZERO WIDTH JOINER
         c == 0x20E3 ||                   // COMBINING ENCLOSING KEYCAP
         (c >= 0x1F3FB && c <= 0x1F3FF);  // EMOJI MODIFIER FITZPATRICK TYPE-1-2 .. TYPE-6
}

bool IsClosingMark(char32_t c) {
  return c == 0x00BB ||  // RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK
         c == 0x201D ||  // RIGHT DOUBLE QUOTATION MARK
         c == 0x2019 ||  // RIGHT SINGLE QUOTATION MARK
         c == 0x203A ||  // SINGLE RIGHT-POINTING ANGLE QUOTATION MARK
         c == '"' || c == '\'' || c == ')' || c == ']';
}

bool IsSentenceEnd(char32_t c) {
  return c == '.' || c == '!' || c == '?' || c == 0x061F ||  // ARABIC QUESTION MARK
         c == 0x06D4 ||                                      // ARABIC FULL STOP
         c == 0x2026;                                        // HORIZONTAL ELLIPSIS
}

bool IsFinalPunct(char32_t c) {
  return IsSentenceEnd(c) || c == ':' || c == ';' || c == 0x061B;  // ARABIC SEMICOLON
}

bool IsOpeningQuote(char32_t c) {
  return c == 0x00AB ||  // LEFT-POINTING DOUBLE ANGLE QUOTATION MARK
         c == 0x201C ||  // LEFT DOUBLE QUOTATION MARK
         c == '"';
}

// ---- Line features -----------------------------------------------------------------

bool EndsWithFinalPunct(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    size_t len;
    char32_t c = DecodeUtf8Before(s, end, &len);
    if (IsSpaceLike(c) || IsClosingMark(c)) {
      end -= len;
      continue;
    }
    return IsFinalPunct(c);
  }
  return false;
}

// A sentence end followed by a space or an opening quote inside the line: the line holds
// more than one sentence, so it is not a heading.
bool HasInnerSentenceBreak(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    char32_t c = DecodeUtf8(s, pos, &len);
    pos += len;
    if (!IsSentenceEnd(c) || pos >= s.size()) continue;
    size_t next_len;
    char32_t next = DecodeUtf8(s, pos, &next_len);
    if (IsSpaceLike(next) || IsOpeningQuote(next)) {
      // Only a break if some text follows.
      if (!TrimSpace(s.substr(pos)).empty()) return true;
    }
  }
  return false;
}

// A line wholly inside quotation marks («…», “…”, "…") is a quotation, never a title.
bool IsQuotation(std::string_view s) {
  if (s.empty()) return false;
  size_t first_len;
  size_t last_len;
  char32_t first = DecodeUtf8(s, 0, &first_len);
  char32_t last = DecodeUtf8Before(s, s.size(), &last_len);
  return IsOpeningQuote(first) && IsClosingMark(last) && last != ')' && last != ']' &&
         s.size() > first_len + last_len;
}

bool HasLetterOrDigit(std::string_view s) {
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    char32_t c = DecodeUtf8(s, pos, &len);
    if (u_isalnum(static_cast<UChar32>(c))) return true;
    pos += len;
  }
  return false;
}

bool IsSkipLink(std::string_view text) {
  static constexpr std::string_view kSkipPrefixes[] = {
      "رفتن به محتوا",  "پرش به محتوا", "رفتن به منو",    "پرش به منو", "پرش به ناوبری",
      "رفتن به ناوبری", "رفتن به بالا", "بازگشت به بالا", "skip to",    "jump to",
  };
  if (CountWords(text) > 6) return false;
  std::string key = analyzers::NormalizeKey(text);
  for (std::string_view prefix : kSkipPrefixes) {
    if (key.compare(0, prefix.size(), prefix) == 0) return true;
  }
  return false;
}

// Words that open a paragraph continuing the previous one ("he", "also", "then", "in
// the end", "it is worth noting"…), compared after NormalizeKey. The opener may follow
// a name: "حیدرزاده در پایان …".
bool IsContinuation(std::string_view text) {
  static constexpr std::string_view kOpeners[] = {
      "وی",           "ایشان",         "او",
      "همچنین",       "در ادامه",      "در پایان",
      "گفتنی است",    "شایان ذکر است", "لازم به ذکر است",
      "یادآور میشود", "یاداور میشود",  "به گفته وی",
      "وی همچنین",
  };
  std::string key = analyzers::NormalizeKey(FirstWords(text, 6)) + " ";
  auto starts_with_opener = [&](size_t from) {
    for (std::string_view opener : kOpeners) {
      if (key.compare(from, opener.size(), opener) == 0 && key.size() > from + opener.size() &&
          key[from + opener.size()] == ' ') {
        return true;
      }
    }
    return false;
  };
  if (starts_with_opener(0)) return true;
  size_t first_space = key.find(' ');
  return first_space != std::string::npos && starts_with_opener(first_space + 1);
}

struct Line {
  size_t number = 0;
  std::string content;  // bullet stripped, spaces collapsed
  std::string key;      // NormalizeKey(content)
  bool bullet = false;
  size_t words = 0;
  bool heading = false;
  bool is_short = false;  // a heading of <= tag_max_words words
};

enum class UnitKind { kSpacer, kTags, kHeading, kBody };

struct Unit {
  UnitKind kind;
  std::vector<const Line*> lines;
  bool anchor = false;  // a body that starts an item elsewhere on the page too
};

// ---- Pass 1: lines -----------------------------------------------------------------

enum class LineKind { kBlank, kSpacer, kText };

struct RawLine {
  LineKind kind = LineKind::kBlank;
  Line line;
};

std::vector<RawLine> SplitLines(std::string_view data, std::string_view file_name,
                                const TextPageOptions& options, std::vector<ReadError>* errors) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";  // U+FEFF BYTE ORDER MARK
  if (data.substr(0, kBom.size()) == kBom) data.remove_prefix(kBom.size());
  std::vector<RawLine> lines;
  size_t start = 0;
  size_t number = 0;
  while (start < data.size()) {
    size_t end = data.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = data.size();
    std::string_view raw = data.substr(start, end - start);
    start = end + 1;
    if (end + 1 < data.size() && data[end] == '\r' && data[end + 1] == '\n') ++start;
    RawLine out;
    out.line.number = ++number;
    if (!analyzers::IsValidUtf8(raw)) {
      errors->push_back(ReadError{std::string(file_name), number, "invalid UTF-8"});
      lines.push_back(std::move(out));
      continue;
    }
    std::string cleaned =
        raw.find('\0') == std::string_view::npos ? std::string(raw) : SanitizeUtf8(raw);
    std::string trimmed = TrimSpace(cleaned);
    if (trimmed.empty()) {
      bool non_ascii_space = false;
      for (char c : cleaned) non_ascii_space |= static_cast<unsigned char>(c) >= 0x80;
      out.kind = non_ascii_space ? LineKind::kSpacer : LineKind::kBlank;
    } else if (!HasLetterOrDigit(trimmed)) {
      out.kind = LineKind::kSpacer;  // "***", "----", a lone emoji
    } else if (IsSkipLink(trimmed)) {
      out.kind = LineKind::kBlank;
    } else {
      out.kind = LineKind::kText;
      Line& line = out.line;
      line.bullet = StartsWithBullet(trimmed);
      line.content = CollapseSpaces(line.bullet ? StripBullet(trimmed) : trimmed);
      line.key = analyzers::NormalizeKey(line.content);
      line.words = CountWords(line.content);
      line.heading = !line.bullet && line.words <= options.title_max_words &&
                     !EndsWithFinalPunct(line.content) && !HasInnerSentenceBreak(line.content) &&
                     !IsQuotation(line.content);
      line.is_short = line.heading && line.words <= options.tag_max_words;
    }
    lines.push_back(std::move(out));
  }
  return lines;
}

// ---- Pass 2: units -----------------------------------------------------------------

struct Block {
  std::vector<const Line*> headings;  // leading heading lines
  std::vector<const Line*> body;      // the rest
  bool spacer_before = false;
  std::string previous_key;  // key of the text line before the block ("\x02" after a spacer)
  bool anchor = false;
};

std::vector<Block> GroupBlocks(const std::vector<RawLine>& lines) {
  std::vector<Block> blocks;
  bool in_block = false;
  bool spacer = false;
  for (const RawLine& raw : lines) {
    if (raw.kind != LineKind::kText) {
      in_block = false;
      spacer |= raw.kind == LineKind::kSpacer;
      continue;
    }
    if (!in_block) {
      std::string previous = spacer                        ? "\x02"
                             : blocks.empty()              ? ""
                             : !blocks.back().body.empty() ? blocks.back().body.back()->key
                                                           : blocks.back().headings.back()->key;
      blocks.emplace_back();
      blocks.back().spacer_before = spacer;
      blocks.back().previous_key = std::move(previous);
      spacer = false;
      in_block = true;
    }
    Block& block = blocks.back();
    if (block.body.empty() && raw.line.heading) {
      block.headings.push_back(&raw.line);
    } else {
      block.body.push_back(&raw.line);
    }
  }
  if (spacer) {
    blocks.emplace_back();
    blocks.back().spacer_before = true;
  }
  // Pages repeat items in several sections. A body block whose first line also opens a
  // block after different text elsewhere starts an item: it is not the continuation of
  // whatever precedes it here (e.g. the end of a quoted statement).
  std::map<std::string, std::set<std::string>> predecessors;
  for (const Block& block : blocks) {
    if (!block.body.empty() && block.headings.empty()) {
      predecessors[block.body.front()->key].insert(block.previous_key);
    }
  }
  for (Block& block : blocks) {
    if (!block.body.empty() && block.headings.empty()) {
      block.anchor = predecessors[block.body.front()->key].size() > 1;
    }
  }
  return blocks;
}

std::vector<Unit> MakeUnits(const std::vector<Block>& blocks, const TextPageOptions& options) {
  std::vector<Unit> units;
  for (const Block& block : blocks) {
    if (block.spacer_before) units.push_back(Unit{UnitKind::kSpacer, {}});
    size_t short_count = 0;
    for (const Line* line : block.headings) short_count += line->is_short ? 1 : 0;
    if (short_count >= options.min_tag_run) {
      // A tag or menu block; only a longer last line survives, as a possible title.
      units.push_back(Unit{UnitKind::kTags, {}});
      if (!block.headings.back()->is_short) {
        units.push_back(Unit{UnitKind::kHeading, {block.headings.back()}});
      }
    } else {
      for (const Line* line : block.headings) units.push_back(Unit{UnitKind::kHeading, {line}});
    }
    if (!block.body.empty()) units.push_back(Unit{UnitKind::kBody, block.body, block.anchor});
  }
  return units;
}

// ---- Pass 3: items -----------------------------------------------------------------

struct Item {
  const Line* title = nullptr;
  std::vector<const Line*> paragraphs;
  size_t bullets = 0;
  bool quoting = false;  // a paragraph ended with ':'; what follows is quoted text

  bool LastEndsWithColon() const {
    if (paragraphs.empty()) return false;
    const std::string& s = paragraphs.back()->content;
    size_t end = s.size();
    while (end > 0) {
      size_t len;
      char32_t c = DecodeUtf8Before(s, end, &len);
      if (!IsSpaceLike(c)) return c == ':';
      end -= len;
    }
    return false;
  }

  void Append(const std::vector<const Line*>& lines) {
    for (const Line* line : lines) {
      paragraphs.push_back(line);
      bullets += line->bullet ? 1 : 0;
    }
    if (LastEndsWithColon()) quoting = true;
  }
};

std::vector<Item> BuildItems(const std::vector<Unit>& units, const TextPageOptions& options) {
  std::vector<Item> items;
  bool open = false;  // items.back() still takes paragraphs
  const Line* pending_title = nullptr;
  // Headings in a row (across blank lines): short ones one per block are tags too.
  std::vector<const Line*> heading_run;
  auto end_heading_run = [&]() {
    size_t short_count = 0;
    for (const Line* line : heading_run) short_count += line->is_short ? 1 : 0;
    if (short_count >= options.min_tag_run) {
      pending_title = heading_run.back()->is_short ? nullptr : heading_run.back();
      open = false;
    }
    heading_run.clear();
  };
  for (const Unit& unit : units) {
    if (unit.kind != UnitKind::kHeading) end_heading_run();
    switch (unit.kind) {
      case UnitKind::kSpacer:
        open = false;  // a pending title keeps waiting for its body
        break;
      case UnitKind::kTags:
        open = false;
        pending_title = nullptr;
        break;
      case UnitKind::kHeading:
        if (open && heading_run.empty() && items.back().LastEndsWithColon()) {
          items.back().Append(unit.lines);  // "… به شرح زیر است:" then a heading-like line
        } else {
          pending_title = unit.lines.front();  // an earlier pending title was an orphan
          heading_run.push_back(pending_title);
        }
        break;
      case UnitKind::kBody: {
        const Line* first = unit.lines.front();
        if (pending_title != nullptr) {
          items.emplace_back();
          items.back().title = pending_title;
          pending_title = nullptr;
          open = true;
        } else if (!open) {
          items.emplace_back();
          open = true;
        } else {
          const Item& cur = items.back();
          bool continues;
          if (first->bullet) {
            // A bulleted list belongs to a titled item or continues one; after an
            // untitled plain item a bullet ("✍️ …") marks a new item.
            continues = cur.title != nullptr || cur.bullets > 0;
          } else {
            continues = !unit.anchor && (cur.quoting || IsContinuation(first->content) ||
                                         (cur.title != nullptr && cur.bullets < 2));
          }
          if (!continues) items.emplace_back();
        }
        items.back().Append(unit.lines);
        break;
      }
    }
  }
  return items;
}

std::string DerivedTitle(const std::string& paragraph, const TextPageOptions& options) {
  for (size_t pos = 0; pos < paragraph.size();) {
    size_t len;
    char32_t c = DecodeUtf8(paragraph, pos, &len);
    size_t after = pos + len;
    if (IsSentenceEnd(c) && (after >= paragraph.size() || paragraph[after] == ' ')) {
      std::string sentence = TrimSpace(paragraph.substr(0, c == '.' ? pos : after));
      if (CountWords(sentence) <= options.derived_title_max_words && !sentence.empty()) {
        return sentence;
      }
      break;
    }
    pos = after;
  }
  return FirstWords(paragraph, options.derived_title_words);
}

}  // namespace

bool StartsWithBullet(std::string_view line) {
  std::string trimmed = TrimSpace(line);
  if (trimmed.empty()) return false;
  size_t len;
  char32_t c = DecodeUtf8(trimmed, 0, &len);
  if ((c == '-' || c == '*') && trimmed.size() > 1 && trimmed[1] == ' ') return true;
  return IsBulletChar(c);
}

std::string_view StripBullet(std::string_view line) {
  size_t pos = 0;
  bool stripped_ascii = false;
  while (pos < line.size()) {
    size_t len;
    char32_t c = DecodeUtf8(line, pos, &len);
    if (IsSpaceLike(c) || IsBulletChar(c) || IsEmojiJoiner(c)) {
      pos += len;
    } else if (!stripped_ascii && (c == '-' || c == '*') && pos + 1 < line.size() &&
               line[pos + 1] == ' ') {
      stripped_ascii = true;
      pos += 1;
    } else {
      break;
    }
  }
  return line.substr(pos);
}

ReadResult ReadTextPage(std::string_view data, std::string_view file_name,
                        const TextPageOptions& options) {
  ReadResult result;
  std::vector<RawLine> lines = SplitLines(data, file_name, options, &result.errors);
  std::vector<Block> blocks = GroupBlocks(lines);
  std::vector<Unit> units = MakeUnits(blocks, options);
  std::vector<Item> items = BuildItems(units, options);

  std::set<std::string> seen;
  for (const Item& item : items) {
    if (item.paragraphs.empty()) continue;
    std::vector<std::string> paragraphs;
    paragraphs.reserve(item.paragraphs.size());
    for (const Line* line : item.paragraphs) paragraphs.push_back(line->content);
    schema::Article a;
    a.title = item.title != nullptr ? item.title->content : DerivedTitle(paragraphs[0], options);
    a.body = JoinParagraphs(paragraphs);
    std::string whole_key =
        analyzers::NormalizeKey(a.title) + "\n" + analyzers::NormalizeKey(a.body);
    std::string first_key;
    if (CountWords(paragraphs[0]) >= options.min_repeat_key_words) {
      first_key = "\x01" + analyzers::NormalizeKey(paragraphs[0]);
    }
    if (seen.count(whole_key) > 0 || (!first_key.empty() && seen.count(first_key) > 0)) {
      continue;
    }
    seen.insert(whole_key);
    if (!first_key.empty()) seen.insert(first_key);
    a.id = ContentId(a.title, a.body);
    size_t first_line = item.title != nullptr ? item.title->number : item.paragraphs[0]->number;
    a.origin = Origin(file_name, first_line);
    result.articles.push_back(std::move(a));
  }
  return result;
}

}  // namespace kavosh::readers
