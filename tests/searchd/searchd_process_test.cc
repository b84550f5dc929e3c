// The programs as a user runs them: kavosh-searchd started, asked for health, stopped
// by a signal; kavosh-search's JSON, TREC runs and flags. Ports are picked free at run
// time; databases live in temporary directories.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include "searchd/request.h"
#include "searchd/response_json.h"
#include "searchd/searcher.h"
#include "tests/net_util.h"
#include "tests/searchd/corpus.h"

namespace kavosh::search {
namespace {

namespace t = kavosh::testing;
using nlohmann::json;
using t::TempDir;

const std::string kSearchd = std::string(KAVOSH_BINARY_DIR) + "/bin/kavosh-searchd";
const std::string kSearch = std::string(KAVOSH_BINARY_DIR) + "/bin/kavosh-search";

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}


// A child process with standard output and error in files of `dir`.
class Process {
 public:
  Process(const std::vector<std::string>& argv, const TempDir& dir, const std::string& name)
      : out_(dir.Path(name + ".out")), err_(dir.Path(name + ".err")) {
    pid_ = fork();
    if (pid_ == 0) {
      int out = open(out_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int err = open(err_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      int in = open("/dev/null", O_RDONLY);
      dup2(in, 0);
      dup2(out, 1);
      dup2(err, 2);
      std::vector<char*> args;
      for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
  }
  ~Process() {
    if (pid_ > 0 && !exited_) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }

  // The exit status, or -1 if still running after `timeout` (the process is left running),
  // or 128+N when killed by signal N.
  int Wait(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    while (true) {
      int status = 0;
      pid_t r = waitpid(pid_, &status, WNOHANG);
      if (r == pid_) {
        exited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
      }
      if (std::chrono::steady_clock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  void Signal(int sig) { kill(pid_, sig); }
  std::string out() const { return ReadFile(out_); }
  std::string err() const { return ReadFile(err_); }

 private:
  std::string out_, err_;
  pid_t pid_ = -1;
  bool exited_ = false;
};

struct Outcome {
  int status;
  std::string out;
  std::string err;
};

Outcome RunToEnd(const std::vector<std::string>& argv, const TempDir& dir) {
  static int n = 0;
  Process p(argv, dir, "run" + std::to_string(++n));
  int status = p.Wait(std::chrono::seconds(30));
  return {status, p.out(), p.err()};
}

class ProgramsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir;
    std::string error;
    built_ = t::BuildCorpusDb(dir_->Path("db"), t::Corpus(), &error);
    error_ = error;
  }
  static void TearDownTestSuite() { delete dir_; }
  void SetUp() override {
    ASSERT_TRUE(built_) << error_;
    ASSERT_EQ(access(kSearchd.c_str(), X_OK), 0) << kSearchd;
    ASSERT_EQ(access(kSearch.c_str(), X_OK), 0) << kSearch;
  }
  static std::string Db() { return dir_->Path("db"); }

  static TempDir* dir_;
  static bool built_;
  static std::string error_;
};

TempDir* ProgramsTest::dir_ = nullptr;
bool ProgramsTest::built_ = false;
std::string ProgramsTest::error_;

// Polls /api/v1/health until it answers 200 or `timeout` passes.
bool WaitHealthy(int port, std::chrono::milliseconds timeout, json* health) {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(0, 200000);
  auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto r = c.Get("/api/v1/health"); r && r->status == 200) {
      *health = json::parse(r->body, nullptr, false);
      return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

TEST_F(ProgramsTest, SearchdServesAndStopsCleanlyOnSignals) {
  for (int sig : {SIGTERM, SIGINT}) {
    int port = t::FreePort();
    ASSERT_GT(port, 0);
    Process searchd(
        {kSearchd, "--db", Db(), "--listen", "127.0.0.1:" + std::to_string(port), "--threads", "2",
         "--cache-mb", "8", "--cache-ttl-s", "30", "--facet-column-mb", "16"},
        *dir_, "searchd" + std::to_string(sig));
    json health;
    ASSERT_TRUE(WaitHealthy(port, std::chrono::seconds(10), &health))
        << "no answer on port " << port << "; stderr:\n"
        << searchd.err();
    EXPECT_EQ(health["status"], "ok");
    EXPECT_EQ(health["documents"], t::Corpus().size());
    httplib::Client c("127.0.0.1", port);
    auto r = c.Get("/api/v1/search?q=%D8%A8%D8%A7%D9%86%DA%A9");  // بانک
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    // The daemon runs with the allocator it was built for (cmake/KavoshAllocator.cmake).
    auto metrics = c.Get("/metrics");
    ASSERT_TRUE(metrics);
    const std::string allocator = "kavosh_build_info{allocator=\"";
    const size_t at = metrics->body.find(allocator);
    ASSERT_NE(at, std::string::npos) << metrics->body;
    const std::string label = metrics->body.substr(at + allocator.size(),
                                                   metrics->body.find('"', at + allocator.size()) -
                                                       at - allocator.size());
    if (KAVOSH_EXPECT_JEMALLOC) {
      EXPECT_EQ(label.rfind("jemalloc ", 0), 0u) << label;
      EXPECT_NE(label.find(" narenas:1"), std::string::npos) << label;  // jemalloc_config.cc
    } else {
      EXPECT_EQ(label, "glibc");
    }
    searchd.Signal(sig);
    int status = searchd.Wait(std::chrono::seconds(5));
    EXPECT_EQ(status, 0) << "signal " << sig << " (-1: still running after 5 s); stderr:\n"
                         << searchd.err();
    // Stopped: the port no longer answers.
    httplib::Client after("127.0.0.1", port);
    after.set_connection_timeout(0, 200000);
    EXPECT_FALSE(after.Get("/api/v1/health")) << "still answering after signal " << sig;
  }
}

TEST_F(ProgramsTest, SearchdRefusesToStartWithExitStatus2) {
  t::WriteFile(dir_->Path("not-a-db"), "just a file\n");
  std::filesystem::create_directories(dir_->Path("empty-dir"));
  int port = t::FreePort();
  std::string listen = "127.0.0.1:" + std::to_string(port);
  struct Row {
    std::vector<std::string> args;
    std::string message;
  };
  const Row rows[] = {
      {{}, "--db is required"},
      {{"--listen", listen}, "--db is required"},
      {{"--db", dir_->Path("not-a-db"), "--listen", listen}, "not-a-db"},
      {{"--db", dir_->Path("empty-dir"), "--listen", listen}, "empty-dir"},
      {{"--db", dir_->Path("missing"), "--listen", listen}, "missing"},
      {{"--db", Db(), "--listen", "127.0.0.1"}, "--listen needs HOST:PORT"},
      {{"--db", Db(), "--listen", "127.0.0.1:70000"}, "bad port"},
      {{"--db", Db(), "--threads", "0"}, "--threads"},
      {{"--db", Db(), "--threads", "x"}, "--threads"},
      {{"--db", Db(), "--cache-mb", "-1"}, "--cache-mb must be 0 (no cache) to 65536"},
      {{"--db", Db(), "--cache-mb", "64MB"}, "--cache-mb must be"},
      {{"--db", Db(), "--cache-ttl-s", "0"}, "--cache-ttl-s must be 1 to 86400"},
      {{"--db", Db(), "--facet-column-mb", "-1"}, "--facet-column-mb must be 0"},
      {{"--db", Db(), "--facet-column-mb", "1G"}, "--facet-column-mb must be 0"},
      {{"--db", Db(), "--bogus", "1"}, "unknown option --bogus"},
      {{"--db"}, "--db needs a value"},
  };
  for (const Row& row : rows) {
    std::vector<std::string> argv = {kSearchd};
    argv.insert(argv.end(), row.args.begin(), row.args.end());
    std::string label;
    for (const std::string& a : row.args) label += " " + a;
    Outcome o = RunToEnd(argv, *dir_);
    EXPECT_EQ(o.status, 2) << "kavosh-searchd" << label << "\nstderr: " << o.err;
    EXPECT_NE(o.err.find(row.message), std::string::npos)
        << "kavosh-searchd" << label << "\nexpected '" << row.message << "' in stderr: " << o.err;
  }
}

TEST_F(ProgramsTest, SearchdReportsAnAddressInUse) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 1), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  int port = ntohs(addr.sin_port);
  Outcome o =
      RunToEnd({kSearchd, "--db", Db(), "--listen", "127.0.0.1:" + std::to_string(port)}, *dir_);
  close(fd);
  EXPECT_EQ(o.status, 2) << o.err;
  EXPECT_NE(o.err.find("cannot listen"), std::string::npos) << o.err;
}

// The in-process result for the same request, as the API renders it (one Searcher for
// the suite: opening one costs as much as a whole kavosh-search run).
json Expected(const std::string& db, const Params& params) {
  static std::shared_ptr<SearchContext> context = SearchContext::Load("", {});
  static std::string error;
  static std::unique_ptr<Searcher> searcher = Searcher::Open(db, context, &error);
  EXPECT_NE(searcher, nullptr) << error;
  if (!searcher) return json();
  ParamError perror;
  std::optional<SearchRequest> r = ParseSearchParams(params, *context->resolver, &perror);
  EXPECT_TRUE(r) << perror.message;
  if (!r) return json();
  return SearchResultToJson(searcher->Search(*r));
}

void DropTimes(json* j) { j->erase("took_ms"); }

TEST_F(ProgramsTest, SearchJsonIsTheApiObject) {
  struct Row {
    std::vector<std::string> args;
    Params params;
  };
  const Row rows[] = {
      // An empty query with no filters: every story, newest first (paging the index).
      {{"--per-page", "100", ""}, {{"per_page", "100"}}},
      {{"--org", "بانک ملی", "--org", "بانک سپه", "--type", "meeting", "--from", "۱۴۰۳/۱۱/۰۱",
        "--to", "2025-04-30", "--sort", "newest", "--page", "1", "--per-page", "2", "جلسه",
        "شورای"},
       {{"org", "بانک ملی"},
        {"org", "بانک سپه"},
        {"type", "meeting"},
        {"from", "۱۴۰۳/۱۱/۰۱"},
        {"to", "2025-04-30"},
        {"sort", "newest"},
        {"page", "1"},
        {"per_page", "2"},
        {"q", "جلسه شورای"}}},
      {{"کابران"}, {{"q", "کابران"}}},
  };
  std::vector<json> outputs;
  for (const Row& row : rows) {
    std::vector<std::string> argv = {kSearch, "--db", Db(), "--json"};
    argv.insert(argv.end(), row.args.begin(), row.args.end());
    std::string label;
    for (const std::string& a : row.args) label += " '" + a + "'";
    Outcome o = RunToEnd(argv, *dir_);
    ASSERT_EQ(o.status, 0) << "kavosh-search" << label << "\n" << o.err;
    json got = json::parse(o.out, nullptr, false);
    ASSERT_FALSE(got.is_discarded()) << label << ": not JSON: " << o.out.substr(0, 300);
    outputs.push_back(got);
    json expected = Expected(Db(), row.params);
    EXPECT_TRUE(got["took_ms"].is_number()) << label;
    DropTimes(&got);
    DropTimes(&expected);
    EXPECT_EQ(got, expected) << "kavosh-search" << label;
  }
  const json& all = outputs[0];
  EXPECT_EQ(all["total"], t::Corpus().size() - 1);
  EXPECT_EQ(all["hits"].size(), t::Corpus().size() - 1);
  EXPECT_EQ(all["hits"][0]["id"], std::string(t::kBeesNew));
  EXPECT_EQ(outputs[1]["total"], 1) << outputs[1].dump();  // only the 1404 council has جلسه
  EXPECT_EQ(outputs[2]["did_you_mean"], "کاربران");
  // Without --json: a human listing.
  Outcome human = RunToEnd({kSearch, "--db", Db(), "زنبورداری"}, *dir_);
  EXPECT_EQ(human.status, 0) << human.err;
  EXPECT_NE(human.out.find("id beekeeping-1404"), std::string::npos) << human.out;
}

struct RunLine {
  std::string qid, q0, docid;
  int rank = 0;
  double score = 0;
  std::string tag;
};

std::vector<RunLine> ParseRun(const std::string& text, std::string* problem) {
  std::vector<RunLine> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    RunLine r;
    std::string extra;
    if (!(fields >> r.qid >> r.q0 >> r.docid >> r.rank >> r.score >> r.tag) || (fields >> extra)) {
      *problem = "not 'qid Q0 docid rank score tag': " + line;
      return lines;
    }
    lines.push_back(r);
  }
  return lines;
}

TEST_F(ProgramsTest, SearchTopicsWritesATrecRun) {
  std::string topics = dir_->Path("topics.tsv");
  t::WriteFile(topics,
               "# topics\nT1\tجلسه شورای هماهنگی "
               "بانک‌ها\nT2\tزنبورداری\r\n\nT3\tکهکشان\nT4\tلرستان\n");
  std::string run = dir_->Path("run.txt");
  Outcome o =
      RunToEnd({kSearch, "--db", Db(), "--topics", topics, "--run", run, "--depth", "3"}, *dir_);
  ASSERT_EQ(o.status, 0) << o.err;
  std::string problem;
  std::vector<RunLine> lines = ParseRun(ReadFile(run), &problem);
  ASSERT_TRUE(problem.empty()) << problem;
  std::map<std::string, std::vector<RunLine>> by_topic;
  for (const RunLine& l : lines) by_topic[l.qid].push_back(l);
  EXPECT_FALSE(by_topic.count("T3")) << "a topic with no match has no lines";
  for (const char* qid : {"T1", "T2", "T4"}) ASSERT_TRUE(by_topic.count(qid)) << qid;
  EXPECT_EQ(by_topic["T2"].size(), 2u);
  EXPECT_EQ(by_topic["T4"].size(), 3u) << "--depth 3";
  for (const auto& [qid, ls] : by_topic) {
    std::set<std::string> docs;
    for (size_t i = 0; i < ls.size(); ++i) {
      EXPECT_EQ(ls[i].rank, static_cast<int>(i + 1)) << qid;
      EXPECT_EQ(ls[i].q0, "Q0") << qid;
      EXPECT_EQ(ls[i].tag, "kavosh") << qid;
      EXPECT_TRUE(docs.insert(ls[i].docid).second) << qid << " lists " << ls[i].docid << " twice";
      if (i > 0) {
        EXPECT_LE(ls[i].score, ls[i - 1].score) << qid << " rank " << ls[i].rank;
      }
    }
  }
  // Every docid is an article id.
  std::set<std::string> ids;
  for (const json& r : t::Corpus()) ids.insert(r["id"].get<std::string>());
  for (const RunLine& l : lines) EXPECT_TRUE(ids.count(l.docid)) << l.docid;

  // A malformed line is reported and skipped; exit status 1; other topics still run.
  t::WriteFile(topics, "T1\tزنبورداری\nno tab here\nT2\tسوغات\n");
  Outcome bad =
      RunToEnd({kSearch, "--db", Db(), "--topics", topics, "--run", run, "--tag", "x1"}, *dir_);
  EXPECT_EQ(bad.status, 1) << bad.err;
  EXPECT_NE(bad.err.find(":2:"), std::string::npos) << bad.err;
  lines = ParseRun(ReadFile(run), &problem);
  ASSERT_TRUE(problem.empty()) << problem;
  std::set<std::string> qids;
  for (const RunLine& l : lines) {
    qids.insert(l.qid);
    EXPECT_EQ(l.tag, "x1");
  }
  EXPECT_EQ(qids, (std::set<std::string>{"T1", "T2"}));
}

TEST_F(ProgramsTest, SearchRejectsBadFlagsWithExitStatus2) {
  t::WriteFile(dir_->Path("topics2.tsv"), "T1\tبانک\n");
  struct Row {
    std::vector<std::string> args;
    std::string message;
  };
  // Parameter values go through ParseSearchParams (request_test.cc has every rule); two
  // rows show that its rejections are usage errors here too.
  const Row rows[] = {
      {{"بانک"}, "--db is required"},
      {{"--db", Db(), "--bogus", "x"}, "unknown option --bogus"},
      {{"--db", Db(), "--per-page", "0", "بانک"}, "'per_page' must be between 1 and 100"},
      {{"--db", Db(), "--type", "party"}, "unknown 'type'"},
      {{"--db", Db(), "--org"}, "--org needs a value"},
      {{"--db"}, "--db needs a value"},
      {{"--db", Db(), "--topics", dir_->Path("topics2.tsv")}, "--topics and --run go together"},
      {{"--db", Db(), "--topics", dir_->Path("topics2.tsv"), "--run", dir_->Path("r.txt"),
        "--depth", "0"},
       "--depth must be 1 to 1000"},
      {{"--db", Db(), "--topics", dir_->Path("no-such.tsv"), "--run", dir_->Path("r.txt")},
       "cannot read"},
      {{"--db", dir_->Path("missing-db"), "بانک"}, "missing-db"},
  };
  for (const Row& row : rows) {
    std::vector<std::string> argv = {kSearch};
    argv.insert(argv.end(), row.args.begin(), row.args.end());
    std::string label;
    for (const std::string& a : row.args) label += " '" + a + "'";
    Outcome o = RunToEnd(argv, *dir_);
    EXPECT_EQ(o.status, 2) << "kavosh-search" << label << "\nstderr: " << o.err;
    EXPECT_NE(o.err.find(row.message), std::string::npos)
        << "kavosh-search" << label << "\nexpected '" << row.message << "' in: " << o.err;
    EXPECT_TRUE(o.out.empty()) << "kavosh-search" << label << " printed: " << o.out.substr(0, 200);
  }
}

}  // namespace
}  // namespace kavosh::search
