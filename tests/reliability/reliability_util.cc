#include "tests/reliability/reliability_util.h"

#include <arpa/inet.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <random>

#include "indexer/core/indexer.h"
#include "tests/net_util.h"

namespace kavosh::reliability {

TempDir::TempDir() {
  std::random_device rd;
  path_ = std::filesystem::temp_directory_path() /
          ("kavosh-reliability-" + std::to_string(rd()) + "-" + std::to_string(getpid()));
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

void WriteFile(const std::string& path, std::string_view contents) {
  std::ofstream out(path, std::ios::binary);
  out << contents;
}

bool BuildSampleDb(const std::string& db_path, std::string* error) {
  indexer::IndexerOptions options;
  options.db_path = db_path;
  options.threads = 1;
  std::string rejected;
  options.on_error = [&rejected](const std::string& e) { rejected += e + "\n"; };
  std::unique_ptr<indexer::Indexer> indexer = indexer::Indexer::Open(options, error);
  if (!indexer) return false;
  indexer->AddPath(std::string(KAVOSH_SOURCE_DIR) + "/data/sample");
  indexer::IndexStats stats = indexer->Finish();
  if (stats.documents == 0) {
    *error = "no documents indexed: " + rejected;
    return false;
  }
  return true;
}

std::string RawResponse::Body() const {
  size_t at = bytes.find("\r\n\r\n");
  return at == std::string::npos ? "" : bytes.substr(at + 4);
}

int ConnectTcp(int port) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

namespace {

// Content-Length of a complete header block, or -1.
long ContentLength(const std::string& bytes, size_t header_end) {
  std::string headers = bytes.substr(0, header_end);
  for (char& c : headers) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t at = headers.find("\r\ncontent-length:");
  if (at == std::string::npos) return -1;
  return std::strtol(headers.c_str() + at + 17, nullptr, 10);
}

}  // namespace

RawResponse ReadResponse(int fd, std::chrono::milliseconds timeout) {
  RawResponse r;
  auto start = std::chrono::steady_clock::now();
  auto deadline = start + timeout;
  char buf[16384];
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) break;
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
    ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) break;
    r.bytes.append(buf, static_cast<size_t>(n));
    size_t header_end = r.bytes.find("\r\n\r\n");
    if (header_end != std::string::npos) {
      long length = ContentLength(r.bytes, header_end);
      if (length >= 0 && r.bytes.size() >= header_end + 4 + static_cast<size_t>(length)) break;
    }
  }
  r.elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  if (r.bytes.rfind("HTTP/1.", 0) == 0 && r.bytes.size() >= 12) {
    r.status = std::atoi(r.bytes.c_str() + 9);
  }
  return r;
}

ReliabilityServer::ReliabilityServer(const std::function<void(search::ServerOptions*)>& customize) {
  std::string error;
  if (!BuildSampleDb(dir_.Path("db"), &error)) {
    error_ = "sample db: " + error;
    return;
  }
  namespace fs = std::filesystem;
  fs::create_directories(dir_.Path("web/sub"));
  WriteFile(dir_.Path("web/index.html"), "<!doctype html><title>کاوش</title><p>demo</p>");
  WriteFile(dir_.Path("web/sub/app.js"), "console.log('kavosh');");
  WriteFile(dir_.Path("web/.env"), "HIDDEN-SECRET");
  WriteFile(dir_.Path("outside.txt"), "OUTSIDE-SECRET");
  fs::create_directories(dir_.Path("outside-dir"));
  WriteFile(dir_.Path("outside-dir/passwd"), "OUTSIDE-SECRET");
  fs::create_symlink(dir_.Path("outside.txt"), dir_.Path("web/outside-link.txt"));
  fs::create_directory_symlink(dir_.Path("outside-dir"), dir_.Path("web/outside-dir-link"));
  fs::create_symlink("/etc/passwd", dir_.Path("web/passwd-link"));
  fs::create_symlink(dir_.Path("db"), dir_.Path("web/db-link"));
  fs::create_symlink(dir_.Path("web/sub/app.js"), dir_.Path("web/inside-link.js"));

  search::ServerOptions o;
  o.db_path = dir_.Path("db");
  o.web_root = dir_.Path("web");
  o.access_log = false;
  if (customize) customize(&o);
  server_ = search::Server::Create(o, &error);
  if (!server_) {
    error_ = "create: " + error;
    return;
  }
  port_ = server_->Bind("127.0.0.1", 0);
  if (port_ <= 0) {
    error_ = "bind failed";
    return;
  }
  thread_ = std::thread([this] { server_->Serve(); });
  // Stop() before Serve() started would be lost: wait for a first answer.
  if (!Healthy(std::chrono::milliseconds(15000))) error_ = "the server did not answer within 15 s";
}

ReliabilityServer::~ReliabilityServer() {
  if (thread_.joinable()) {
    server_->Stop();
    thread_.join();
  }
}

std::unique_ptr<httplib::Client> ReliabilityServer::Client(int timeout_seconds) const {
  auto c = std::make_unique<httplib::Client>("127.0.0.1", port_);
  c->set_url_encode(false);
  c->set_connection_timeout(timeout_seconds, 0);
  c->set_read_timeout(timeout_seconds, 0);
  c->set_write_timeout(timeout_seconds, 0);
  return c;
}

RawResponse ReliabilityServer::Raw(std::string_view request,
                                   std::chrono::milliseconds timeout) const {
  int fd = ConnectTcp(port_);
  if (fd < 0) return {};
  SendAll(fd, request);  // the server may answer and close before reading everything
  RawResponse r = ReadResponse(fd, timeout);
  close(fd);
  return r;
}

bool ReliabilityServer::Healthy(std::chrono::milliseconds within) const {
  auto deadline = std::chrono::steady_clock::now() + within;
  auto c = Client(static_cast<int>(std::max<long>(1, within.count() / 1000)));
  while (std::chrono::steady_clock::now() < deadline) {
    if (auto r = c->Get("/api/v1/health"); r && r->status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return false;
}

std::string UrlEncode(std::string_view s) { return testing::PercentEncode(s); }

}  // namespace kavosh::reliability
