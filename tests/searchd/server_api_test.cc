// kavosh-searchd's HTTP API in process, through real HTTP with cpp-httplib's client:
// the documented answers of every endpoint (interfaces.md).
#include <gtest/gtest.h>
#include <httplib.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include "analyzers/analysis_json.h"
#include "analyzers/analyzer.h"
#include "tests/searchd/test_server.h"

namespace kavosh::search::test {
namespace {

void ExpectSearchShape(const json& j, const std::string& label) {
  ASSERT_TRUE(j.is_object()) << label;
  EXPECT_TRUE(j["query"].is_string()) << label;
  EXPECT_TRUE(j["total"].is_number_unsigned()) << label;
  EXPECT_TRUE(j["total_is_exact"].is_boolean()) << label;
  EXPECT_TRUE(j["page"].is_number_integer()) << label;
  EXPECT_TRUE(j["per_page"].is_number_integer()) << label;
  EXPECT_TRUE(j["took_ms"].is_number()) << label;
  ASSERT_TRUE(j.contains("did_you_mean")) << label;
  EXPECT_TRUE(j["did_you_mean"].is_null() || j["did_you_mean"].is_string()) << label;
  ASSERT_TRUE(j["hits"].is_array()) << label;
  for (const json& h : j["hits"]) {
    for (const char* s : {"id", "url", "title", "title_html", "snippet_html"}) {
      EXPECT_TRUE(h[s].is_string()) << label << " hit." << s << " = " << h[s].dump();
    }
    ASSERT_TRUE(h.contains("date")) << label;
    if (!h["date"].is_null()) {
      EXPECT_TRUE(h["date"]["gregorian"].is_string()) << label;
      EXPECT_TRUE(h["date"]["jalali"].is_string()) << label;
      EXPECT_TRUE(h["date"]["from"] == "text" || h["date"]["from"] == "published") << label;
    }
    for (const char* list : {"orgs", "types", "places"}) {
      ASSERT_TRUE(h[list].is_array()) << label << " hit." << list;
      for (const json& v : h[list]) EXPECT_TRUE(v.is_string()) << label;
    }
    EXPECT_TRUE(h["duplicates"].is_number_integer()) << label;
    EXPECT_TRUE(h["score"].is_number()) << label;
  }
  ASSERT_TRUE(j["facets"].is_object()) << label;
  for (const char* facet : {"org", "type", "place", "month"}) {
    ASSERT_TRUE(j["facets"][facet].is_array()) << label << " facets." << facet;
    for (const json& f : j["facets"][facet]) {
      EXPECT_TRUE(f["value"].is_string()) << label;
      EXPECT_TRUE(f["count"].is_number_unsigned()) << label;
      if (std::string(facet) == "type" || std::string(facet) == "month") {
        EXPECT_TRUE(f["label"].is_string()) << label << " " << f.dump();
      }
    }
  }
}

TEST_F(ServerTest, SearchAnswersInTheDocumentedShape) {
  json j = GetJson("/api/v1/search?q=" + Enc("جلسه شورای هماهنگی بانک‌ها") +
                   "&per_page=5");
  ExpectSearchShape(j, "search");
  EXPECT_EQ(j["query"], "جلسه شورای هماهنگی بانک‌ها");
  EXPECT_EQ(j["per_page"], 5);
  EXPECT_EQ(j["page"], 1);
  ASSERT_FALSE(j["hits"].empty());
  EXPECT_NE(j["hits"][0]["title_html"].get<std::string>().find("<mark>"), std::string::npos);
  // Filters through the API: repeated org is OR, org AND type.
  json orgs = GetJson("/api/v1/search?org=" + Enc("بانک ملی") + "&org=" + Enc("بانک سپه") +
                      "&per_page=100");
  ExpectSearchShape(orgs, "orgs");
  EXPECT_EQ(orgs["total"], 3);
  json both =
      GetJson("/api/v1/search?org=" + Enc("استانداری لرستان") + "&type=meeting&per_page=100");
  for (const json& h : both["hits"]) {
    EXPECT_NE(std::find(h["types"].begin(), h["types"].end(), "meeting"), h["types"].end())
        << h.dump();
  }
  // Dates, sort and Persian digits.
  json range = GetJson("/api/v1/search?from=" + Enc("۱۴۰۴/۰۱/۱۲") + "&to=2025-04-30&sort=oldest");
  ASSERT_EQ(range["hits"].size(), 3u) << range.dump();
  EXPECT_EQ(range["hits"][0]["date"]["gregorian"], "2025-04-05");
  EXPECT_EQ(range["hits"][2]["date"]["gregorian"], "2025-04-28");
  EXPECT_EQ(range["hits"][2]["duplicates"], 1);
  json page2 = GetJson("/api/v1/search?page=" + Enc("۲") + "&per_page=4");
  EXPECT_EQ(page2["page"], 2);
  EXPECT_EQ(page2["hits"].size(), 4u);
  // Undated article: date is null.
  json undated = GetJson("/api/v1/search?q=" + Enc("مدرسه‌ساز"));
  ASSERT_EQ(undated["hits"].size(), 1u);
  EXPECT_TRUE(undated["hits"][0]["date"].is_null());
  // did_you_mean as a string.
  json typo = GetJson("/api/v1/search?q=" + Enc("کابران"));
  EXPECT_EQ(typo["did_you_mean"], "کاربران");
}

TEST_F(ServerTest, Suggest) {
  json j = GetJson("/api/v1/suggest?q=" + Enc("شورای هماه"));
  ASSERT_TRUE(j["suggestions"].is_array());
  bool org = false;
  for (const json& s : j["suggestions"]) {
    EXPECT_TRUE(s["text"].is_string());
    EXPECT_TRUE(s["kind"] == "title" || s["kind"] == "term" || s["kind"] == "org") << s.dump();
    org =
        org || (s["kind"] == "org" &&
                s["text"] == "شورای هماهنگی بانک‌های استان لرستان");
  }
  EXPECT_TRUE(org) << j.dump();
  json limited = GetJson("/api/v1/suggest?q=" + Enc("ب") + "&limit=2");
  EXPECT_LE(limited["suggestions"].size(), 2u);
  json empty = GetJson("/api/v1/suggest?q=");
  EXPECT_TRUE(empty["suggestions"].empty());

  auto r = client_->Get("/api/v1/suggest?format=opensearch&q=" + Enc("زنبور"));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/x-suggestions+json", 0), 0u);
  json os = json::parse(r->body, nullptr, false);
  ASSERT_TRUE(os.is_array() && os.size() == 2u) << r->body;
  EXPECT_EQ(os[0], "زنبور");
  ASSERT_TRUE(os[1].is_array());
  EXPECT_NE(std::find(os[1].begin(), os[1].end(), "زنبورداری"), os[1].end()) << r->body;
}

TEST_F(ServerTest, Documents) {
  json doc = GetJson("/api/v1/documents/" + Enc(t::kCharity));  // "/" sent as %2F
  EXPECT_EQ(doc["id"], std::string(t::kCharity));
  EXPECT_EQ(doc["duplicates"], 0);
  EXPECT_TRUE(doc["body"].is_string());
  json raw = GetJson("/api/v1/documents/" + std::string(t::kCharity));  // "/" as is
  EXPECT_EQ(raw["id"], std::string(t::kCharity));
  json copy = GetJson("/api/v1/documents/" + std::string(t::kStoryA));
  EXPECT_EQ(copy["duplicates"], 1);
  ExpectErrorJson(client_->Get("/api/v1/documents/no-such-article"), 404, "not_found",
                  "unknown id");
  ExpectErrorJson(client_->Get("/api/v1/documents/" + Enc("kouhdasht/charity")), 404, "not_found",
                  "a prefix of an id");
}

TEST_F(ServerTest, AnalyzeEqualsTheAnalyzerJson) {
  analyzers::Analyzer analyzer;
  const std::string texts[] = {"بانک‌ها و بانک ها در ۱۴۰۴",
                               "رئيس‌جمهور مي‌شود", "a <b> & \"c\"", " "};
  for (const std::string& text : texts) {
    json expected = analyzers::AnalysisToJson(analyzer, text);
    json got = GetJson("/api/v1/analyze?text=" + Enc(text));
    EXPECT_EQ(got, expected) << "GET text <" << text << ">";
    auto post = client_->Post("/api/v1/analyze", text, "text/plain; charset=utf-8");
    ASSERT_TRUE(post) << text;
    EXPECT_EQ(post->status, 200) << text;
    EXPECT_EQ(json::parse(post->body, nullptr, false), expected) << "POST text <" << text << ">";
  }
  ExpectErrorJson(client_->Get("/api/v1/analyze"), 400, "bad_request", "analyze without text");
  ExpectErrorJson(client_->Post("/api/v1/analyze", std::string("\xff\xfe"), "text/plain"), 400,
                  "bad_request", "analyze POST invalid UTF-8");
  ExpectErrorJson(client_->Post("/api/v1/analyze", std::string(70 << 10, 'a'), "text/plain"), 413,
                  "payload_too_large", "analyze POST 70 KB");
  ExpectErrorJson(client_->Post("/api/v1/analyze", std::string(2 << 20, 'a'), "text/plain"), 413,
                  "payload_too_large", "analyze POST 2 MB");
}

TEST_F(ServerTest, HealthAndMetrics) {
  json h = GetJson("/api/v1/health");
  EXPECT_EQ(h["status"], "ok");
  EXPECT_EQ(h["documents"], t::Corpus().size());
  EXPECT_TRUE(h["revision"].is_number_unsigned());
  GetJson("/api/v1/search?q=" + Enc("بانک"));
  GetJson("/api/v1/search?page=0", 400);
  // A request is counted by the access logger, which runs after its response is sent
  // (and each request of this client is a new connection, on any worker): poll briefly.
  std::string m;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (true) {
    auto r = client_->Get("/metrics");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->get_header_value("Content-Type").rfind("text/plain", 0), 0u);
    m = r->body;
    if (m.find("route=\"search\",status=\"4xx\"") != std::string::npos) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_NE(m.find("# TYPE kavosh_requests_total counter"), std::string::npos) << m;
  EXPECT_NE(m.find("kavosh_requests_total{route=\"search\",status=\"2xx\"}"), std::string::npos)
      << m;
  EXPECT_NE(m.find("kavosh_requests_total{route=\"search\",status=\"4xx\"}"), std::string::npos)
      << m;
  EXPECT_NE(m.find("kavosh_documents " + std::to_string(t::Corpus().size()) + "\n"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("kavosh_request_duration_seconds_bucket{route=\"search\",le=\"+Inf\"}"),
            std::string::npos);
  // The facet column of the test database was read when the server opened it (once, or
  // again after a commit by another test of the suite).
  const std::string reads = "\nkavosh_facet_column_reads_total ";
  const size_t reads_at = m.find(reads);
  ASSERT_NE(reads_at, std::string::npos) << m;
  EXPECT_GE(std::atoi(m.c_str() + reads_at + reads.size()), 1) << m;
  EXPECT_NE(m.find("\nkavosh_facet_column_bytes "), std::string::npos) << m;
  EXPECT_EQ(m.find("\nkavosh_facet_column_bytes 0\n"), std::string::npos) << m;
  // Every non-comment line is "name{labels} value" or "name value".
  size_t start = 0;
  while (start < m.size()) {
    size_t end = m.find('\n', start);
    std::string line = m.substr(start, end - start);
    start = end == std::string::npos ? m.size() : end + 1;
    if (line.empty() || line[0] == '#') continue;
    size_t space = line.rfind(' ');
    ASSERT_NE(space, std::string::npos) << line;
    EXPECT_EQ(line.rfind("kavosh_", 0), 0u) << line;
    char* after = nullptr;
    std::strtod(line.c_str() + space + 1, &after);
    EXPECT_EQ(*after, '\0') << "not a number: " << line;
  }
}

const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }

// Parses XML with libxml2; nullptr (and a failure) when it is not well-formed.
xmlDocPtr ParseXml(const std::string& text, const std::string& label) {
  xmlDocPtr doc = xmlReadMemory(text.data(), static_cast<int>(text.size()), "feed.xml", "UTF-8",
                                XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  EXPECT_NE(doc, nullptr) << label << ": not well-formed XML:\n" << text.substr(0, 500);
  return doc;
}

std::string ChildText(xmlNodePtr node, const char* name) {
  for (xmlNodePtr c = node->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE && xmlStrcmp(c->name, X(name)) == 0) {
      xmlChar* s = xmlNodeGetContent(c);
      std::string out = s ? reinterpret_cast<const char*>(s) : "";
      xmlFree(s);
      return out;
    }
  }
  return "";
}

TEST_F(ServerTest, AtomFeedNewestFirst) {
  for (const std::string& query : {std::string(""), "q=" + Enc("بانک"), std::string("type=meeting"),
                                   "q=" + Enc("<script>&") + "&sort=relevance"}) {
    auto r = client_->Get("/feed.atom?" + query);
    ASSERT_TRUE(r) << query;
    EXPECT_EQ(r->status, 200) << query;
    EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/atom+xml", 0), 0u) << query;
    xmlDocPtr doc = ParseXml(r->body, "feed?" + query);
    if (doc == nullptr) continue;
    xmlNodePtr root = xmlDocGetRootElement(doc);
    ASSERT_NE(root, nullptr);
    EXPECT_STREQ(reinterpret_cast<const char*>(root->name), "feed");
    ASSERT_NE(root->ns, nullptr);
    EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), "http://www.w3.org/2005/Atom");
    EXPECT_FALSE(ChildText(root, "title").empty());
    EXPECT_FALSE(ChildText(root, "id").empty());
    EXPECT_FALSE(ChildText(root, "updated").empty());
    std::vector<std::string> ids, updated;
    for (xmlNodePtr c = root->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, X("entry")) != 0) continue;
      EXPECT_FALSE(ChildText(c, "title").empty()) << query;
      ids.push_back(ChildText(c, "id"));
      updated.push_back(ChildText(c, "updated"));
    }
    // The entries are the search's hits newest first (undated last); an entry's updated
    // is its article's day.
    std::string sorted = query.find("sort=") == std::string::npos ? "&sort=newest" : "";
    json hits =
        GetJson("/api/v1/search?per_page=30" + sorted + (query.empty() ? "" : "&" + query))["hits"];
    ASSERT_EQ(ids.size(), hits.size()) << query;
    if (query.empty()) {
      EXPECT_EQ(ids.size(), t::Corpus().size() - 1) << "every story";
    }
    std::string previous = "9999";
    for (size_t i = 0; i < ids.size(); ++i) {
      EXPECT_EQ(ids[i], hits[i]["url"]) << query << " entry " << i;
      if (hits[i]["date"].is_null() || sorted.empty()) continue;
      std::string day = hits[i]["date"]["gregorian"];
      EXPECT_EQ(updated[i].rfind(day + "T", 0), 0u)
          << query << " entry " << i << ": " << updated[i];
      EXPECT_LE(day, previous) << query << " entry " << i << " is newer than the one before";
      previous = day;
    }
    xmlFreeDoc(doc);
  }
  auto bad = client_->Get("/feed.atom?page=0");
  ExpectErrorJson(bad, 400, "bad_request", "feed with a bad page");
}

TEST_F(ServerTest, OpenSearchDescription) {
  auto r = client_->Get("/opensearch.xml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/opensearchdescription+xml", 0),
            0u);
  xmlDocPtr doc = ParseXml(r->body, "opensearch");
  ASSERT_NE(doc, nullptr);
  xmlNodePtr root = xmlDocGetRootElement(doc);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->name), "OpenSearchDescription");
  ASSERT_NE(root->ns, nullptr);
  EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href),
               "http://a9.com/-/spec/opensearch/1.1/");
  EXPECT_FALSE(ChildText(root, "ShortName").empty());
  int urls = 0;
  for (xmlNodePtr c = root->children; c != nullptr; c = c->next) {
    if (c->type != XML_ELEMENT_NODE || xmlStrcmp(c->name, X("Url")) != 0) continue;
    xmlChar* tmpl = xmlGetProp(c, X("template"));
    ASSERT_NE(tmpl, nullptr);
    std::string s = reinterpret_cast<const char*>(tmpl);
    xmlFree(tmpl);
    EXPECT_EQ(s.rfind(server_->base_url() + "/", 0), 0u) << s;
    EXPECT_NE(s.find("{searchTerms}"), std::string::npos) << s;
    ++urls;
  }
  EXPECT_GE(urls, 2);
  xmlFreeDoc(doc);
}

TEST_F(ServerTest, StaticFiles) {
  struct Row {
    std::string path;
    std::string type;
    std::string contains;
  };
  const Row rows[] = {
      {"/", "text/html", "demo"},
      {"/index.html", "text/html", "demo"},
      {"/sub/file.js", "text/javascript", "console.log"},
      {"/style.css", "text/css", "body"},
  };
  for (const Row& row : rows) {
    auto r = client_->Get(row.path);
    ASSERT_TRUE(r) << row.path;
    EXPECT_EQ(r->status, 200) << row.path;
    EXPECT_EQ(r->get_header_value("Content-Type").rfind(row.type, 0), 0u)
        << row.path << ": " << r->get_header_value("Content-Type");
    EXPECT_NE(r->body.find(row.contains), std::string::npos) << row.path;
    EXPECT_EQ(r->get_header_value("X-Content-Type-Options"), "nosniff") << row.path;
  }
  ExpectErrorJson(client_->Get("/missing.html"), 404, "not_found", "missing static file");
  ExpectErrorJson(client_->Get("/sub/"), 404, "not_found", "directory without index.html");
}

}  // namespace
}  // namespace kavosh::search::test
