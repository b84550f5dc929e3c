// Small UTF-8 text helpers shared by the readers: trimming with Unicode spaces, whitespace
// collapsing, word counts, stable content ids.
//
//   std::string t = kavosh::readers::TrimSpace("\u00a0 عنوان \t");  // "عنوان"
//   std::string id = kavosh::readers::ContentId(title, body);        // "h" + 16 hex digits
#ifndef KAVOSH_INDEXER_READERS_TEXT_UTIL_H_
#define KAVOSH_INDEXER_READERS_TEXT_UTIL_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::readers {

// Decodes the code point at `pos`, stores its byte length in `*len` (at least 1).
// Invalid sequences decode as U+FFFD REPLACEMENT CHARACTER of length 1.
char32_t DecodeUtf8(std::string_view s, size_t pos, size_t* len);

// Decodes the code point that ends just before `end`; `*len` is its byte length.
char32_t DecodeUtf8Before(std::string_view s, size_t end, size_t* len);

void AppendUtf8(char32_t c, std::string* out);

// ASCII whitespace, Unicode spaces (Zs), and the invisible characters a copy from a web
// page leaves at the ends of a line: U+200B ZERO WIDTH SPACE, U+200E LEFT-TO-RIGHT MARK,
// U+200F RIGHT-TO-LEFT MARK, U+FEFF ZERO WIDTH NO-BREAK SPACE (byte order mark).
bool IsSpaceLike(char32_t c);

std::string TrimSpace(std::string_view s);

// Trims and replaces every run of space-like characters (including newlines) by one
// U+0020 SPACE.
std::string CollapseSpaces(std::string_view s);

// Trims every line, drops empty lines, joins the rest with '\n': the body format.
std::string NormalizeParagraphs(std::string_view s);

// Joins paragraphs with '\n', skipping empty ones.
std::string JoinParagraphs(const std::vector<std::string>& paragraphs);

// Number of whitespace-separated words.
size_t CountWords(std::string_view s);

// The first `n` words, separated by single spaces.
std::string FirstWords(std::string_view s, size_t n);

// Replaces invalid UTF-8 bytes by U+FFFD and NUL bytes by U+0020 SPACE.
std::string SanitizeUtf8(std::string_view s);

uint64_t Fnv1a64(std::string_view s);

// The id of an article that came without one: "h" + 16 hex digits of the FNV-1a hash of
// NormalizeKey(title) + "\n" + NormalizeKey(body). Stable across runs and platforms, so
// re-reading the same content upserts the same document.
std::string ContentId(std::string_view title, std::string_view body);

// An id taken from the source (URL, guid). Ids longer than kMaxIdBytes are replaced by
// "h" + 16 hex digits of their hash, because the index stores ids as terms.
inline constexpr size_t kMaxIdBytes = 200;
std::string SourceId(std::string_view id);

// "FILE:LINE".
std::string Origin(std::string_view file, size_t line);

// ASCII lower case; other bytes unchanged.
std::string AsciiLower(std::string_view s);

}  // namespace kavosh::readers

#endif  // KAVOSH_INDEXER_READERS_TEXT_UTIL_H_
