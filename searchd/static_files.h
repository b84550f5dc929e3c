// Static files of the web root (the demo page and the widget), served without ever
// reading outside the root: no "..", no hidden files, no symlink escapes.
//
//   StaticFiles files("web");
//   std::optional<StaticFile> f = files.Find("/kavosh-search.js");
#ifndef KAVOSH_SEARCHD_STATIC_FILES_H_
#define KAVOSH_SEARCHD_STATIC_FILES_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace kavosh::search {

struct StaticFile {
  std::string content;
  std::string content_type;
};

class StaticFiles {
 public:
  // An empty or missing root serves nothing.
  explicit StaticFiles(const std::string& root);

  // `path` is the decoded URL path ("/" means "/index.html"). nullopt when the path is
  // unsafe, not a regular file inside the root, or larger than 16 MB.
  std::optional<StaticFile> Find(std::string_view path) const;

  // Whether `path` is acceptable at all (for telling 400 from 404).
  static bool IsSafePath(std::string_view path);

 private:
  std::filesystem::path root_;  // canonical; empty when serving nothing
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_STATIC_FILES_H_
