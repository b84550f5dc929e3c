// Helpers of the reliability tests: a temporary directory, the sample corpus indexed by
// the real indexer, an in-process kavosh-searchd on an ephemeral port, and raw sockets
// for what cpp-httplib's client will not send (half requests, bad framing).
//
//   ReliabilityServer server;                  // sample db, web root with symlinks out
//   ASSERT_TRUE(server.ok()) << server.error();
//   RawResponse r = server.Raw("GET /..%2f..%2fetc/passwd HTTP/1.1\r\nHost: x\r\n\r\n");
//   EXPECT_EQ(r.status, 400);
#ifndef KAVOSH_TESTS_RELIABILITY_RELIABILITY_UTIL_H_
#define KAVOSH_TESTS_RELIABILITY_RELIABILITY_UTIL_H_

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

#include "searchd/server.h"

namespace httplib {
class Client;
}

namespace kavosh::reliability {

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string Path(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void WriteFile(const std::string& path, std::string_view contents);

// Indexes data/sample of the source tree into `db_path`; false and *error on failure.
bool BuildSampleDb(const std::string& db_path, std::string* error);

// What came back on a raw connection: the status of the first response line (0 if none
// arrived before the peer closed or the timeout), the whole bytes read, and how long.
struct RawResponse {
  int status = 0;
  std::string bytes;
  std::chrono::milliseconds elapsed{0};
  std::string Body() const;
};

// A TCP connection to 127.0.0.1:port; -1 on failure.
int ConnectTcp(int port);
// Writes all of `data`; false if the peer closed.
bool SendAll(int fd, std::string_view data);
// Reads until the peer closes, a whole response (by Content-Length) arrived, or timeout.
RawResponse ReadResponse(int fd, std::chrono::milliseconds timeout);

// kavosh-searchd in process over the sample database. The web root holds index.html,
// a file in a subdirectory, a hidden file, and symlinks to a file and a directory
// outside it (which must never be served).
class ReliabilityServer {
 public:
  explicit ReliabilityServer(const std::function<void(search::ServerOptions*)>& customize = {});
  ~ReliabilityServer();

  bool ok() const { return error_.empty(); }
  const std::string& error() const { return error_; }
  int port() const { return port_; }
  const TempDir& dir() const { return dir_; }
  std::unique_ptr<httplib::Client> Client(int timeout_seconds = 10) const;
  // Sends `request` as is on a new connection and reads the answer.
  RawResponse Raw(std::string_view request,
                  std::chrono::milliseconds timeout = std::chrono::milliseconds(5000)) const;
  // GET /api/v1/health answers 200 within `within`.
  bool Healthy(std::chrono::milliseconds within = std::chrono::milliseconds(2000)) const;

 private:
  TempDir dir_;
  std::string error_;
  std::unique_ptr<search::Server> server_;
  int port_ = -1;
  std::thread thread_;
};

// Percent-encodes every byte but the unreserved ones.
std::string UrlEncode(std::string_view s);

}  // namespace kavosh::reliability

#endif  // KAVOSH_TESTS_RELIABILITY_RELIABILITY_UTIL_H_
