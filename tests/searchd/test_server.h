// The in-process server of the HTTP tests: a Server over its own copy of the corpus and a
// web root (with a hidden file and symlinks leading outside it), on an ephemeral port,
// serving on a thread; plus helpers to check JSON answers.
#ifndef KAVOSH_TESTS_SEARCHD_TEST_SERVER_H_
#define KAVOSH_TESTS_SEARCHD_TEST_SERVER_H_

#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "searchd/server.h"
#include "tests/net_util.h"
#include "tests/searchd/corpus.h"

namespace kavosh::search::test {

namespace t = kavosh::testing;
using nlohmann::json;
using t::TempDir;

// Percent-encoded (tests/net_util.h), so the test controls the wire.
inline std::string Enc(std::string_view s) { return t::PercentEncode(s); }

// A server over its own database and web root, serving on a thread until destroyed.
class TestServer {
 public:
  // `customize` may change the options before the server is created.
  explicit TestServer(const std::vector<json>& corpus,
                      const std::function<void(ServerOptions*)>& customize = {}) {
    std::string error;
    built_ = t::BuildCorpusDb(db_path(), corpus, &error);
    if (!built_) {
      error_ = "corpus: " + error;
      return;
    }
    std::filesystem::create_directories(dir_.Path("web/sub"));
    t::WriteFile(dir_.Path("web/index.html"), "<!doctype html><title>کاوش</title><p>demo</p>");
    t::WriteFile(dir_.Path("web/sub/file.js"), "console.log('kavosh');");
    t::WriteFile(dir_.Path("web/style.css"), "body{}");
    t::WriteFile(dir_.Path("web/.hidden"), "HIDDEN-FILE-CONTENTS");
    t::WriteFile(dir_.Path("outside-secret.txt"), "TOP-SECRET-CONTENTS");
    std::filesystem::create_directories(dir_.Path("outside-dir"));
    t::WriteFile(dir_.Path("outside-dir/secret.txt"), "TOP-SECRET-CONTENTS");
    std::filesystem::create_symlink(dir_.Path("outside-secret.txt"), dir_.Path("web/link.txt"));
    std::filesystem::create_directory_symlink(dir_.Path("outside-dir"), dir_.Path("web/linkdir"));

    ServerOptions o;
    o.db_path = db_path();
    o.web_root = dir_.Path("web");
    o.allowed_origins = {"http://allowed.test"};
    o.threads = 4;
    o.access_log = false;
    o.refresh = std::chrono::milliseconds(100);
    if (customize) customize(&o);
    server_ = Server::Create(o, &error);
    if (!server_) {
      error_ = "create: " + error;
      return;
    }
    port_ = server_->Bind("127.0.0.1", 0);
    if (port_ <= 0) {
      error_ = "bind failed";
      return;
    }
    thread_ = std::thread([this] { served_ = server_->Serve(); });
    // Serve() may not have started; Stop() before it would be lost. Wait for an answer.
    httplib::Client c("127.0.0.1", port_);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (std::chrono::steady_clock::now() < deadline) {
      if (auto r = c.Get("/api/v1/health"); r && r->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    error_ = "the server did not answer within 10 s";
  }
  ~TestServer() {
    if (thread_.joinable()) {
      server_->Stop();
      thread_.join();
    }
  }

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  std::string db_path() const { return dir_.Path("db"); }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  std::unique_ptr<httplib::Client> Client() const {
    auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
    c->set_url_encode(false);
    c->set_read_timeout(10, 0);
    return c;
  }

 private:
  TempDir dir_;
  bool built_ = false;
  std::string error_;
  std::unique_ptr<Server> server_;
  int port_ = -1;
  std::thread thread_;
  std::atomic<bool> served_{false};
};

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { server_ = new TestServer(t::Corpus()); }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(server_->ok()) << server_->error();
    client_ = server_->Client();
  }

  // GET, expecting `status` and a JSON body.
  json GetJson(const std::string& path, int status = 200) {
    auto r = client_->Get(path);
    if (!r) {
      ADD_FAILURE() << path << ": no response: " << httplib::to_string(r.error());
      return json();
    }
    EXPECT_EQ(r->status, status) << path << "\n" << r->body.substr(0, 500);
    EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u) << path;
    json j = json::parse(r->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": not JSON: " << r->body.substr(0, 200);
    return j;
  }

  static inline TestServer* server_ = nullptr;
  std::unique_ptr<httplib::Client> client_;
};

// {"error":{"code":…,"message":…}}, nothing else, never HTML.
inline void ExpectErrorJson(const httplib::Result& r, int status, const std::string& code,
                            const std::string& label) {
  ASSERT_TRUE(r) << label << ": no response: " << httplib::to_string(r.error());
  EXPECT_EQ(r->status, status) << label << "\n" << r->body.substr(0, 300);
  EXPECT_EQ(r->get_header_value("Content-Type").rfind("application/json", 0), 0u)
      << label << ": " << r->get_header_value("Content-Type");
  json j = json::parse(r->body, nullptr, false);
  ASSERT_TRUE(j.is_object()) << label << ": " << r->body.substr(0, 300);
  ASSERT_EQ(j.size(), 1u) << label << ": " << j.dump();
  ASSERT_TRUE(j.contains("error") && j["error"].is_object()) << label << ": " << j.dump();
  ASSERT_TRUE(j["error"]["code"].is_string()) << label << ": " << j.dump();
  ASSERT_TRUE(j["error"]["message"].is_string()) << label << ": " << j.dump();
  EXPECT_EQ(j["error"]["code"], code) << label << ": " << j.dump();
  EXPECT_FALSE(j["error"]["message"].get<std::string>().empty()) << label;
  EXPECT_EQ(r->body.find("<html"), std::string::npos) << label;
}

// The fields of interfaces.md, with their types.

// A server over the corpus's first five articles, and a commit of two more by another
// writer while it runs: one of them is the only article kNewArticleSearch finds.
struct ServerBeforeACommit {
  std::vector<json> corpus = t::Corpus();
  TestServer server{std::vector<json>(corpus.begin(), corpus.begin() + 5)};
  bool Commit(std::string* error) const {
    return t::BuildCorpusDb(server.db_path(), {corpus[6], corpus[7]}, error);
  }
};
inline const std::string kNewArticleSearch = "/api/v1/search?q=" + Enc("نمایشگاه صنایع دستی");

}  // namespace kavosh::search::test

#endif  // KAVOSH_TESTS_SEARCHD_TEST_SERVER_H_
