// libxml2 helpers shared by the HTML and feed readers: parsing HTML safely (encoding from
// <meta charset>, UTF-8 by default, never the network), walking the tree with a depth
// limit, and turning markup into trimmed text paragraphs.
//
//   kavosh::readers::XmlDocPtr doc = kavosh::readers::ParseHtml(bytes);
//   std::vector<std::string> ps = kavosh::readers::HtmlToParagraphs("<p>یک</p><p>دو</p>");
#ifndef KAVOSH_INDEXER_READERS_DOM_H_
#define KAVOSH_INDEXER_READERS_DOM_H_

#include <libxml/tree.h>

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace kavosh::readers {

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Deeper elements are ignored by every walk here (libxml2 itself keeps them).
inline constexpr int kMaxTreeDepth = 256;

// The charset a page declares in its first 4 KB (<meta charset=…> or
// http-equiv content="…; charset=…"), lower-cased; "" if none.
std::string SniffHtmlCharset(std::string_view data);

// Parses an HTML document or fragment with HTML_PARSE_RECOVER | NOERROR | NOWARNING |
// NONET. The encoding is the declared charset when libxml2 supports it, else UTF-8; UTF-8
// input has invalid bytes replaced by U+FFFD and NUL bytes by spaces first. Null only if
// libxml2 could not allocate a document (e.g. empty input).
XmlDocPtr ParseHtml(std::string_view data);

// Lower-case element name ("" for non-elements).
std::string_view ElementName(const xmlNode* node);
bool IsElement(const xmlNode* node, std::string_view name);

// Elements that end a paragraph (p, div, li, h1-h6, br, td, …).
bool IsBlockElement(std::string_view name);

// Attribute value, "" when absent.
std::string Attr(const xmlNode* node, const char* name);

// The first element named `name` in document order under `root` (depth-limited).
const xmlNode* FindFirst(const xmlNode* root, std::string_view name);

// Every element under `root` (including it) for which `pred` is true, in document order.
// Children of a matching element are searched too.
std::vector<const xmlNode*> FindAll(const xmlNode* root,
                                    const std::function<bool(const xmlNode*)>& pred);

// The text under `node` with spaces collapsed. Skips script, style and similar elements,
// and entity references (so a feed's entity definitions are never expanded).
std::string NodeText(const xmlNode* node);

// Paragraphs under `root`: block elements (p, div, li, h1-h6, br, …) break paragraphs;
// each paragraph is trimmed with spaces collapsed; empty ones are dropped. Elements for
// which `skip` returns true are left out with everything under them.
std::vector<std::string> ExtractParagraphs(const xmlNode* root,
                                           const std::function<bool(const xmlNode*)>& skip);

// Paragraphs of an HTML fragment (e.g. an RSS description). Text without markup is split
// at newlines.
std::vector<std::string> HtmlToParagraphs(std::string_view html);

// Source line of a node (1 if unknown).
size_t NodeLine(const xmlNode* node);

}  // namespace kavosh::readers

#endif  // KAVOSH_INDEXER_READERS_DOM_H_
