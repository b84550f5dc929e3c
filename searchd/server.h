// kavosh-searchd's HTTP edge: routes, parameter validation, CORS, static files, metrics,
// access log. The search itself is Searcher's; one Searcher (database handle + analyzer)
// per worker thread, refreshed at most every `refresh` so new commits show up without a
// restart.
//
//   ServerOptions o;
//   o.db_path = "build/sample-db";
//   o.web_root = "web";
//   std::string error;
//   auto server = Server::Create(o, &error);
//   int port = server->Bind("127.0.0.1", 0);   // 0: any free port
//   server->Serve();                            // blocks until Stop()
//
// Route table (docs/api.md):
//   GET  /api/v1/search            GET  /api/v1/suggest        GET /api/v1/documents/ID
//   GET  /api/v1/analyze  (POST with the text as body too)     GET /api/v1/health
//   GET  /metrics                  GET  /feed.atom             GET /opensearch.xml
//   GET  /…  static files of the web root           OPTIONS *  CORS preflight
#ifndef KAVOSH_SEARCHD_SERVER_H_
#define KAVOSH_SEARCHD_SERVER_H_

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "searchd/response_cache.h"
#include "searchd/searcher.h"

namespace httplib {
class Server;
struct Request;
struct Response;
}

namespace kavosh::search {

class Metrics;
class StaticFiles;
class WorkerPool;

struct ServerOptions {
  std::string db_path;
  std::string web_root;                      // empty: no static files
  std::vector<std::string> allowed_origins;  // CORS; "*" allows any; empty: same origin only
  std::string data_dir;                      // gazetteers; empty: the default
  std::string public_url;                    // for feed and OpenSearch links; empty: from Host
  int threads = 8;            // search workers, and connection threads kept ready
  int max_connections = 256;  // connections served at once (threads started on demand)
  bool access_log = true;
  std::chrono::milliseconds refresh{1000};
  // Answers of search and suggest kept for repeated requests (searchd/response_cache.h).
  ResponseCacheOptions cache;
  SearchOptions search;
};

class Server {
 public:
  // Opens the database once to check it; nullptr and *error when it cannot be served.
  static std::unique_ptr<Server> Create(const ServerOptions& options, std::string* error);
  ~Server();

  // Binds; returns the port (the chosen one when `port` is 0) or -1.
  int Bind(const std::string& host, int port);
  // Serves until Stop(); returns false if it could not serve.
  bool Serve();
  // Stops accepting, finishes requests in flight, makes Serve() return. Any thread.
  void Stop();

 private:
  Server(const ServerOptions& options, std::shared_ptr<SearchContext> context);
  void Routes();
  Searcher& ThreadSearcher();
  // Serves the request from the cache when it holds it for the searcher's index
  // generation; otherwise runs `answer` (which fills `res`) and keeps a 200. Sets the
  // X-Kavosh-Cache header to hit or miss unless the cache is off or the index has no
  // generation (remote shards). True on a hit.
  bool Cached(std::string_view route, const httplib::Request& req, httplib::Response& res,
              Searcher& searcher, const std::function<void()>& answer);
  std::string BaseUrl(const std::string& host_header) const;

  ServerOptions options_;
  std::shared_ptr<SearchContext> context_;
  std::unique_ptr<httplib::Server> http_;
  std::unique_ptr<Metrics> metrics_;
  std::unique_ptr<StaticFiles> static_files_;
  std::unique_ptr<WorkerPool> workers_;
  std::unique_ptr<ResponseCache> cache_;
  uint64_t id_;
  std::string bound_;  // "host:port" once bound
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_SERVER_H_
