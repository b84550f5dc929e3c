#include "searchd/static_files.h"

#include <fstream>
#include <sstream>
#include <system_error>

#include "analyzers/normalizer.h"

namespace kavosh::search {

namespace {

constexpr uintmax_t kMaxFileBytes = 16u << 20;

std::string ContentType(const std::filesystem::path& p) {
  std::string ext = p.extension().string();
  if (ext == ".html" || ext == ".htm") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".jpg" || ext == ".jpeg") return "image/jpeg";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt" || ext == ".md") return "text/plain; charset=utf-8";
  if (ext == ".xml") return "application/xml";
  return "application/octet-stream";
}

}  // namespace

StaticFiles::StaticFiles(const std::string& root) {
  if (root.empty()) return;
  std::error_code ec;
  std::filesystem::path canonical = std::filesystem::canonical(root, ec);
  if (!ec && std::filesystem::is_directory(canonical, ec)) root_ = canonical;
}

bool StaticFiles::IsSafePath(std::string_view path) {
  if (path.empty() || path[0] != '/' || path.size() > 1024) return false;
  if (!analyzers::IsValidUtf8(path)) return false;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (!segment.empty() && segment[0] == '.') return false;  // "..", ".git", ".env"
    start = end + 1;
  }
  for (char c : path) {
    if (c == '\\' || c == '\0' || c == ':' || static_cast<unsigned char>(c) < 0x20) return false;
  }
  return true;
}

std::optional<StaticFile> StaticFiles::Find(std::string_view path) const {
  if (root_.empty() || !IsSafePath(path)) return std::nullopt;
  std::string rel(path.substr(1));
  if (rel.empty() || rel.back() == '/') rel += "index.html";
  std::error_code ec;
  std::filesystem::path full = std::filesystem::weakly_canonical(root_ / rel, ec);
  if (ec) return std::nullopt;
  // After resolving symlinks the file must still be inside the root.
  auto [root_end, ignored] = std::mismatch(root_.begin(), root_.end(), full.begin(), full.end());
  if (root_end != root_.end()) return std::nullopt;
  if (!std::filesystem::is_regular_file(full, ec) || ec) return std::nullopt;
  if (std::filesystem::file_size(full, ec) > kMaxFileBytes || ec) return std::nullopt;
  std::ifstream in(full, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream content;
  content << in.rdbuf();
  return StaticFile{content.str(), ContentType(full)};
}

}  // namespace kavosh::search
