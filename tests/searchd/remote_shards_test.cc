// Sharding over Xapian's remote backend, on loopback: the test corpus split into three
// shards, two of them served by xapian-tcpsrv processes started here, must answer every
// query exactly as the single database does (hits in order, totals, facets, snippets,
// spelling help); a shard killed mid-test is left out and named, and rejoins when it
// comes back. Skipped when xapian-tcpsrv (Debian's xapian-tools) is not installed.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>
#include <xapian.h>

#include <chrono>
#include <cmath>
#include <thread>

#include "indexer/core/indexer.h"
#include "tests/net_util.h"
#include "schema/schema.h"
#include "tests/searchd/searcher_fixture.h"
#include "test_time.h"

namespace kavosh::search::test {
namespace {

constexpr const char* kTcpSrv = "/usr/bin/xapian-tcpsrv";


bool CanConnect(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(static_cast<uint16_t>(port));
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// A xapian-tcpsrv child process serving one database.
class TcpServer {
 public:
  TcpServer(std::string db, int port) : db_(std::move(db)), port_(port) {}
  ~TcpServer() { Kill(); }
  bool Start() {
    pid_ = fork();
    if (pid_ == 0) {
      setpgid(0, 0);  // its own group: xapian-tcpsrv forks a child per connection
      std::string port = std::to_string(port_);
      execl(kTcpSrv, kTcpSrv, "--port", port.c_str(), "--interface", "127.0.0.1", "--quiet",
            db_.c_str(), static_cast<char*>(nullptr));
      _exit(127);
    }
    for (int i = 0; i < 100; ++i) {
      if (CanConnect(port_)) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  void Kill() {
    if (pid_ <= 0) return;
    kill(-pid_, SIGKILL);  // the server and the children serving connections
    waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
  int port() const { return port_; }

 private:
  std::string db_;
  int port_;
  pid_t pid_ = -1;
};

// Splits `whole` into shards with the indexer's own ShardOf(), as `kavosh-indexer
// --shards` assigns articles, and copies its spelling table into `spelling`.
void Split(const std::string& whole, const std::vector<std::string>& shards,
           const std::string& spelling) {
  Xapian::Database src(whole);
  std::vector<Xapian::WritableDatabase> out;
  for (const std::string& s : shards) out.emplace_back(s, Xapian::DB_CREATE_OR_OVERWRITE);
  for (auto it = src.postlist_begin(""); it != src.postlist_end(""); ++it) {
    Xapian::Document doc = src.get_document(*it);
    std::string id = doc.get_value(schema::kSlotId);
    out[indexer::ShardOf(id, static_cast<unsigned>(out.size()))].add_document(doc);
  }
  Xapian::WritableDatabase spell(spelling, Xapian::DB_CREATE_OR_OVERWRITE);
  for (auto it = src.spellings_begin(); it != src.spellings_end(); ++it) {
    spell.add_spelling(*it, it.get_termfreq());
  }
  for (Xapian::WritableDatabase* db : {&out[0], &out[1], &out[2], &spell}) {
    for (auto key = src.metadata_keys_begin(); key != src.metadata_keys_end(); ++key) {
      db->set_metadata(*key, src.get_metadata(*key));
    }
    db->commit();
  }
}

struct Case {
  std::string q;
  Sort sort = Sort::kRelevance;
  Match match = Match::kAll;
  bool expand = false;
  double recency = 0;
  std::vector<std::string> types = {};
};

SearchRequest RequestFor(const Case& c) {
  SearchRequest r;
  r.q = c.q;
  r.sort = c.sort;
  r.match = c.match;
  r.expand = c.expand;
  r.recency = c.recency;
  r.types = c.types;
  r.per_page = 100;
  r.facet_limit = 100;
  return r;
}

class RemoteShardsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    try {
      Prepare();
    } catch (const Xapian::Error& e) {
      FAIL() << e.get_description();
    }
  }
  void Prepare() {
    if (access(kTcpSrv, X_OK) != 0) GTEST_SKIP() << kTcpSrv << " is not installed (xapian-tools)";
    std::string error;
    ASSERT_TRUE(t::BuildCorpusDb(dir_.Path("whole"), t::Corpus(), &error)) << error;
    Split(dir_.Path("whole"), {dir_.Path("shard-0"), dir_.Path("shard-1"), dir_.Path("shard-2")},
          dir_.Path("spelling"));
    one_ = std::make_unique<TcpServer>(dir_.Path("shard-1"), t::FreePort());
    two_ = std::make_unique<TcpServer>(dir_.Path("shard-2"), t::FreePort());
    ASSERT_TRUE(one_->Start());
    ASSERT_TRUE(two_->Start());
    remote_two_ = "remote 127.0.0.1:" + std::to_string(two_->port());
    t::WriteFile(dir_.Path("index.stub"),
                 "shard-0\nremote tcp 127.0.0.1 " + std::to_string(one_->port()) + "\n" +
                     remote_two_ + "\n#kavosh-spelling spelling\n");
    SearchOptions options;
    options.shards.timeout_ms = kavosh::testing::Scaled(1500);
    options.shards.retry_after = std::chrono::milliseconds(200);
    context_ = SearchContext::Load("", options);
  }

  std::unique_ptr<Searcher> Open(const std::string& path) {
    std::string error;
    std::unique_ptr<Searcher> s;
    try {
      s = Searcher::Open(path, context_, &error);
    } catch (const Xapian::Error& e) {
      ADD_FAILURE() << e.get_description();
    }
    EXPECT_NE(s, nullptr) << error;
    return s;
  }

  void Compare();

  TempDir dir_;
  std::unique_ptr<TcpServer> one_, two_;
  std::string remote_two_;
  std::shared_ptr<SearchContext> context_;
};

TEST_F(RemoteShardsTest, ThreeShardsAnswerExactlyLikeOneDatabase) {
  try {
    Compare();
  } catch (const Xapian::Error& e) {
    FAIL() << e.get_description();
  }
}

void RemoteShardsTest::Compare() {
  std::unique_ptr<Searcher> sharded = Open(dir_.Path("index.stub"));
  std::unique_ptr<Searcher> whole = Open(dir_.Path("whole"));
  ASSERT_TRUE(sharded && whole);
  EXPECT_EQ(sharded->documents(), whole->documents());
  const std::vector<Case> cases = {
      {""}, {"بانک‌ها"}, {"بانك ها"}, {"جلسه"}, {"بانک"}, {"جلسه بانک"}, {"\"شورای هماهنگی\""},
      {"زنبورداری -دلفان"}, {"بانک OR زعفران"}, {"(بازدید یا نمایشگاه) استاندار"},
      {"type:meeting"}, {"سازمان:\"بانک سپه\""}, {"از:۱۴۰۴/۰۱/۰۱ تا:۱۴۰۴/۰۳/۳۱"},
      {"کابران"}, {"شورا", Sort::kNewest}, {"", Sort::kOldest}, {"بانک", Sort::kRelevance, Match::kAll, false, 3.0},
      {"جلسه شورای بانک زعفران", Sort::kRelevance, Match::kAny},
      {"جلسه بانک", Sort::kRelevance, Match::kAny, true},
      {"استان", Sort::kRelevance, Match::kAll, false, 0, {"meeting", "visit"}},
  };
  for (const Case& c : cases) {
    SearchResult a = sharded->Search(RequestFor(c));
    SearchResult b = whole->Search(RequestFor(c));
    std::string row = "query <" + c.q + ">";
    EXPECT_FALSE(a.partial) << row;
    EXPECT_EQ(a.total, b.total) << row;
    EXPECT_EQ(a.total_is_exact, b.total_is_exact) << row;
    EXPECT_EQ(a.did_you_mean, b.did_you_mean) << row;
    EXPECT_EQ(a.relaxed, b.relaxed) << row;
    ASSERT_EQ(a.hits.size(), b.hits.size()) << row;
    for (size_t i = 0; i < a.hits.size(); ++i) {
      EXPECT_EQ(a.hits[i].article.id, b.hits[i].article.id) << row << " rank " << i + 1;
      EXPECT_NEAR(a.hits[i].score, b.hits[i].score, 1e-9 * std::max(1.0, b.hits[i].score)) << row;
      EXPECT_EQ(a.hits[i].title_html, b.hits[i].title_html) << row;
      EXPECT_EQ(a.hits[i].snippet_html, b.hits[i].snippet_html) << row;
      EXPECT_EQ(a.hits[i].duplicates, b.hits[i].duplicates) << row;
    }
    ASSERT_EQ(a.facets.size(), b.facets.size()) << row;
    for (const auto& [name, values] : b.facets) {
      const auto& other = a.facets.at(name);
      ASSERT_EQ(other.size(), values.size()) << row << " facet " << name;
      for (size_t i = 0; i < values.size(); ++i) {
        EXPECT_EQ(other[i].value, values[i].value) << row << " facet " << name;
        EXPECT_EQ(other[i].count, values[i].count) << row << " facet " << name;
      }
    }
  }
  // Documents come from whichever shard holds them.
  for (const char* id : {t::kBankCouncil, t::kCharity, t::kStoryB, t::kUndated}) {
    EXPECT_EQ(sharded->Document(id), whole->Document(id)) << id;
  }
  EXPECT_EQ(sharded->Suggest("بان", 8).size(), whole->Suggest("بان", 8).size());
}

TEST_F(RemoteShardsTest, AKilledShardIsLeftOutNamedAndRejoins) {
  std::unique_ptr<Searcher> sharded = Open(dir_.Path("index.stub"));
  ASSERT_TRUE(sharded);
  SearchRequest all = RequestFor({""});
  SearchResult before = sharded->Search(all);
  ASSERT_FALSE(before.partial);

  two_->Kill();
  auto start = std::chrono::steady_clock::now();
  SearchResult during = sharded->Search(all);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_TRUE(during.partial);
  ASSERT_EQ(during.failed_shards.size(), 1u);
  EXPECT_EQ(during.failed_shards[0], remote_two_);
  EXPECT_LT(during.total, before.total);
  EXPECT_GT(during.total, 0u);
  EXPECT_LT(seconds, kavosh::testing::Scaled(10.0)) << "a dead shard must not hang the query";

  // Back on the same port: after the retry wait, a refresh brings it back.
  TcpServer again(dir_.Path("shard-2"), two_->port());
  ASSERT_TRUE(again.Start());
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  sharded->Refresh(std::chrono::milliseconds(0));
  SearchResult after = sharded->Search(all);
  EXPECT_FALSE(after.partial);
  EXPECT_EQ(after.total, before.total);
}

}  // namespace
}  // namespace kavosh::search::test
