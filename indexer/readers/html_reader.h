// HTML reader: a saved web page, either one article page or a listing page with several
// items, parsed with libxml2's HTML parser (see dom.h for the encoding rules).
//
//   kavosh::readers::ReadResult r = kavosh::readers::ReadHtml(page_bytes, "saved/news.html");
//
// Boilerplate never read as text: nav, header, footer, aside, form, script, style (and
// similar), and elements whose class or id names a menu, sidebar, related list, comments,
// share buttons, footer, breadcrumb, widget, advert, tags or pagination. (Not applied to
// html, body, main and article, whose classes often mention such things.)
//
// Listing page: headings (h1-h6) holding a link, each in its own item block (the largest
// ancestor holding no other heading link). When at least two items have a lead, the items
// hold at least half the page's text and no single item holds most of it, every item with
// a lead is an article: title = heading text, url = link (resolved against <base>, the
// canonical link or og:url), body = the item's other text, published = <time datetime> or
// itemprop datePublished inside the item.
//
// Article page otherwise:
//  - title: og:title, else the first <h1>, else <title> without its site-name suffix
//    (StripSiteName);
//  - published (kept raw): meta article:published_time, itemprop datePublished, else the
//    first <time datetime>;
//  - url: <link rel=canonical>, else og:url; source: og:site_name; category:
//    article:section; tags: article:tag;
//  - body: the <article> element when there is one (the longest when several), else the
//    element with the most paragraph text (each <p> scores its parent fully and its
//    grandparent by half); paragraphs joined with '\n', a paragraph repeating the title
//    dropped.
// id = the url (SourceId) when it is absolute, else ContentId(title, body). origin = the line of
// the title's heading (or of the item). A page with text but no article is one ReadError.
#ifndef KAVOSH_INDEXER_READERS_HTML_READER_H_
#define KAVOSH_INDEXER_READERS_HTML_READER_H_

#include <string>
#include <string_view>

#include "indexer/readers/reader.h"

namespace kavosh::readers {

ReadResult ReadHtml(std::string_view data, std::string_view file_name);

// Resolves `href` against `base` ("https://host/dir/page"): absolute URLs are kept,
// "//host/x" takes the base's scheme, "/x" the base's origin, "x" the base's directory.
// Fragment-only and javascript: links give "".
std::string ResolveUrl(std::string_view base, std::string_view href);

// "Title | Site" -> "Title": drops the part after the last separator (" | ", " - ",
// " – ", " — ", " :: ") when it is shorter than the rest and at most 6 words.
std::string StripSiteName(std::string_view title);

}  // namespace kavosh::readers

#endif  // KAVOSH_INDEXER_READERS_HTML_READER_H_
