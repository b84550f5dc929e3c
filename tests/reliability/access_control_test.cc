// The access-control review of kavosh-searchd as tests (docs/reliability.md): only
// read-only endpoints, CORS only for the configured origins, no file served from outside
// the web root (symlinks included) and none from the database directory.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <iostream>
#include <sstream>
#include <string>

#include "tests/reliability/reliability_util.h"

namespace kavosh::reliability {
namespace {

const char* kRoutes[] = {"/api/v1/search?q=a",
                         "/api/v1/suggest?q=a",
                         "/api/v1/documents/x",
                         "/api/v1/analyze?text=a",
                         "/api/v1/health",
                         "/metrics",
                         "/feed.atom?q=a",
                         "/opensearch.xml",
                         "/",
                         "/index.html",
                         "/api/v1/admin",
                         "/api/v1/documents"};

TEST(AccessControlTest, OnlyReadMethodsAreServed) {
  ReliabilityServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  for (const char* route : kRoutes) {
    for (const char* method :
         {"POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND", "MKCOL"}) {
      bool analyze_post =
          std::string(method) == "POST" && std::string(route).rfind("/api/v1/analyze", 0) == 0;
      RawResponse r =
          server.Raw(std::string(method) + " " + route +
                     " HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nConnection: close\r\n\r\nx");
      if (analyze_post) {
        EXPECT_EQ(r.status, 200) << method << " " << route;
        continue;
      }
      // 405 from the server's method check; cpp-httplib itself answers 400 to methods it
      // does not know (PROPFIND, MKCOL).
      EXPECT_TRUE(r.status == 405 || r.status == 400)
          << method << " " << route << " -> " << r.bytes.substr(0, 200);
    }
    for (const char* method : {"GET", "HEAD", "OPTIONS"}) {
      RawResponse r = server.Raw(std::string(method) + " " + route +
                                 " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      EXPECT_NE(r.status, 405) << method << " " << route;
      EXPECT_NE(r.status, 0) << method << " " << route;
    }
  }
  // The database is unchanged by all of that.
  auto r = server.Client()->Get("/api/v1/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
}

std::string AllowOrigin(const ReliabilityServer& server, const std::string& method,
                        const std::string& origin) {
  httplib::Headers headers = {{"Origin", origin}};
  auto client = server.Client();
  httplib::Result r = method == "OPTIONS" ? client->Options("/api/v1/search?q=a", headers)
                                          : client->Get("/api/v1/search?q=a", headers);
  if (!r) return "<no response>";
  return r->has_header("Access-Control-Allow-Origin")
             ? r->get_header_value("Access-Control-Allow-Origin")
             : "<none>";
}

TEST(AccessControlTest, CorsOnlyForConfiguredOrigins) {
  ReliabilityServer server([](search::ServerOptions* o) {
    o->allowed_origins = {"https://news.example.ir", "http://localhost:3000"};
  });
  ASSERT_TRUE(server.ok()) << server.error();
  for (const char* method : {"GET", "OPTIONS"}) {
    SCOPED_TRACE(method);
    EXPECT_EQ(AllowOrigin(server, method, "https://news.example.ir"), "https://news.example.ir");
    EXPECT_EQ(AllowOrigin(server, method, "http://localhost:3000"), "http://localhost:3000");
    for (const char* other : {"https://evil.example", "https://news.example.ir.evil.example",
                              "https://evil-news.example.ir", "http://news.example.ir",
                              "https://news.example.ir:444", "null", "*", "HTTPS://NEWS.EXAMPLE.IR",
                              "https://news.example.ir/", "http://localhost:3001"}) {
      EXPECT_EQ(AllowOrigin(server, method, other), "<none>") << other;
    }
  }
  // A listed origin's answer varies by Origin, so caches keep them apart.
  auto r = server.Client()->Get("/api/v1/search?q=a", {{"Origin", "https://news.example.ir"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->get_header_value("Vary"), "Origin");
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Credentials"));
  // Without an Origin header no CORS header is sent.
  r = server.Client()->Get("/api/v1/search?q=a");
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Origin"));
}

TEST(AccessControlTest, NoCorsWithoutAllowOrigin) {
  ReliabilityServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  for (const char* method : {"GET", "OPTIONS"}) {
    EXPECT_EQ(AllowOrigin(server, method, "https://news.example.ir"), "<none>") << method;
    EXPECT_EQ(AllowOrigin(server, method, "null"), "<none>") << method;
  }
}

TEST(AccessControlTest, WildcardOriginAllowsAnyWithoutCredentials) {
  ReliabilityServer server([](search::ServerOptions* o) { o->allowed_origins = {"*"}; });
  ASSERT_TRUE(server.ok()) << server.error();
  EXPECT_EQ(AllowOrigin(server, "GET", "https://anything.example"), "*");
  auto r = server.Client()->Get("/api/v1/search?q=a", {{"Origin", "https://anything.example"}});
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->has_header("Access-Control-Allow-Credentials"));
}

TEST(AccessControlTest, NoFileOutsideTheWebRootIsServed) {
  ReliabilityServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  // Symlinks out of the root: a file, a directory, /etc/passwd and the database.
  for (const char* path :
       {"/outside-link.txt", "/outside-dir-link/passwd", "/outside-dir-link/", "/passwd-link",
        "/db-link/iamglass", "/db-link/postlist.glass", "/db-link/"}) {
    auto r = client->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
    EXPECT_EQ(r->body.find("OUTSIDE-SECRET"), std::string::npos) << path;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << path;
  }
  // Hidden files are refused even inside the root.
  auto hidden = client->Get("/.env");
  ASSERT_TRUE(hidden);
  EXPECT_EQ(hidden->status, 400);
  // A symlink that stays inside the root is an ordinary file.
  auto inside = client->Get("/inside-link.js");
  ASSERT_TRUE(inside);
  EXPECT_EQ(inside->status, 200);
  EXPECT_EQ(inside->body, "console.log('kavosh');");
  // A symlink swapped in while serving (file replaced by a link out) is refused too.
  std::filesystem::remove(server.dir().Path("web/sub/app.js"));
  std::filesystem::create_symlink(server.dir().Path("outside.txt"),
                                  server.dir().Path("web/sub/app.js"));
  auto swapped = client->Get("/sub/app.js");
  ASSERT_TRUE(swapped);
  EXPECT_EQ(swapped->status, 404);
  EXPECT_EQ(swapped->body.find("OUTSIDE-SECRET"), std::string::npos);
}

TEST(AccessControlTest, WebRootThatIsASymlinkStillConfinesFiles) {
  TempDir dir;
  std::filesystem::create_directories(dir.Path("real-web"));
  WriteFile(dir.Path("real-web/index.html"), "<p>ok</p>");
  WriteFile(dir.Path("secret.txt"), "OUTSIDE-SECRET");
  std::filesystem::create_directory_symlink(dir.Path("real-web"), dir.Path("web-link"));
  std::filesystem::create_symlink(dir.Path("secret.txt"), dir.Path("real-web/s.txt"));
  ReliabilityServer server(
      [&dir](search::ServerOptions* o) { o->web_root = dir.Path("web-link"); });
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  auto index = client->Get("/");
  ASSERT_TRUE(index);
  EXPECT_EQ(index->status, 200);
  auto secret = client->Get("/s.txt");
  ASSERT_TRUE(secret);
  EXPECT_EQ(secret->status, 404);
}

TEST(AccessControlTest, WithoutAWebRootNoFileIsServed) {
  ReliabilityServer server([](search::ServerOptions* o) { o->web_root.clear(); });
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  for (const char* path : {"/", "/index.html", "/etc/passwd", "/db/iamglass"}) {
    auto r = client->Get(path);
    ASSERT_TRUE(r) << path;
    EXPECT_EQ(r->status, 404) << path;
  }
}

TEST(AccessControlTest, DocumentIdsNeverReachTheFileSystem) {
  ReliabilityServer server;
  ASSERT_TRUE(server.ok()) << server.error();
  auto client = server.Client();
  for (const char* id : {"..%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "..", "iamglass",
                         "..%2Fdb%2Fiamglass", "%00"}) {
    auto r = client->Get(std::string("/api/v1/documents/") + id);
    ASSERT_TRUE(r) << id;
    EXPECT_TRUE(r->status == 404 || r->status == 400) << id << " -> " << r->status;
    EXPECT_EQ(r->body.find("root:"), std::string::npos) << id;
  }
}

TEST(AccessControlTest, AccessLogLinesCannotBeForged) {
  // The access log is one line per request: a decoded CR or LF in the path must not
  // start a line of the client's choosing.
  std::stringstream captured;
  std::streambuf* saved = std::cerr.rdbuf(captured.rdbuf());
  {
    ReliabilityServer server([](search::ServerOptions* o) { o->access_log = true; });
    if (server.ok()) {
      for (const char* target :
           {"/api/v1/documents/a%0Aforged%20GET%20/admin%20200",
            "/x%0D%0Aforged%20GET%20/admin%20200", "/x%0Bforged", "/x%1B[31mred"}) {
        server.Raw(std::string("GET ") + target +
                   " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
      }
    }
  }  // the server's threads have finished writing
  std::cerr.rdbuf(saved);
  std::string log = captured.str();
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_NE(line.rfind("forged", 0), 0u) << "forged log line: " << line;
    for (char c : line) {
      EXPECT_FALSE(static_cast<unsigned char>(c) < 0x20 && c != '\t')
          << "control character in: " << line;
    }
  }
  EXPECT_NE(log.find("/admin"), std::string::npos) << "the requests were not logged:\n" << log;
}

}  // namespace
}  // namespace kavosh::reliability
