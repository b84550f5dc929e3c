#include "analyzers/analyzer.h"

#include <algorithm>

namespace kavosh::analyzers {

namespace {

// A piece glued with its affixes: one unit of meaning, one position.
struct Unit {
  std::string text;
  size_t start = 0;
  size_t end = 0;
  bool numeric = false;
  Joiner joiner = Joiner::kNone;  // how the unit is separated from the one before
};

std::string Concat(const std::vector<Unit>& units, size_t from, size_t count) {
  std::string out;
  for (size_t i = from; i < from + count; ++i) out += units[i].text;
  return out;
}

// Concat into a reused buffer: the compound test runs for nearly every word.
const std::string& ConcatInto(std::string* buffer, const std::vector<Unit>& units, size_t from,
                              size_t count) {
  buffer->clear();
  for (size_t i = from; i < from + count; ++i) *buffer += units[i].text;
  return *buffer;
}

}  // namespace

std::vector<std::string> IndexTerms(const Token& token) {
  std::vector<std::string> terms;
  if (token.stopword || token.normalized.empty()) return terms;
  auto add = [&](std::string term) {
    if (std::find(terms.begin(), terms.end(), term) == terms.end()) terms.push_back(std::move(term));
  };
  add(PositionalTerm(token.normalized, token.stem, ""));
  add("Z" + token.stem);
  for (size_t i = 0; i < token.parts.size(); ++i) {
    if (token.part_stems[i].empty()) continue;  // a stopword part
    add(PositionalTerm(token.parts[i], token.part_stems[i], ""));
    add("Z" + token.part_stems[i]);
  }
  return terms;
}

std::string PositionalTerm(const std::string& form, const std::string& stem,
                           const std::string& prefix) {
  return form == stem ? "Z" + prefix + form : prefix + form;
}

Analyzer::Analyzer(AnalyzerOptions options)
    : lexicon_(options.lexicon ? options.lexicon : Lexicon::Default()),
      stemmer_(lexicon_),
      options_(std::move(options)) {}

std::vector<Token> Analyzer::Analyze(std::string_view text) {
  if (text.size() > options_.max_bytes) text = text.substr(0, options_.max_bytes);
  FoldedText folded = Fold(text);
  std::vector<Segment> segments = segmenter_.Split(folded);

  // 1. Glue affixes written apart to their word.
  std::vector<Unit> units;
  units.reserve(segments.size());
  bool glue_to_previous = false;  // the previous unit is a verb prefix waiting for its verb
  bool dropped_before = false;
  for (const Segment& seg : segments) {
    std::string piece = ToUtf8(std::u16string_view(folded.text).substr(seg.begin, seg.end - seg.begin));
    if (piece.size() > options_.max_word_bytes) {
      dropped_before = true;  // an absurd "word": skip it, and never glue across it
      glue_to_previous = false;
      continue;
    }
    Joiner joiner = dropped_before ? Joiner::kNone : seg.joiner;
    dropped_before = false;
    size_t start = folded.start[seg.begin];
    size_t end = folded.end[seg.end - 1];
    bool attached_joiner = joiner == Joiner::kZwnj || joiner == Joiner::kSpace;
    if (!units.empty() && attached_joiner && !seg.numeric && !units.back().numeric) {
      Unit& last = units.back();
      bool glue = glue_to_previous ||
                  (joiner == Joiner::kZwnj ? IsSuffixAfterZwnj(piece)
                                           : IsSuffixAfterSpace(piece, last.text));
      if (glue) {
        // The ezafe written as a separate yeh (`خانه‌ی`, `خانه ی`) is the same as `خانۀ`
        // (folded to `خانه`): drop it.
        bool ezafe = piece == "ی" && last.text.size() >= 2 &&
                     last.text.compare(last.text.size() - 2, 2, "ه") == 0;
        if (!ezafe) last.text += piece;
        last.end = end;
        glue_to_previous = false;
        continue;
      }
    }
    glue_to_previous = !seg.numeric && IsVerbPrefix(piece);
    units.push_back(Unit{std::move(piece), start, end, seg.numeric, joiner});
  }

  // 2. Group units into words: ZWNJ-joined runs, known spaced compounds, single units.
  std::vector<Token> tokens;
  tokens.reserve(units.size());
  uint32_t position = 0;
  size_t i = 0;
  std::string joined;
  while (i < units.size()) {
    size_t count = 1;
    const std::vector<std::string>* lexicon_parts = nullptr;
    if (!units[i].numeric) {
      while (i + count < units.size() && units[i + count].joiner == Joiner::kZwnj &&
             !units[i + count].numeric) {
        ++count;
      }
      if (count == 1) {
        for (size_t n : {3, 2}) {
          if (i + n > units.size()) continue;
          bool spaced = true;
          for (size_t k = 1; k < n; ++k) {
            spaced = spaced && units[i + k].joiner == Joiner::kSpace && !units[i + k].numeric;
          }
          if (!spaced) continue;
          const std::string& key = ConcatInto(&joined, units, i, n);
          if (lexicon_->MayBeCompound(key) && lexicon_->CompoundParts(key) != nullptr) {
            count = n;
            break;
          }
        }
      }
    }
    Token token;
    token.start = units[i].start;
    token.end = units[i + count - 1].end;
    token.normalized = Concat(units, i, count);
    token.numeric = units[i].numeric;
    // A compound the lexicon knows takes the lexicon's parts however it was written, so
    // `گفت‌وگو`, `گفتوگو` and `گفت و گو` take the same positions.
    if (!token.numeric && lexicon_->MayBeCompound(token.normalized) &&
        (lexicon_parts = lexicon_->CompoundParts(token.normalized))) {
      token.parts = *lexicon_parts;
    } else if (count > 1) {
      for (size_t k = 0; k < count; ++k) token.parts.push_back(units[i + k].text);
    }
    if (token.parts.empty() && lexicon_->IsStopword(token.normalized)) {
      token.stopword = true;
    } else if (token.parts.empty() && (IsVerbPrefix(token.normalized) ||
                                       IsSuffixAfterZwnj(token.normalized))) {
      token.stopword = true;  // an affix with no word to attach to
    }
    token.stem = token.stopword ? token.normalized : stemmer_.Stem(token.normalized);
    for (const std::string& part : token.parts) {
      bool skip = lexicon_->IsStopword(part);
      token.part_stems.push_back(skip ? std::string() : stemmer_.Stem(part));
    }
    token.position = position;
    token.width = token.parts.empty() ? 1 : static_cast<uint32_t>(token.parts.size());
    position += token.width;
    tokens.push_back(std::move(token));
    i += count;
  }
  return tokens;
}

}  // namespace kavosh::analyzers
