#include "indexer/readers/html_reader.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analyzers/normalizer.h"
#include "indexer/readers/dom.h"
#include "indexer/readers/text_util.h"

namespace kavosh::readers {

namespace {

bool IsHeading(const xmlNode* n) {
  std::string_view name = ElementName(n);
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

bool IsBoilerplateTag(std::string_view name) {
  return name == "nav" || name == "header" || name == "footer" || name == "aside" || name == "form";
}

// True if a class or id token names page furniture rather than content.
bool IsBoilerplateToken(std::string_view token) {
  static constexpr std::string_view kExact[] = {
      "nav",       "navbar",     "navigation", "ad",       "ads",    "tag",       "tags",
      "pager",     "pagination", "toolbar",    "popup",    "cookie", "cookies",   "newsletter",
      "subscribe", "login",      "header",     "masthead", "topbar", "copyright",
  };
  static constexpr std::string_view kPrefixes[] = {
      "menu",   "sidebar",    "related", "comment", "share",  "sharing", "social",
      "footer", "breadcrumb", "advert",  "widget",  "banner", "sidenav",
  };
  for (std::string_view e : kExact) {
    if (token == e) return true;
  }
  for (std::string_view p : kPrefixes) {
    if (token.substr(0, p.size()) == p) return true;
  }
  return false;
}

bool ClassSuggestsBoilerplate(const xmlNode* n) {
  std::string_view name = ElementName(n);
  if (name == "html" || name == "body" || name == "main" || name == "article") return false;
  for (const char* attr : {"class", "id", "role"}) {
    std::string value = AsciiLower(Attr(n, attr));
    if (std::string_view(attr) == "role") {
      if (value == "navigation" || value == "banner" || value == "contentinfo" ||
          value == "complementary" || value == "search") {
        return true;
      }
      continue;
    }
    size_t start = 0;
    for (size_t i = 0; i <= value.size(); ++i) {
      bool alnum = i < value.size() && isalnum(static_cast<unsigned char>(value[i]));
      if (alnum) continue;
      if (i > start && IsBoilerplateToken(std::string_view(value).substr(start, i - start))) {
        return true;
      }
      start = i + 1;
    }
  }
  return false;
}

bool IsBoilerplate(const xmlNode* n) {
  return IsBoilerplateTag(ElementName(n)) || ClassSuggestsBoilerplate(n);
}

bool InBoilerplate(const xmlNode* n) {
  for (int depth = 0; n != nullptr && n->type == XML_ELEMENT_NODE && depth <= kMaxTreeDepth;
       n = n->parent, ++depth) {
    if (IsBoilerplate(n)) return true;
  }
  return false;
}

size_t TextLength(const std::vector<std::string>& paragraphs) {
  size_t n = 0;
  for (const auto& p : paragraphs) n += analyzers::CountCodePoints(p);
  return n;
}

struct PageMeta {
  std::string og_title;
  std::string og_url;
  std::string site_name;
  std::string published;
  std::string section;
  std::vector<std::string> tags;
  std::string canonical;
  std::string base;
  std::string title_tag;
};

// The date an element carries: datetime or content attribute, else its text.
std::string DateOf(const xmlNode* n) {
  std::string value = Attr(n, "datetime");
  if (value.empty()) value = Attr(n, "content");
  if (value.empty()) value = NodeText(n);
  return value;
}

PageMeta ReadMeta(const xmlNode* root) {
  PageMeta meta;
  std::string itemprop_date;
  for (const xmlNode* n : FindAll(root, [](const xmlNode* e) {
         std::string_view name = ElementName(e);
         return name == "meta" || name == "link" || name == "base" || name == "title" ||
                !Attr(e, "itemprop").empty();
       })) {
    std::string_view name = ElementName(n);
    if (AsciiLower(Attr(n, "itemprop")) == "datepublished" && itemprop_date.empty()) {
      itemprop_date = DateOf(n);
    }
    if (name == "meta") {
      std::string key = AsciiLower(Attr(n, "property"));
      if (key.empty()) key = AsciiLower(Attr(n, "name"));
      std::string content = CollapseSpaces(Attr(n, "content"));
      if (content.empty()) continue;
      if (key == "og:title" && meta.og_title.empty()) meta.og_title = content;
      if (key == "og:url" && meta.og_url.empty()) meta.og_url = content;
      if (key == "og:site_name" && meta.site_name.empty()) meta.site_name = content;
      if (key == "article:published_time" && meta.published.empty()) meta.published = content;
      if (key == "article:section" && meta.section.empty()) meta.section = content;
      if (key == "article:tag" &&
          std::find(meta.tags.begin(), meta.tags.end(), content) == meta.tags.end()) {
        meta.tags.push_back(content);
      }
    } else if (name == "link") {
      std::string rel = AsciiLower(Attr(n, "rel"));
      if (rel.find("canonical") != std::string::npos && meta.canonical.empty()) {
        meta.canonical = Attr(n, "href");
      }
    } else if (name == "base" && meta.base.empty()) {
      meta.base = Attr(n, "href");
    } else if (name == "title" && meta.title_tag.empty()) {
      meta.title_tag = NodeText(n);
    }
  }
  if (meta.published.empty()) meta.published = itemprop_date;
  return meta;
}

const xmlNode* LinkOf(const xmlNode* heading) {
  for (const xmlNode* a : FindAll(heading, [](const xmlNode* e) {
         return IsElement(e, "a") && !Attr(e, "href").empty();
       })) {
    return a;
  }
  for (const xmlNode* p = heading->parent; p != nullptr && p->type == XML_ELEMENT_NODE;
       p = p->parent) {
    if (IsElement(p, "a") && !Attr(p, "href").empty()) return p;
    if (IsBlockElement(ElementName(p))) break;
  }
  return nullptr;
}

// A date shown in an item (<time>, itemprop datePublished, class "date"): not lead text.
bool IsDateElement(const xmlNode* n) {
  if (IsElement(n, "time")) return true;
  std::string itemprop = AsciiLower(Attr(n, "itemprop"));
  if (itemprop == "datepublished" || itemprop == "datemodified") return true;
  std::string cls = AsciiLower(Attr(n, "class"));
  size_t start = 0;
  for (size_t i = 0; i <= cls.size(); ++i) {
    if (i < cls.size() && isalnum(static_cast<unsigned char>(cls[i]))) continue;
    std::string_view token = std::string_view(cls).substr(start, i - start);
    if (token == "date" || token == "time") return true;
    start = i + 1;
  }
  return false;
}

struct ListItem {
  const xmlNode* heading;
  const xmlNode* link;
  const xmlNode* container;
  std::vector<std::string> lead;
  size_t text_length = 0;
};

std::vector<ListItem> FindListItems(const xmlNode* body) {
  std::vector<ListItem> items;
  std::unordered_map<const xmlNode*, int> counts;
  for (const xmlNode* h : FindAll(body, IsHeading)) {
    if (InBoilerplate(h)) continue;
    const xmlNode* link = LinkOf(h);
    if (link == nullptr) continue;
    items.push_back(ListItem{h, link, h, {}, 0});
    for (const xmlNode* p = h->parent; p != nullptr && p->type == XML_ELEMENT_NODE; p = p->parent) {
      ++counts[p];
    }
  }
  for (ListItem& item : items) {
    const xmlNode* c = item.heading;
    while (c->parent != nullptr && c->parent != body && c->parent->type == XML_ELEMENT_NODE &&
           counts[c->parent] == 1) {
      c = c->parent;
    }
    item.container = c;
    const xmlNode* heading = item.heading;
    item.lead = ExtractParagraphs(c, [heading](const xmlNode* n) {
      return n == heading || IsDateElement(n) || IsBoilerplate(n);
    });
    item.text_length = TextLength(item.lead) + analyzers::CountCodePoints(NodeText(heading));
  }
  return items;
}

bool LooksLikeListing(const std::vector<ListItem>& items, size_t page_length) {
  size_t with_lead = 0;
  size_t total = 0;
  size_t largest = 0;
  for (const ListItem& item : items) {
    if (item.lead.empty()) continue;
    ++with_lead;
    total += item.text_length;
    largest = std::max(largest, item.text_length);
  }
  return with_lead >= 2 && total * 2 >= page_length && largest * 10 <= total * 7;
}

std::string ItemDate(const xmlNode* container) {
  for (const xmlNode* n : FindAll(container, [](const xmlNode* e) {
         return (IsElement(e, "time") && !Attr(e, "datetime").empty()) ||
                AsciiLower(Attr(e, "itemprop")) == "datepublished";
       })) {
    return DateOf(n);
  }
  return "";
}

const xmlNode* MainContent(const xmlNode* body) {
  const xmlNode* best = nullptr;
  size_t best_length = 0;
  for (const xmlNode* a : FindAll(body, [](const xmlNode* e) { return IsElement(e, "article"); })) {
    if (InBoilerplate(a)) continue;
    size_t length = TextLength(ExtractParagraphs(a, IsBoilerplate));
    if (length > best_length) best = a, best_length = length;
  }
  if (best != nullptr) return best;

  std::map<const xmlNode*, double> scores;
  for (const xmlNode* p : FindAll(body, [](const xmlNode* e) { return IsElement(e, "p"); })) {
    if (InBoilerplate(p)) continue;
    double length = static_cast<double>(analyzers::CountCodePoints(NodeText(p)));
    if (length == 0 || p->parent == nullptr || p->parent->type != XML_ELEMENT_NODE) continue;
    scores[p->parent] += length;
    const xmlNode* grand = p->parent->parent;
    if (grand != nullptr && grand->type == XML_ELEMENT_NODE) scores[grand] += length / 2;
  }
  double best_score = 0;
  for (const auto& [node, score] : scores) {
    if (score > best_score) best = node, best_score = score;
  }
  return best != nullptr ? best : body;
}

// Only an absolute URL identifies an article across sites; a relative one is just a link.
bool IsAbsoluteUrl(std::string_view url) { return url.find("://") != std::string_view::npos; }

std::string BaseUrl(const PageMeta& meta) {
  std::string page_url = meta.canonical.empty() ? meta.og_url : meta.canonical;
  if (!meta.base.empty()) return ResolveUrl(page_url, meta.base);
  return page_url;
}

}  // namespace

ReadResult ReadHtml(std::string_view data, std::string_view file_name) {
  ReadResult result;
  if (TrimSpace(SanitizeUtf8(data)).empty()) return result;
  XmlDocPtr doc = ParseHtml(data);
  const xmlNode* root = doc ? xmlDocGetRootElement(doc.get()) : nullptr;
  if (root == nullptr) {
    result.errors.push_back(ReadError{std::string(file_name), 1, "no HTML document found"});
    return result;
  }
  const xmlNode* body = FindFirst(root, "body");
  if (body == nullptr) body = root;
  PageMeta meta = ReadMeta(root);
  std::string base = BaseUrl(meta);
  size_t page_length = TextLength(ExtractParagraphs(body, IsBoilerplate));

  std::vector<ListItem> items = FindListItems(body);
  if (LooksLikeListing(items, page_length)) {
    for (const ListItem& item : items) {
      if (item.lead.empty()) continue;
      schema::Article a;
      a.title = NodeText(item.heading);
      a.body = JoinParagraphs(item.lead);
      a.url = ResolveUrl(base, Attr(item.link, "href"));
      a.published = ItemDate(item.container);
      a.source = meta.site_name;
      a.id = IsAbsoluteUrl(a.url) ? SourceId(a.url) : ContentId(a.title, a.body);
      a.origin = Origin(file_name, NodeLine(item.heading));
      result.articles.push_back(std::move(a));
    }
    return result;
  }

  schema::Article a;
  const xmlNode* h1 = nullptr;
  for (const xmlNode* h : FindAll(body, [](const xmlNode* e) { return IsElement(e, "h1"); })) {
    if (!InBoilerplate(h) && !NodeText(h).empty()) {
      h1 = h;
      break;
    }
  }
  if (!meta.og_title.empty()) {
    a.title = meta.og_title;
  } else if (h1 != nullptr) {
    a.title = NodeText(h1);
  } else {
    a.title = StripSiteName(meta.title_tag);
  }
  const xmlNode* main = MainContent(body);
  std::string title_key = analyzers::NormalizeKey(a.title);
  std::vector<std::string> paragraphs;
  for (std::string& p : ExtractParagraphs(main, IsBoilerplate)) {
    if (!title_key.empty() && analyzers::NormalizeKey(p) == title_key) continue;
    if (h1 != nullptr && p == NodeText(h1)) continue;
    paragraphs.push_back(std::move(p));
  }
  a.body = JoinParagraphs(paragraphs);
  if (a.title.empty() && a.body.empty()) {
    result.errors.push_back(ReadError{std::string(file_name), 1, "no article found in the page"});
    return result;
  }
  a.published = meta.published;
  if (a.published.empty()) a.published = ItemDate(main);
  if (a.published.empty()) a.published = ItemDate(body);
  a.url = meta.canonical.empty() ? meta.og_url : meta.canonical;
  if (!a.url.empty()) a.url = ResolveUrl(base, a.url);
  a.source = meta.site_name;
  a.category = meta.section;
  a.tags = meta.tags;
  a.id = IsAbsoluteUrl(a.url) ? SourceId(a.url) : ContentId(a.title, a.body);
  a.origin = Origin(file_name, NodeLine(h1 != nullptr ? h1 : main));
  result.articles.push_back(std::move(a));
  return result;
}

std::string ResolveUrl(std::string_view base, std::string_view href) {
  std::string h = TrimSpace(href);
  if (h.empty() || h[0] == '#') return "";
  std::string lower = AsciiLower(h.substr(0, 11));
  if (lower.rfind("javascript:", 0) == 0 || lower.rfind("mailto:", 0) == 0) return "";
  size_t colon = h.find(':');
  size_t first_special = h.find_first_of("/?#");
  if (colon != std::string::npos && (first_special == std::string::npos || colon < first_special)) {
    return h;  // has a scheme
  }
  std::string b = TrimSpace(base);
  size_t scheme_end = b.find("://");
  if (scheme_end == std::string::npos) return h;  // nothing to resolve against
  if (h.rfind("//", 0) == 0) {
    std::string out = b.substr(0, scheme_end + 1);
    out += h;
    return out;
  }
  size_t path_start = b.find('/', scheme_end + 3);
  std::string origin = path_start == std::string::npos ? b : b.substr(0, path_start);
  std::string out = origin;
  if (h[0] != '/') {
    std::string path = path_start == std::string::npos ? "/" : b.substr(path_start);
    path.resize(std::min(path.size(), path.find_first_of("?#")));
    path.resize(path.rfind('/') + 1);
    out.append(path.empty() ? "/" : path);
  }
  out.append(h);
  return out;
}

std::string StripSiteName(std::string_view title) {
  std::string t = CollapseSpaces(title);
  static constexpr std::string_view kSeparators[] = {
      " | ",
      " - ",
      " \xE2\x80\x93 ",  // U+2013 EN DASH
      " \xE2\x80\x94 ",  // U+2014 EM DASH
      " :: ",
  };
  size_t last = std::string::npos;
  size_t last_len = 0;
  for (std::string_view sep : kSeparators) {
    size_t pos = t.rfind(sep);
    if (pos != std::string::npos && (last == std::string::npos || pos > last)) {
      last = pos, last_len = sep.size();
    }
  }
  if (last == std::string::npos) return t;
  std::string head = TrimSpace(std::string_view(t).substr(0, last));
  std::string tail = TrimSpace(std::string_view(t).substr(last + last_len));
  if (CountWords(tail) < CountWords(head) && CountWords(tail) <= 6) return head;
  return t;
}

}  // namespace kavosh::readers
