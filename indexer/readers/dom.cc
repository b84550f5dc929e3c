#include "indexer/readers/dom.h"

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>

#include <cctype>
#include <climits>

#include "indexer/readers/text_util.h"

namespace kavosh::readers {

namespace {

const char* Chars(const xmlChar* s) { return reinterpret_cast<const char*>(s); }

// Elements whose content is never text a reader wants.
bool IsNonText(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "script",   "style", "noscript", "template", "iframe", "svg",    "canvas",
      "object",   "embed", "head",     "select",   "option", "button", "input",
      "textarea", "map",   "audio",    "video",    "math",
  };
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

}  // namespace

bool IsBlockElement(std::string_view name) {
  static constexpr std::string_view kNames[] = {
      "p",          "div",     "section",    "article", "main", "header",   "footer",
      "aside",      "nav",     "h1",         "h2",      "h3",   "h4",       "h5",
      "h6",         "ul",      "ol",         "li",      "dl",   "dt",       "dd",
      "blockquote", "pre",     "table",      "tr",      "td",   "th",       "tbody",
      "thead",      "figure",  "figcaption", "form",    "hr",   "br",       "address",
      "details",    "summary", "center",     "body",    "html", "fieldset", "caption",
  };
  for (std::string_view n : kNames) {
    if (name == n) return true;
  }
  return false;
}

namespace {

class ParagraphCollector {
 public:
  explicit ParagraphCollector(const std::function<bool(const xmlNode*)>& skip) : skip_(skip) {}

  void Walk(const xmlNode* node, int depth) {
    if (depth > kMaxTreeDepth) return;
    for (const xmlNode* n = node; n != nullptr; n = n->next) {
      switch (n->type) {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (n->content != nullptr) current_ += Chars(n->content);
          break;
        case XML_ELEMENT_NODE: {
          std::string_view name = ElementName(n);
          if (IsNonText(name) || (skip_ && skip_(n))) break;
          bool block = IsBlockElement(name);
          if (block) Flush();
          Walk(n->children, depth + 1);
          if (block) Flush();
          break;
        }
        default:  // comments, entity references, processing instructions
          break;
      }
    }
  }

  std::vector<std::string> Take() {
    Flush();
    return std::move(paragraphs_);
  }

 private:
  void Flush() {
    std::string p = CollapseSpaces(current_);
    if (!p.empty()) paragraphs_.push_back(std::move(p));
    current_.clear();
  }

  const std::function<bool(const xmlNode*)>& skip_;
  std::string current_;
  std::vector<std::string> paragraphs_;
};

void CollectText(const xmlNode* node, int depth, std::string* out) {
  if (depth > kMaxTreeDepth) return;
  for (const xmlNode* n = node; n != nullptr; n = n->next) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
      if (n->content != nullptr) out->append(Chars(n->content));
    } else if (n->type == XML_ELEMENT_NODE && !IsNonText(ElementName(n))) {
      if (IsBlockElement(ElementName(n))) out->push_back(' ');
      CollectText(n->children, depth + 1, out);
      if (IsBlockElement(ElementName(n))) out->push_back(' ');
    }
  }
}

void FindAllImpl(const xmlNode* node, int depth, const std::function<bool(const xmlNode*)>& pred,
                 std::vector<const xmlNode*>* out) {
  if (depth > kMaxTreeDepth) return;
  for (const xmlNode* n = node; n != nullptr; n = n->next) {
    if (n->type != XML_ELEMENT_NODE) continue;
    if (pred(n)) out->push_back(n);
    FindAllImpl(n->children, depth + 1, pred, out);
  }
}

}  // namespace

std::string SniffHtmlCharset(std::string_view data) {
  std::string head = AsciiLower(data.substr(0, 4096));
  size_t pos = 0;
  while ((pos = head.find("charset", pos)) != std::string::npos) {
    pos += 7;
    size_t p = pos;
    while (p < head.size() && (head[p] == ' ' || head[p] == '\t')) ++p;
    if (p >= head.size() || head[p] != '=') continue;
    ++p;
    while (p < head.size() && (head[p] == ' ' || head[p] == '"' || head[p] == '\'')) ++p;
    size_t end = p;
    while (end < head.size() &&
           (isalnum(static_cast<unsigned char>(head[end])) || head[end] == '-' ||
            head[end] == '_' || head[end] == ':' || head[end] == '.')) {
      ++end;
    }
    if (end > p) return head.substr(p, end - p);
  }
  return "";
}

XmlDocPtr ParseHtml(std::string_view data) {
  std::string charset = SniffHtmlCharset(data);
  bool utf8 = charset.empty() || charset == "utf-8" || charset == "utf8";
  if (!utf8) {
    xmlCharEncodingHandlerPtr handler = xmlFindCharEncodingHandler(charset.c_str());
    if (handler == nullptr) {
      utf8 = true;
    } else {
      xmlCharEncCloseFunc(handler);
    }
  }
  std::string bytes;
  if (utf8) {
    bytes = SanitizeUtf8(data);
    constexpr std::string_view kBom = "\xEF\xBB\xBF";  // U+FEFF BYTE ORDER MARK
    if (std::string_view(bytes).substr(0, kBom.size()) == kBom) bytes.erase(0, kBom.size());
  } else {
    bytes.assign(data);
    for (char& c : bytes) {
      if (c == '\0') c = ' ';
    }
  }
  if (bytes.empty() || bytes.size() > static_cast<size_t>(INT_MAX)) return nullptr;
  int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET |
                HTML_PARSE_IGNORE_ENC | HTML_PARSE_COMPACT;
  return XmlDocPtr(htmlReadMemory(bytes.data(), static_cast<int>(bytes.size()), nullptr,
                                  utf8 ? "UTF-8" : charset.c_str(), options));
}

std::string_view ElementName(const xmlNode* node) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE || node->name == nullptr) return "";
  return Chars(node->name);
}

bool IsElement(const xmlNode* node, std::string_view name) { return ElementName(node) == name; }

std::string Attr(const xmlNode* node, const char* name) {
  if (node == nullptr || node->type != XML_ELEMENT_NODE) return "";
  for (const xmlAttr* a = node->properties; a != nullptr; a = a->next) {
    if (a->name == nullptr || AsciiLower(Chars(a->name)) != name) continue;
    std::string value;
    for (const xmlNode* c = a->children; c != nullptr; c = c->next) {
      if (c->type == XML_TEXT_NODE && c->content != nullptr) value += Chars(c->content);
    }
    return TrimSpace(value);
  }
  return "";
}

const xmlNode* FindFirst(const xmlNode* root, std::string_view name) {
  std::vector<const xmlNode*> found;
  // FindAll does not stop early; documents are small enough for that not to matter.
  FindAllImpl(
      root, 0, [&](const xmlNode* n) { return found.empty() && ElementName(n) == name; }, &found);
  return found.empty() ? nullptr : found.front();
}

std::vector<const xmlNode*> FindAll(const xmlNode* root,
                                    const std::function<bool(const xmlNode*)>& pred) {
  std::vector<const xmlNode*> out;
  if (root == nullptr) return out;
  if (root->type == XML_ELEMENT_NODE && pred(root)) out.push_back(root);
  FindAllImpl(root->children, 1, pred, &out);
  return out;
}

std::string NodeText(const xmlNode* node) {
  if (node == nullptr) return "";
  std::string text;
  if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE) {
    if (node->content != nullptr) text = Chars(node->content);
  } else {
    CollectText(node->children, 1, &text);
  }
  return CollapseSpaces(text);
}

std::vector<std::string> ExtractParagraphs(const xmlNode* root,
                                           const std::function<bool(const xmlNode*)>& skip) {
  if (root == nullptr) return {};
  ParagraphCollector collector(skip);
  if (root->type == XML_ELEMENT_NODE || root->type == XML_DOCUMENT_NODE ||
      root->type == XML_HTML_DOCUMENT_NODE) {
    collector.Walk(root->children, 1);
  }
  return collector.Take();
}

std::vector<std::string> HtmlToParagraphs(std::string_view html) {
  if (html.find('<') == std::string_view::npos && html.find('&') == std::string_view::npos) {
    std::vector<std::string> out;
    std::string text = NormalizeParagraphs(SanitizeUtf8(html));
    size_t start = 0;
    while (start < text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      out.push_back(CollapseSpaces(std::string_view(text).substr(start, nl - start)));
      start = nl + 1;
    }
    return out;
  }
  XmlDocPtr doc = ParseHtml(html);
  if (!doc) return {};
  return ExtractParagraphs(reinterpret_cast<const xmlNode*>(doc.get()), nullptr);
}

size_t NodeLine(const xmlNode* node) {
  if (node == nullptr) return 1;
  long line = xmlGetLineNo(node);
  return line > 0 ? static_cast<size_t>(line) : 1;
}

}  // namespace kavosh::readers
