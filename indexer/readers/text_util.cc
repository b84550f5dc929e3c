#include "indexer/readers/text_util.h"

#include <unicode/uchar.h>

#include <cstdio>

#include "analyzers/normalizer.h"

namespace kavosh::readers {

namespace {

constexpr char32_t kReplacementChar = 0xFFFD;  // REPLACEMENT CHARACTER

}  // namespace

char32_t DecodeUtf8(std::string_view s, size_t pos, size_t* len) {
  *len = 1;
  auto byte = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  unsigned char b0 = byte(pos);
  if (b0 < 0x80) return b0;
  size_t n;
  char32_t value;
  char32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    n = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    n = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    n = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return kReplacementChar;
  }
  if (pos + n > s.size()) return kReplacementChar;
  for (size_t i = 1; i < n; ++i) {
    unsigned char b = byte(pos + i);
    if ((b & 0xC0) != 0x80) return kReplacementChar;
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) {
    return kReplacementChar;
  }
  *len = n;
  return value;
}

char32_t DecodeUtf8Before(std::string_view s, size_t end, size_t* len) {
  // Walk back over at most three continuation bytes to the lead byte.
  size_t start = end - 1;
  while (start > 0 && end - start < 4 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80) {
    --start;
  }
  size_t n;
  char32_t c = DecodeUtf8(s, start, &n);
  if (start + n != end) {
    *len = 1;
    return kReplacementChar;
  }
  *len = n;
  return c;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

bool IsSpaceLike(char32_t c) {
  if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') return true;
  if (c < 0x80) return false;
  return c == 0x200B ||  // ZERO WIDTH SPACE
         c == 0x200E ||  // LEFT-TO-RIGHT MARK
         c == 0x200F ||  // RIGHT-TO-LEFT MARK
         c == 0xFEFF ||  // ZERO WIDTH NO-BREAK SPACE (byte order mark)
         c == 0x0085 ||  // NEXT LINE (NEL)
         c == 0x2028 ||  // LINE SEPARATOR
         c == 0x2029 ||  // PARAGRAPH SEPARATOR
         u_charType(static_cast<UChar32>(c)) == U_SPACE_SEPARATOR;  // e.g. U+00A0 NO-BREAK SPACE
}

std::string TrimSpace(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t len;
    if (!IsSpaceLike(DecodeUtf8(s, begin, &len))) break;
    begin += len;
  }
  size_t end = s.size();
  while (end > begin) {
    size_t len;
    if (!IsSpaceLike(DecodeUtf8Before(s, end, &len))) break;
    end -= len;
  }
  return std::string(s.substr(begin, end - begin));
}

std::string CollapseSpaces(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    char32_t c = DecodeUtf8(s, pos, &len);
    if (IsSpaceLike(c)) {
      pending_space = !out.empty();
    } else {
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(s.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

std::string NormalizeParagraphs(std::string_view s) {
  std::string out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t nl = s.find('\n', start);
    if (nl == std::string_view::npos) nl = s.size();
    std::string line = TrimSpace(s.substr(start, nl - start));
    if (!line.empty()) {
      if (!out.empty()) out.push_back('\n');
      out += line;
    }
    start = nl + 1;
  }
  return out;
}

std::string JoinParagraphs(const std::vector<std::string>& paragraphs) {
  std::string out;
  for (const auto& p : paragraphs) {
    if (p.empty()) continue;
    if (!out.empty()) out.push_back('\n');
    out += p;
  }
  return out;
}

size_t CountWords(std::string_view s) {
  size_t words = 0;
  bool in_word = false;
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    bool space = IsSpaceLike(DecodeUtf8(s, pos, &len));
    if (!space && !in_word) ++words;
    in_word = !space;
    pos += len;
  }
  return words;
}

std::string FirstWords(std::string_view s, size_t n) {
  std::string collapsed = CollapseSpaces(s);
  size_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    pos = collapsed.find(' ', pos);
    if (pos == std::string::npos) return collapsed;
    if (i + 1 < n) ++pos;
  }
  return collapsed.substr(0, pos);
}

std::string SanitizeUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t pos = 0; pos < s.size();) {
    size_t len;
    char32_t c = DecodeUtf8(s, pos, &len);
    if (c == 0) {
      out.push_back(' ');
    } else if (c == kReplacementChar && len == 1) {
      AppendUtf8(kReplacementChar, &out);
    } else {
      out.append(s.substr(pos, len));
    }
    pos += len;
  }
  return out;
}

uint64_t Fnv1a64(std::string_view s) {
  uint64_t hash = 14695981039346656037ULL;
  for (unsigned char c : s) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

namespace {

std::string HashId(std::string_view key) {
  char buf[20];
  std::snprintf(buf, sizeof(buf), "h%016llx", static_cast<unsigned long long>(Fnv1a64(key)));
  return buf;
}

}  // namespace

std::string ContentId(std::string_view title, std::string_view body) {
  std::string key = analyzers::NormalizeKey(title);
  key.push_back('\n');
  key += analyzers::NormalizeKey(body);
  return HashId(key);
}

std::string SourceId(std::string_view id) {
  std::string trimmed = TrimSpace(id);
  if (trimmed.size() <= kMaxIdBytes) return trimmed;
  return HashId(trimmed);
}

std::string Origin(std::string_view file, size_t line) {
  std::string out(file);
  out.push_back(':');
  out += std::to_string(line);
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace kavosh::readers
