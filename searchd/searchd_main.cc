// kavosh-searchd: the HTTP search daemon (interfaces.md, docs/api.md, docs/operations.md).
//
//   kavosh-searchd --db PATH [--listen 127.0.0.1:8080] [--threads N] [--web-root DIR]
//                  [--allow-origin ORIGIN]... [--public-url URL] [--data-dir DIR]
//                  [--refresh-ms N] [--shard-timeout-ms N] [--cache-mb N]
//                  [--cache-ttl-s N] [--facet-column-mb N] [--quiet]
//
// Stops cleanly on SIGTERM / SIGINT: stops accepting, finishes requests in flight, exits 0.
// Exit status 2 on bad flags, a database that cannot be served or an address in use.
#include <pthread.h>
#include <signal.h>

#include <algorithm>
#include <iostream>
#include <thread>

#include "searchd/server.h"

namespace {

constexpr const char* kUsage =
    "usage: kavosh-searchd --db PATH [--listen HOST:PORT] [--threads N] [--web-root DIR]\n"
    "                      [--allow-origin ORIGIN]... [--public-url URL] [--data-dir DIR]\n"
    "                      [--refresh-ms N] [--shard-timeout-ms N] [--max-connections N]\n"
    "                      [--cache-mb N] [--cache-ttl-s N] [--facet-column-mb N] [--quiet]\n";

int Usage(const std::string& why) {
  std::cerr << "kavosh-searchd: " << why << "\n" << kUsage;
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  kavosh::search::ServerOptions options;
  std::string listen = "127.0.0.1:8080";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::string v;
    auto value = [&]() {
      if (i + 1 >= argc) return false;
      v = argv[++i];
      return true;
    };
    if (arg == "-h" || arg == "--help") {
      std::cout << kUsage;
      return 0;
    } else if (arg == "--quiet") {
      options.access_log = false;
    } else if (!value()) {
      return Usage(arg.rfind("--", 0) == 0 ? arg + " needs a value" : "unexpected argument " + arg);
    } else if (arg == "--db") {
      options.db_path = v;
    } else if (arg == "--listen") {
      listen = v;
    } else if (arg == "--web-root") {
      options.web_root = v;
    } else if (arg == "--allow-origin") {
      options.allowed_origins.push_back(v);
    } else if (arg == "--public-url") {
      while (!v.empty() && v.back() == '/') v.pop_back();
      options.public_url = v;
    } else if (arg == "--data-dir") {
      options.data_dir = v;
    } else if (arg == "--shard-timeout-ms") {
      long n = std::strtol(v.c_str(), nullptr, 10);
      if (n < 10 || n > 600000) return Usage("--shard-timeout-ms must be 10 to 600000");
      options.search.shards.timeout_ms = static_cast<unsigned>(n);
      options.search.shards.connect_timeout_ms = static_cast<unsigned>(std::min(n, 1000L));
    } else if (arg == "--max-connections") {
      long n = std::strtol(v.c_str(), nullptr, 10);
      if (n < 1 || n > 10000) return Usage("--max-connections must be 1 to 10000");
      options.max_connections = static_cast<int>(n);
    } else if (arg == "--cache-mb" || arg == "--cache-ttl-s") {
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      const bool mb = arg == "--cache-mb";
      if (v.empty() || *end != '\0' || n < (mb ? 0 : 1) || n > (mb ? 65536 : 86400)) {
        return Usage(mb ? "--cache-mb must be 0 (no cache) to 65536"
                        : "--cache-ttl-s must be 1 to 86400");
      }
      if (mb) {
        options.cache.max_bytes = static_cast<size_t>(n) << 20;
      } else {
        options.cache.ttl = std::chrono::seconds(n);
      }
    } else if (arg == "--facet-column-mb") {
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 0 || n > 65536) {
        return Usage("--facet-column-mb must be 0 (read facets from the index) to 65536");
      }
      options.search.facet_column_bytes = static_cast<size_t>(n) << 20;
    } else if (arg == "--threads" || arg == "--refresh-ms") {
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < (arg == "--threads" ? 1 : 0) || n > 100000) {
        return Usage(arg + " needs a positive number");
      }
      if (arg == "--threads") {
        if (n > 256) return Usage("--threads is at most 256");
        options.threads = static_cast<int>(n);
      } else {
        options.refresh = std::chrono::milliseconds(n);
      }
    } else {
      return Usage("unknown option " + arg);
    }
  }
  if (options.db_path.empty()) return Usage("--db is required");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Usage("--listen needs HOST:PORT");
  std::string host = listen.substr(0, colon);
  int port = std::atoi(listen.c_str() + colon + 1);
  if (port < 0 || port > 65535) return Usage("bad port in --listen");

  // Signals go to one waiting thread, never into the middle of a request.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  std::string error;
  std::unique_ptr<kavosh::search::Server> server = kavosh::search::Server::Create(options, &error);
  if (!server) {
    std::cerr << "kavosh-searchd: " << error << "\n";
    return 2;
  }
  int bound = server->Bind(host, port);
  if (bound < 0) {
    std::cerr << "kavosh-searchd: cannot listen on " << listen << " (address in use?)\n";
    return 2;
  }
  std::thread waiter([&] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    std::cerr << "kavosh-searchd: " << (sig == SIGTERM ? "SIGTERM" : "SIGINT")
              << ": finishing requests in flight\n";
    server->Stop();
  });
  std::cerr << "kavosh-searchd: serving " << options.db_path << " on http://" << host << ":" << bound
            << "/ with " << options.threads << " threads\n";
  bool ok = server->Serve();
  if (!ok) {
    pthread_kill(waiter.native_handle(), SIGTERM);  // wake the waiter so it can be joined
  }
  waiter.join();
  std::cerr << "kavosh-searchd: stopped\n";
  return ok ? 0 : 2;
}
