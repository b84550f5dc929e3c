#include "searchd/highlighter.h"

#include <algorithm>
#include <vector>

namespace kavosh::search {

namespace {

using analyzers::Token;

bool Matches(const Token& t, const MatchTerms& m) {
  if (t.stopword || t.normalized.empty()) return false;
  if (m.exact.count(t.normalized) || m.stems.count(t.stem)) return true;
  for (size_t i = 0; i < t.parts.size(); ++i) {
    if (m.exact.count(t.parts[i])) return true;
    if (i < t.part_stems.size() && !t.part_stems[i].empty() && m.stems.count(t.part_stems[i])) {
      return true;
    }
  }
  return false;
}

void AppendEscaped(std::string_view text, std::string* out) {
  for (char c : text) {
    switch (c) {
      case '&': *out += "&amp;"; break;
      case '<': *out += "&lt;"; break;
      case '>': *out += "&gt;"; break;
      case '"': *out += "&quot;"; break;
      case '\'': *out += "&#39;"; break;
      case '\n': case '\r': case '\t': *out += ' '; break;
      default: *out += c;
    }
  }
}

// text[begin, end) escaped, with the matching tokens inside it marked.
std::string Render(std::string_view text, const std::vector<Token>& tokens,
                   const std::vector<bool>& hit, size_t begin, size_t end) {
  std::string out;
  size_t at = begin;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& t = tokens[i];
    if (!hit[i] || t.start < at || t.end > end) continue;
    AppendEscaped(text.substr(at, t.start - at), &out);
    out += "<mark>";
    AppendEscaped(text.substr(t.start, t.end - t.start), &out);
    out += "</mark>";
    at = t.end;
  }
  if (at < end) AppendEscaped(text.substr(at, end - at), &out);
  return out;
}

// Code points before each byte offset (offsets inside a character count it as begun).
std::vector<uint32_t> CodePointIndex(std::string_view text) {
  std::vector<uint32_t> index(text.size() + 1);
  uint32_t n = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    index[i] = n;
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  index[text.size()] = n;
  return index;
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 16);
  AppendEscaped(text, &out);
  return out;
}

std::string Highlighter::Whole(std::string_view text, const MatchTerms& terms) {
  std::vector<Token> tokens = analyzer_->Analyze(text);
  std::vector<bool> hit(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) hit[i] = Matches(tokens[i], terms);
  return Render(text, tokens, hit, 0, text.size());
}

std::string Highlighter::Passage(std::string_view text, const MatchTerms& terms,
                                 const PassageOptions& options) {
  bool cut_off = false;
  if (text.size() > options.max_analyzed) {
    cut_off = true;
    size_t cut = options.max_analyzed;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    text = text.substr(0, cut);
  }
  std::vector<Token> tokens = analyzer_->Analyze(text);
  if (tokens.empty()) return {};
  std::vector<bool> hit(tokens.size());
  std::vector<size_t> matches;
  for (size_t i = 0; i < tokens.size(); ++i) {
    hit[i] = Matches(tokens[i], terms);
    if (hit[i]) matches.push_back(i);
  }
  std::vector<uint32_t> cp = CodePointIndex(text);
  auto span = [&](size_t a, size_t b) { return cp[tokens[b].end] - cp[tokens[a].start]; };

  // Best window: starts at a match, grows while it fits.
  size_t best_start = 0, best_end = 0;
  if (!matches.empty()) {
    long best_score = -1;
    size_t tried = 0;
    for (size_t m : matches) {
      if (++tried > 300) break;
      size_t end = m;
      std::vector<std::string_view> seen;
      long count = 0;
      for (size_t j = m; j < tokens.size() && span(m, j) <= options.max_chars; ++j) {
        end = j;
        if (!hit[j]) continue;
        ++count;
        if (std::find(seen.begin(), seen.end(), tokens[j].stem) == seen.end()) {
          seen.push_back(tokens[j].stem);
        }
      }
      long score = static_cast<long>(seen.size()) * 1000 + count;
      if (score > best_score) {
        best_score = score;
        best_start = m;
        best_end = end;
      }
    }
    // Give some of what is left to the words before the first match.
    while (best_start > 0 && span(best_start - 1, best_end) <= options.max_chars &&
           cp[tokens[best_start].start] - cp[tokens[best_start - 1].start] < options.max_chars / 4 &&
           span(best_start - 1, best_end) < span(best_start, best_end) + options.max_chars / 4) {
      --best_start;
    }
  }
  // Then fill the budget forward.
  while (best_end + 1 < tokens.size() && span(best_start, best_end + 1) <= options.max_chars) {
    ++best_end;
  }
  size_t begin = best_start == 0 ? 0 : tokens[best_start].start;
  size_t end = best_end + 1 == tokens.size() ? text.size() : tokens[best_end].end;
  std::string out;
  if (begin > 0) out += "… ";
  out += Render(text, tokens, hit, begin, end);
  if (end < text.size() || cut_off) out += " …";
  return out;
}

}  // namespace kavosh::search
