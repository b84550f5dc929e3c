#include "searchd/feeds.h"

namespace kavosh::search {

namespace {

// A day of Tehran as an RFC 3339 time: midnight at +03:30 (Iran has kept standard time
// all year since 2023; older summer dates are off by an hour, which a feed reader ignores).
std::string DayTime(const std::string& gregorian) { return gregorian + "T00:00:00+03:30"; }

}  // namespace

std::string EscapeXml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    auto u = static_cast<unsigned char>(c);
    if (u < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string AtomFeed(const SearchResult& result, const FeedOptions& options) {
  std::string self = options.base_url + "/feed.atom" +
                     (options.query_string.empty() ? "" : "?" + options.query_string);
  std::string page = options.base_url + "/" +
                     (options.query_string.empty() ? "" : "?" + options.query_string);
  std::string updated = options.now_rfc3339;
  for (const Hit& h : result.hits) {
    if (!h.article.date.empty()) {
      updated = DayTime(h.article.date.gregorian);
      break;
    }
  }
  std::string title = result.query.empty() ? "کاوش: تازه‌ترین خبرها" : "کاوش: " + result.query;
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fa\">\n";
  xml += "  <title>" + EscapeXml(title) + "</title>\n";
  xml += "  <id>" + EscapeXml(self) + "</id>\n";
  xml += "  <updated>" + updated + "</updated>\n";
  xml += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"" + EscapeXml(self) + "\"/>\n";
  xml += "  <link rel=\"alternate\" type=\"text/html\" href=\"" + EscapeXml(page) + "\"/>\n";
  xml += "  <author><name>Kavosh</name></author>\n";
  xml += "  <generator>Kavosh</generator>\n";
  for (const Hit& h : result.hits) {
    const schema::Article& a = h.article;
    std::string link = a.url.empty() ? options.base_url + "/api/v1/documents/" + a.id : a.url;
    xml += "  <entry>\n";
    xml += "    <title>" + EscapeXml(a.title.empty() ? a.id : a.title) + "</title>\n";
    xml += "    <id>" + EscapeXml(a.url.empty() ? "urn:kavosh:" + a.id : a.url) + "</id>\n";
    xml += "    <link rel=\"alternate\" href=\"" + EscapeXml(link) + "\"/>\n";
    xml += "    <updated>" + (a.date.empty() ? updated : DayTime(a.date.gregorian)) + "</updated>\n";
    if (!a.source.empty()) xml += "    <author><name>" + EscapeXml(a.source) + "</name></author>\n";
    for (const std::string& t : a.types) xml += "    <category term=\"" + EscapeXml(t) + "\"/>\n";
    xml += "    <summary type=\"html\">" + EscapeXml(h.snippet_html) + "</summary>\n";
    xml += "  </entry>\n";
  }
  xml += "</feed>\n";
  return xml;
}

std::string OpenSearchDescription(std::string_view base_url) {
  std::string base = EscapeXml(base_url);
  std::string xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n";
  xml += "<OpenSearchDescription xmlns=\"http://a9.com/-/spec/opensearch/1.1/\">\n";
  xml += "  <ShortName>کاوش</ShortName>\n";
  xml += "  <Description>جستجوی اخبار استانی با کاوش</Description>\n";
  xml += "  <InputEncoding>UTF-8</InputEncoding>\n";
  xml += "  <Language>fa</Language>\n";
  xml += "  <Url type=\"text/html\" method=\"get\" template=\"" + base + "/?q={searchTerms}\"/>\n";
  xml += "  <Url type=\"application/atom+xml\" template=\"" + base + "/feed.atom?q={searchTerms}\"/>\n";
  xml += "  <Url type=\"application/x-suggestions+json\" template=\"" + base +
         "/api/v1/suggest?format=opensearch&amp;q={searchTerms}\"/>\n";
  xml += "</OpenSearchDescription>\n";
  return xml;
}

}  // namespace kavosh::search
