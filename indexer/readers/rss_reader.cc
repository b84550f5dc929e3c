#include "indexer/readers/rss_reader.h"

#include <libxml/parser.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "analyzers/normalizer.h"
#include "indexer/readers/dom.h"
#include "indexer/readers/text_util.h"

namespace kavosh::readers {

namespace {

constexpr std::string_view kRss1Ns = "http://purl.org/rss/1.0/";
constexpr std::string_view kAtomNs = "http://www.w3.org/2005/Atom";
constexpr std::string_view kContentNs = "http://purl.org/rss/1.0/modules/content/";
constexpr std::string_view kDcNs = "http://purl.org/dc/elements/1.1/";

const char* Chars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

std::string_view NsOf(const xmlNode* n) {
  if (n->ns == nullptr || n->ns->href == nullptr) return "";
  return Chars(n->ns->href);
}

// An RSS element: no namespace (RSS 2.0) or the RSS 1.0 namespace.
bool IsRss(const xmlNode* n, std::string_view local) {
  if (ElementName(n) != local) return false;
  std::string_view ns = NsOf(n);
  return ns.empty() || ns == kRss1Ns;
}

bool IsInNs(const xmlNode* n, std::string_view local, std::string_view ns) {
  return ElementName(n) == local && NsOf(n) == ns;
}

// Atom elements normally carry the Atom namespace; accept none too.
bool IsAtom(const xmlNode* n, std::string_view local) {
  if (ElementName(n) != local) return false;
  std::string_view ns = NsOf(n);
  return ns.empty() || ns == kAtomNs;
}

template <typename Pred>
std::vector<const xmlNode*> Children(const xmlNode* parent, Pred pred) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && pred(c)) out.push_back(c);
  }
  return out;
}

template <typename Pred>
const xmlNode* Child(const xmlNode* parent, Pred pred) {
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && pred(c)) return c;
  }
  return nullptr;
}

// Text and CDATA under `node`, newlines kept; entity references are skipped (never
// expanded).
void AppendRawText(const xmlNode* node, int depth, std::string* out) {
  if (depth > kMaxTreeDepth) return;
  for (const xmlNode* n = node; n != nullptr; n = n->next) {
    if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content != nullptr) {
      out->append(Chars(n->content));
    } else if (n->type == XML_ELEMENT_NODE) {
      AppendRawText(n->children, depth + 1, out);
    }
  }
}

std::string RawText(const xmlNode* node) {
  std::string out;
  if (node != nullptr) AppendRawText(node->children, 1, &out);
  return out;
}

// A text construct that may hold escaped HTML, reduced to one line.
std::string InlineText(const xmlNode* node) {
  if (node == nullptr) return "";
  std::string raw = RawText(node);
  if (raw.find('<') == std::string::npos && raw.find('&') == std::string::npos) {
    return CollapseSpaces(raw);
  }
  std::string out;
  for (const std::string& p : HtmlToParagraphs(raw)) {
    if (!out.empty()) out.push_back(' ');
    out += p;
  }
  return out;
}

std::string BodyText(const xmlNode* node, std::string_view type) {
  if (node == nullptr) return "";
  if (type == "xhtml") return JoinParagraphs(ExtractParagraphs(node, nullptr));
  if (type == "text") return NormalizeParagraphs(RawText(node));
  return JoinParagraphs(HtmlToParagraphs(RawText(node)));
}

void AddTag(std::string tag, schema::Article* a) {
  tag = CollapseSpaces(tag);
  if (tag.empty() || tag == a->category) return;
  for (const auto& t : a->tags) {
    if (t == tag) return;
  }
  if (a->category.empty()) {
    a->category = std::move(tag);
  } else {
    a->tags.push_back(std::move(tag));
  }
}

void FinishArticle(schema::Article a, std::string id, const xmlNode* node,
                   std::string_view file_name, ReadResult* result) {
  size_t line = NodeLine(node);
  if (a.title.empty() && a.body.empty()) {
    result->errors.push_back(
        ReadError{std::string(file_name), line, "feed item has neither title nor body"});
    return;
  }
  if (id.empty()) id = a.url;
  a.id = id.empty() ? ContentId(a.title, a.body) : SourceId(id);
  a.origin = Origin(file_name, line);
  result->articles.push_back(std::move(a));
}

void ReadRssItem(const xmlNode* item, const std::string& source, std::string_view file_name,
                 ReadResult* result) {
  schema::Article a;
  a.source = source;
  a.title = InlineText(Child(item, [](const xmlNode* n) { return IsRss(n, "title"); }));
  a.url = TrimSpace(RawText(Child(item, [](const xmlNode* n) { return IsRss(n, "link"); })));
  const xmlNode* guid = Child(item, [](const xmlNode* n) { return IsRss(n, "guid"); });
  std::string id = guid != nullptr ? TrimSpace(RawText(guid)) : "";
  if (a.url.empty() && guid != nullptr && AsciiLower(Attr(guid, "ispermalink")) != "false" &&
      id.find("://") != std::string::npos) {
    a.url = id;
  }
  const xmlNode* date = Child(item, [](const xmlNode* n) { return IsRss(n, "pubDate"); });
  if (date == nullptr)
    date = Child(item, [](const xmlNode* n) { return IsInNs(n, "date", kDcNs); });
  a.published = TrimSpace(RawText(date));
  const xmlNode* content =
      Child(item, [](const xmlNode* n) { return IsInNs(n, "encoded", kContentNs); });
  a.body = BodyText(content, "html");
  if (a.body.empty()) {
    a.body =
        BodyText(Child(item, [](const xmlNode* n) { return IsRss(n, "description"); }), "html");
  }
  for (const xmlNode* c : Children(item, [](const xmlNode* n) {
         return IsRss(n, "category") || IsInNs(n, "subject", kDcNs);
       })) {
    AddTag(RawText(c), &a);
  }
  FinishArticle(std::move(a), std::move(id), item, file_name, result);
}

void ReadAtomEntry(const xmlNode* entry, const std::string& source, std::string_view file_name,
                   ReadResult* result) {
  schema::Article a;
  a.source = source;
  a.title = InlineText(Child(entry, [](const xmlNode* n) { return IsAtom(n, "title"); }));
  for (const xmlNode* link : Children(entry, [](const xmlNode* n) { return IsAtom(n, "link"); })) {
    std::string rel = Attr(link, "rel");
    if (rel.empty() || rel == "alternate") {
      a.url = Attr(link, "href");
      break;
    }
  }
  std::string id =
      TrimSpace(RawText(Child(entry, [](const xmlNode* n) { return IsAtom(n, "id"); })));
  const xmlNode* date = Child(entry, [](const xmlNode* n) { return IsAtom(n, "published"); });
  if (date == nullptr) date = Child(entry, [](const xmlNode* n) { return IsAtom(n, "updated"); });
  a.published = TrimSpace(RawText(date));
  const xmlNode* body = Child(entry, [](const xmlNode* n) { return IsAtom(n, "content"); });
  if (body == nullptr || !Attr(body, "src").empty()) {
    body = Child(entry, [](const xmlNode* n) { return IsAtom(n, "summary"); });
  }
  std::string type = AsciiLower(Attr(body, "type"));
  a.body = BodyText(body, type.empty() ? "text" : type);
  for (const xmlNode* c : Children(entry, [](const xmlNode* n) { return IsAtom(n, "category"); })) {
    std::string term = Attr(c, "term");
    AddTag(term.empty() ? Attr(c, "label") : term, &a);
  }
  FinishArticle(std::move(a), std::move(id), entry, file_name, result);
}

struct FirstError {
  bool set = false;
  int line = 0;
  std::string message;
};

void OnXmlError(void* data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxtPtr>(data);
  if (ctxt == nullptr || error == nullptr || error->level < XML_ERR_ERROR) return;
  auto* first = static_cast<FirstError*>(ctxt->_private);
  if (first == nullptr || first->set) return;
  first->set = true;
  first->line = error->line;
  first->message = TrimSpace(error->message != nullptr ? error->message : "malformed XML");
}

struct ParserCtxtDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// The encoding named in the XML declaration, lower-cased; "" if none.
std::string DeclaredEncoding(std::string_view data) {
  std::string head = AsciiLower(data.substr(0, 256));
  if (head.rfind("<?xml", 0) != 0) return "";
  size_t end = head.find("?>");
  size_t pos = head.find("encoding");
  if (pos == std::string::npos || pos > end) return "";
  size_t quote = head.find_first_of("\"'", pos);
  if (quote == std::string::npos || quote > end) return "";
  size_t close = head.find(head[quote], quote + 1);
  if (close == std::string::npos) return "";
  return head.substr(quote + 1, close - quote - 1);
}

size_t FirstInvalidUtf8Line(std::string_view data) {
  size_t line = 1;
  for (size_t pos = 0; pos < data.size();) {
    size_t len;
    char32_t c = DecodeUtf8(data, pos, &len);
    if ((c == 0xFFFD && len == 1) || c == 0) return line;  // U+FFFD REPLACEMENT CHARACTER
    if (c == '\n') ++line;
    pos += len;
  }
  return 0;
}

}  // namespace

ReadResult ReadFeed(std::string_view data, std::string_view file_name) {
  ReadResult result;
  if (TrimSpace(SanitizeUtf8(data)).empty()) return result;
  if (data.size() > static_cast<size_t>(INT_MAX)) {
    result.errors.push_back(ReadError{std::string(file_name), 0, "feed too large"});
    return result;
  }
  std::string encoding = DeclaredEncoding(data);
  std::string bytes(data);
  FirstError first;
  if (encoding.empty() || encoding == "utf-8" || encoding == "utf8") {
    if (size_t bad = FirstInvalidUtf8Line(data); bad != 0) {
      first = FirstError{true, static_cast<int>(bad), "invalid UTF-8 or NUL byte"};
      bytes = SanitizeUtf8(data);
    }
  }

  std::unique_ptr<xmlParserCtxt, ParserCtxtDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    result.errors.push_back(ReadError{std::string(file_name), 0, "out of memory"});
    return result;
  }
  ctxt->_private = &first;
  ctxt->sax->serror = OnXmlError;
  int options = XML_PARSE_NONET | XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                  nullptr, options));
  if (first.set) {
    result.errors.push_back(ReadError{std::string(file_name),
                                      static_cast<size_t>(std::max(first.line, 0)),
                                      "malformed XML: " + first.message});
  }
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    if (!first.set) {
      result.errors.push_back(ReadError{std::string(file_name), 1, "no XML document found"});
    }
    return result;
  }

  std::string_view root_name = ElementName(root);
  if (root_name == "feed") {
    std::string source =
        InlineText(Child(root, [](const xmlNode* n) { return IsAtom(n, "title"); }));
    for (const xmlNode* e : Children(root, [](const xmlNode* n) { return IsAtom(n, "entry"); })) {
      ReadAtomEntry(e, source, file_name, &result);
    }
  } else if (root_name == "rss" || root_name == "RDF") {
    const xmlNode* channel = Child(root, [](const xmlNode* n) { return IsRss(n, "channel"); });
    std::string source;
    std::vector<const xmlNode*> items;
    if (channel != nullptr) {
      source = InlineText(Child(channel, [](const xmlNode* n) { return IsRss(n, "title"); }));
      items = Children(channel, [](const xmlNode* n) { return IsRss(n, "item"); });
    }
    for (const xmlNode* i : Children(root, [](const xmlNode* n) { return IsRss(n, "item"); })) {
      items.push_back(i);  // RSS 1.0 keeps items beside the channel
    }
    for (const xmlNode* i : items) ReadRssItem(i, source, file_name, &result);
  } else if (!first.set) {
    result.errors.push_back(
        ReadError{std::string(file_name), NodeLine(root),
                  "not an RSS or Atom feed (root element <" + std::string(root_name) + ">)"});
  }
  return result;
}

}  // namespace kavosh::readers
