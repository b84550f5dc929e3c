#include "searchd/server.h"

#include <httplib.h>

#include <sys/socket.h>

#include <atomic>
#include <ctime>
#include <iostream>
#include <mutex>
#include <unordered_map>

#include "analyzers/analysis_json.h"
#include "analyzers/normalizer.h"
#include "searchd/feeds.h"
#include "searchd/metrics.h"
#include "searchd/pools.h"
#include "searchd/request.h"
#include "searchd/response_cache.h"
#include "searchd/response_json.h"
#include "searchd/static_files.h"

namespace kavosh::search {

namespace {

constexpr size_t kMaxAnalyzeBytes = 64 << 10;
constexpr size_t kMaxIdBytes = 1024;
constexpr int kMaxSuggestions = 20;

std::atomic<uint64_t> next_server_id{1};

// Per worker thread: the searchers of each server (tests run several in one process) and
// the start time of the request being handled.
thread_local std::unordered_map<uint64_t, std::unique_ptr<Searcher>> thread_searchers;
thread_local std::chrono::steady_clock::time_point request_start;

std::string_view RouteOf(const std::string& path) {
  if (path == "/api/v1/search") return "search";
  if (path == "/api/v1/suggest") return "suggest";
  if (path.rfind("/api/v1/documents/", 0) == 0) return "documents";
  if (path == "/api/v1/analyze") return "analyze";
  if (path == "/api/v1/health") return "health";
  if (path == "/metrics") return "metrics";
  if (path == "/feed.atom") return "feed";
  if (path == "/opensearch.xml") return "opensearch";
  if (path.rfind("/api/", 0) == 0) return "other";
  return "static";
}

std::string_view CodeFor(int status) {
  switch (status) {
    case 400: return "bad_request";
    case 403: return "forbidden";
    case 404: return "not_found";
    case 405: return "method_not_allowed";
    case 408: return "request_timeout";
    case 413: return "payload_too_large";
    case 414: return "uri_too_long";
    case 416: return "range_not_satisfiable";
    case 431: return "headers_too_large";
    case 503: return "unavailable";
    default: return status >= 500 ? "internal" : "error";
  }
}

void SendJson(httplib::Response& res, const nlohmann::json& body, int status = 200) {
  res.status = status;
  res.set_content(Dump(body), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, std::string_view message) {
  SendJson(res, ErrorJson(CodeFor(status), message), status);
}

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The request's parameters re-encoded, for self links of feeds.
std::string EncodeParams(const httplib::Params& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += httplib::detail::encode_query_param(k) + "=" + httplib::detail::encode_query_param(v);
  }
  return out;
}

// A kept search answer with this request's own time in "took_ms" (the key is at the top
// level; inside a JSON string its quotes would be escaped, so the first match is it).
std::string WithTook(const std::string& body, double took_ms) {
  constexpr std::string_view kTook = "\"took_ms\":";
  size_t at = body.find(kTook);
  if (at == std::string::npos) return body;
  size_t start = at + kTook.size();
  size_t end = body.find_first_of(",}", start);
  if (end == std::string::npos) return body;
  char number[32];
  std::snprintf(number, sizeof number, "%.2f", took_ms);
  return body.substr(0, start) + number + body.substr(end);
}

}  // namespace

Server::Server(const ServerOptions& options, std::shared_ptr<SearchContext> context)
    : options_(options),
      context_(std::move(context)),
      http_(std::make_unique<httplib::Server>()),
      metrics_(std::make_unique<Metrics>()),
      static_files_(std::make_unique<StaticFiles>(options.web_root)),
      workers_(std::make_unique<WorkerPool>(static_cast<size_t>(std::max(1, options.threads)))),
      cache_(std::make_unique<ResponseCache>(options.cache)),
      id_(next_server_id++) {}

Server::~Server() = default;

std::unique_ptr<Server> Server::Create(const ServerOptions& options, std::string* error) {
  auto context = SearchContext::Load(options.data_dir, options.search);
  if (!Searcher::Open(options.db_path, context, error)) return nullptr;
  std::unique_ptr<Server> server(new Server(options, std::move(context)));
  server->Routes();
  return server;
}

Searcher& Server::ThreadSearcher() {
  std::unique_ptr<Searcher>& s = thread_searchers[id_];
  if (!s) {
    std::string error;
    s = Searcher::Open(options_.db_path, context_, &error);
    if (!s) throw std::runtime_error(error);
  }
  s->Refresh(options_.refresh);
  return *s;
}

bool Server::Cached(std::string_view route, const httplib::Request& req, httplib::Response& res,
                    Searcher& searcher, const std::function<void()>& answer) {
  std::string generation = cache_->enabled() ? searcher.generation() : "";
  if (generation.empty()) {
    answer();
    return false;
  }
  std::string key = ResponseCache::Key(route, generation, EncodeParams(req.params));
  if (std::shared_ptr<const CachedResponse> hit = cache_->Find(key)) {
    double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() -
                                                          request_start).count();
    res.set_content(route == "search" ? WithTook(hit->body, ms) : hit->body, hit->content_type);
    res.set_header("X-Kavosh-Cache", "hit");
    return true;
  }
  answer();
  res.set_header("X-Kavosh-Cache", "miss");
  if (res.status == 200 || res.status == -1) {
    cache_->Put(key, {res.body, res.get_header_value("Content-Type")});
  }
  return false;
}

std::string Server::BaseUrl(const std::string& host_header) const {
  if (!options_.public_url.empty()) return options_.public_url;
  bool ok = !host_header.empty() && host_header.size() < 256;
  for (char c : host_header) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == ':' ||
          c == '[' || c == ']')) {
      ok = false;
    }
  }
  return "http://" + (ok ? host_header : bound_);
}

int Server::Bind(const std::string& host, int port) {
  // Debian's cpp-httplib listens with a backlog of 5: bursts of new connections would be
  // dropped and retried seconds later. Keep the socket and listen again with 1024.
  int listening = -1;
  http_->set_socket_options([&listening](int sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    listening = sock;
  });
  int bound = port == 0 ? http_->bind_to_any_port(host) : (http_->bind_to_port(host, port) ? port : -1);
  if (bound > 0) {
    bound_ = host + ":" + std::to_string(bound);
    if (listening >= 0) ::listen(listening, 1024);
  }
  return bound;
}

bool Server::Serve() { return http_->listen_after_bind(); }

void Server::Stop() { http_->stop(); }

void Server::Routes() {
  httplib::Server& http = *http_;
  size_t threads = static_cast<size_t>(std::max(1, options_.threads));
  size_t max_connections = static_cast<size_t>(std::max(options_.max_connections, options_.threads));
  http.new_task_queue = [threads, max_connections] {
    return new ConnectionPool(threads, max_connections);
  };
  // Searches run on the fixed workers (one Searcher each); connection threads only read
  // and write, so slow or idle connections cannot take the searchers away.
  auto on_worker = [this](httplib::Server::Handler handler) {
    return [this, handler](const httplib::Request& req, httplib::Response& res) {
      workers_->Run([&] { handler(req, res); });
    };
  };
  http.set_payload_max_length(1 << 20);
  // Responses go out as headers then body: without TCP_NODELAY the body waits for the
  // client's delayed ACK, 40 ms per request on a kept-open connection.
  http.set_tcp_nodelay(true);
  http.set_read_timeout(5, 0);
  http.set_write_timeout(5, 0);
  http.set_keep_alive_max_count(100);
  http.set_keep_alive_timeout(5);

  http.set_pre_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    request_start = std::chrono::steady_clock::now();
    res.set_header("X-Content-Type-Options", "nosniff");
    std::string origin = req.get_header_value("Origin");
    if (!origin.empty()) {
      bool any = false, listed = false;
      for (const std::string& o : options_.allowed_origins) {
        any = any || o == "*";
        listed = listed || o == origin;
      }
      if (any || listed) {
        res.set_header("Access-Control-Allow-Origin", any ? "*" : origin);
        if (!any) res.set_header("Vary", "Origin");
      }
    }
    if (req.method == "OPTIONS") {
      res.status = 204;
      res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      res.set_header("Access-Control-Allow-Headers", "Content-Type");
      res.set_header("Access-Control-Max-Age", "600");
      return httplib::Server::HandlerResponse::Handled;
    }
    if (req.method != "GET" && req.method != "HEAD" &&
        !(req.method == "POST" && req.path == "/api/v1/analyze")) {
      SendError(res, 405, "method " + req.method + " is not allowed on " + req.path);
      res.set_header("Allow", "GET, HEAD, OPTIONS");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });

  http.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    std::string message;
    switch (res.status) {
      case 404: message = "no such resource: " + req.path; break;
      case 414: message = "the request line is longer than 8192 bytes (queries: at most 1024 bytes)"; break;
      case 413: message = "the request body is larger than 1 MB"; break;
      case 400: message = "malformed HTTP request (headers are limited to 8192 bytes)"; break;
      default: message = "request failed with HTTP status " + std::to_string(res.status);
    }
    SendError(res, res.status, message);
  });

  http.set_exception_handler([](const httplib::Request& req, httplib::Response& res,
                                std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const Xapian::Error& e) {
      what = e.get_description();
    } catch (const std::exception& e) {
      what = e.what();
    }
    std::cerr << "kavosh-searchd: error on " << req.path << ": " << what << "\n";
    SendError(res, 500, "internal error; see the server log");
  });

  http.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - request_start).count();
    metrics_->Record(RouteOf(req.path), res.status, seconds);
    if (!options_.access_log) return;
    // The decoded path, with control bytes percent-encoded: a client cannot write its
    // own log lines (%0A) or terminal escapes.
    std::string target;
    for (char c : req.path) {
      auto u = static_cast<unsigned char>(c);
      if (u < 0x20 || u == 0x7F || c == ' ') {
        char hex[4];
        std::snprintf(hex, sizeof hex, "%%%02X", u);
        target += hex;
      } else {
        target += c;
      }
    }
    if (!req.params.empty()) target += "?" + EncodeParams(req.params);
    if (target.size() > 512) target = target.substr(0, 512) + "…";
    char line[160];
    std::snprintf(line, sizeof line, " %d %zuB %.1fms", res.status, res.body.size(), seconds * 1000);
    static std::mutex log_mutex;
    std::lock_guard<std::mutex> lock(log_mutex);
    std::cerr << NowRfc3339() << " " << req.remote_addr << " " << req.method << " " << target << line
              << "\n";
  });

  http.Get("/api/v1/search", on_worker([this](const httplib::Request& req, httplib::Response& res) {
    ParamError error;
    std::optional<SearchRequest> r = ParseSearchParams(req.params, *context_->resolver, &error);
    if (!r) return SendError(res, 400, error.message);
    Searcher& s = ThreadSearcher();
    Cached("search", req, res, s, [&] {
      SearchResult result;
      try {
        result = s.Search(*r);
      } catch (const Xapian::DatabaseModifiedError&) {
        s.ForceReopen();  // the indexer committed twice while we read: once more, fresh
        result = s.Search(*r);
      }
      SendJson(res, SearchResultToJson(result));
    });
  }));

  http.Get("/api/v1/suggest", on_worker([this](const httplib::Request& req, httplib::Response& res) {
    ParamError error;
    std::optional<std::string> q = SingleParam(req.params, "q", 256, &error);
    if (!error.message.empty()) return SendError(res, 400, error.message);
    std::optional<std::string> limit_text = SingleParam(req.params, "limit", 8, &error);
    std::optional<std::string> format = SingleParam(req.params, "format", 16, &error);
    if (!error.message.empty()) return SendError(res, 400, error.message);
    int limit = 8;
    if (limit_text) {
      char* end = nullptr;
      long v = std::strtol(limit_text->c_str(), &end, 10);
      if (limit_text->empty() || *end != '\0' || v < 1 || v > kMaxSuggestions) {
        return SendError(res, 400, "'limit' must be a whole number from 1 to 20");
      }
      limit = static_cast<int>(v);
    }
    if (format && *format != "opensearch" && *format != "json") {
      return SendError(res, 400, "'format' must be json or opensearch");
    }
    Searcher& searcher = ThreadSearcher();
    Cached("suggest", req, res, searcher, [&] {
      std::vector<Suggestion> suggestions;
      if (q && !q->empty()) suggestions = searcher.Suggest(*q, static_cast<size_t>(limit));
      if (format && *format == "opensearch") {
        nlohmann::json texts = nlohmann::json::array();
        for (const Suggestion& s : suggestions) texts.push_back(s.text);
        res.set_content(Dump(nlohmann::json::array({q.value_or(""), texts})),
                        "application/x-suggestions+json; charset=utf-8");
        return;
      }
      SendJson(res, SuggestionsToJson(suggestions));
    });
  }));

  http.Get(R"(/api/v1/documents/(.+))", on_worker([this](const httplib::Request& req, httplib::Response& res) {
    std::string id = req.matches[1];
    if (id.size() > kMaxIdBytes || !analyzers::IsValidUtf8(id)) {
      return SendError(res, 400, "not a valid document id");
    }
    std::optional<nlohmann::json> doc = ThreadSearcher().Document(id);
    if (!doc) return SendError(res, 404, "no article with id '" + id + "'");
    SendJson(res, *doc);
  }));

  auto analyze = [this](const std::string& text, httplib::Response& res) {
    if (text.size() > kMaxAnalyzeBytes) {
      return SendError(res, 413, "text is limited to " + std::to_string(kMaxAnalyzeBytes) + " bytes");
    }
    if (!analyzers::IsValidUtf8(text)) return SendError(res, 400, "'text' is not valid UTF-8");
    workers_->Run([&] { SendJson(res, analyzers::AnalysisToJson(ThreadSearcher().analyzer(), text)); });
  };
  http.Get("/api/v1/analyze", [analyze](const httplib::Request& req, httplib::Response& res) {
    ParamError error;
    std::optional<std::string> text = SingleParam(req.params, "text", kMaxAnalyzeBytes, &error);
    if (!error.message.empty()) return SendError(res, 400, error.message);
    if (!text) return SendError(res, 400, "'text' is required");
    analyze(*text, res);
  });
  http.Post("/api/v1/analyze", [analyze](const httplib::Request& req, httplib::Response& res) {
    analyze(req.body, res);
  });

  http.Get("/api/v1/health", on_worker([this](const httplib::Request&, httplib::Response& res) {
    Searcher& s = ThreadSearcher();
    std::vector<std::string> failed = s.failed_shards();
    nlohmann::json health = {{"status", failed.empty() ? "ok" : "degraded"},
                             {"documents", s.documents()},
                             {"revision", s.revision()}};
    if (!failed.empty()) health["failed_shards"] = failed;
    SendJson(res, health);
  }));

  http.Get("/metrics", on_worker([this](const httplib::Request&, httplib::Response& res) {
    Searcher& s = ThreadSearcher();
    const FacetColumns* columns = context_->columns.get();
    res.set_content(metrics_->Render(s.documents(), s.revision()) + CacheMetrics(cache_->stats()) +
                        FacetColumnMetrics(columns ? columns->memory() : 0, columns ? columns->reads() : 0),
                    "text/plain; version=0.0.4");
  }));

  http.Get("/feed.atom", on_worker([this](const httplib::Request& req, httplib::Response& res) {
    ParamError error;
    std::optional<SearchRequest> r = ParseSearchParams(req.params, *context_->resolver, &error);
    if (!r) return SendError(res, 400, error.message);
    if (req.params.find("sort") == req.params.end()) r->sort = Sort::kNewest;
    if (req.params.find("per_page") == req.params.end()) r->per_page = 30;
    r->facets = false;
    SearchResult result = ThreadSearcher().Search(*r);
    FeedOptions feed{BaseUrl(req.get_header_value("Host")), EncodeParams(req.params), NowRfc3339()};
    res.set_content(AtomFeed(result, feed), "application/atom+xml; charset=utf-8");
  }));

  http.Get("/opensearch.xml", [this](const httplib::Request& req, httplib::Response& res) {
    res.set_content(OpenSearchDescription(BaseUrl(req.get_header_value("Host"))),
                    "application/opensearchdescription+xml; charset=utf-8");
  });

  http.Get(R"(/.*)", [this](const httplib::Request& req, httplib::Response& res) {
    if (req.path.rfind("/api/", 0) == 0) return SendError(res, 404, "no such endpoint: " + req.path);
    if (!StaticFiles::IsSafePath(req.path)) return SendError(res, 400, "not an acceptable path");
    std::optional<StaticFile> file = static_files_->Find(req.path);
    if (!file) return SendError(res, 404, "no such file: " + req.path);
    bool html = file->content_type.rfind("text/html", 0) == 0;
    res.set_header("Cache-Control", html ? "no-cache" : "public, max-age=300");
    if (html) res.set_header("Referrer-Policy", "strict-origin-when-cross-origin");
    res.set_content(std::move(file->content), file->content_type);
  });
}

}  // namespace kavosh::search
