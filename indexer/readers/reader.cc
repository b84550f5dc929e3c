#include "indexer/readers/reader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <utility>
#include <vector>

#include "indexer/readers/html_reader.h"
#include "indexer/readers/jsonl_reader.h"
#include "indexer/readers/rss_reader.h"
#include "indexer/readers/text_page_reader.h"
#include "indexer/readers/text_util.h"

namespace kavosh::readers {

namespace {

constexpr size_t kSniffBytes = 4096;

std::string Extension(std::string_view path) {
  size_t slash = path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos || dot == 0) return "";
  return AsciiLower(name.substr(dot + 1));
}

Format SniffContent(std::string_view head) {
  std::string lower = AsciiLower(head.substr(0, kSniffBytes));
  size_t start = 0;
  constexpr std::string_view kBom = "\xEF\xBB\xBF";  // U+FEFF BYTE ORDER MARK
  if (std::string_view(lower).substr(0, kBom.size()) == kBom) start = kBom.size();
  start = lower.find_first_not_of(" \t\r\n", start);
  if (start == std::string::npos) return Format::kText;
  if (lower[start] == '{') return Format::kJsonl;
  if (lower[start] != '<') return Format::kText;
  if (lower.find("<rss", start) != std::string::npos ||
      lower.find("<feed", start) != std::string::npos ||
      lower.find("<rdf:rdf", start) != std::string::npos) {
    return Format::kRss;
  }
  return Format::kHtml;
}

ReadResult Dispatch(std::string_view data, std::string_view file_name, Format format) {
  if (format == Format::kAuto) format = DetectFormat(file_name, data.substr(0, kSniffBytes));
  switch (format) {
    case Format::kJsonl:
      return ReadJsonl(data, file_name);
    case Format::kText:
      return ReadTextPage(data, file_name);
    case Format::kHtml:
      return ReadHtml(data, file_name);
    case Format::kRss:
      return ReadFeed(data, file_name);
    case Format::kAuto:
      break;
  }
  return ReadTextPage(data, file_name);
}

// Reads `in` to its end (istreambuf_iterator trips GCC 12's -Wnull-dereference).
std::string ReadAll(std::istream& in) {
  std::string data;
  std::vector<char> buffer(size_t{1} << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    data.append(buffer.data(), static_cast<size_t>(in.gcount()));
  }
  return data;
}

ReadResult ReadJsonlFromStream(std::istream& in, std::string_view file_name) {
  ReadResult result;
  ReadJsonlStream(
      in, file_name, [&](schema::Article&& a) { result.articles.push_back(std::move(a)); },
      [&](ReadError&& e) { result.errors.push_back(std::move(e)); });
  return result;
}

}  // namespace

std::string_view FormatName(Format format) {
  switch (format) {
    case Format::kAuto:
      return "auto";
    case Format::kJsonl:
      return "jsonl";
    case Format::kText:
      return "text";
    case Format::kHtml:
      return "html";
    case Format::kRss:
      return "rss";
  }
  return "auto";
}

std::optional<Format> ParseFormat(std::string_view name) {
  for (Format f : {Format::kAuto, Format::kJsonl, Format::kText, Format::kHtml, Format::kRss}) {
    if (name == FormatName(f)) return f;
  }
  return std::nullopt;
}

std::string ReadError::ToString() const {
  std::string out = Origin(file, line);
  out += ": ";
  out += reason;
  return out;
}

Format DetectFormat(std::string_view path, std::string_view head) {
  std::string ext = Extension(path);
  if (ext == "jsonl" || ext == "json" || ext == "ndjson") return Format::kJsonl;
  if (ext == "txt" || ext == "text") return Format::kText;
  if (ext == "html" || ext == "htm" || ext == "xhtml") return Format::kHtml;
  if (ext == "xml" || ext == "rss" || ext == "atom") return Format::kRss;
  return SniffContent(head);
}

ReadResult ReadBuffer(std::string_view data, std::string_view file_name, Format format) {
  return Dispatch(data, file_name, format);
}

ReadResult ReadStream(std::istream& in, std::string_view file_name, Format format) {
  std::string data = ReadAll(in);
  return Dispatch(data, file_name, format);
}

ReadResult ReadFile(const std::string& path, Format format) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return ReadResult{{}, {ReadError{path, 0, "is a directory"}}};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ReadResult{{},
                      {ReadError{path, 0, std::string("cannot open: ") + std::strerror(errno)}}};
  }
  if (format == Format::kAuto) {
    std::string head(kSniffBytes, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    format = DetectFormat(path, head);
    in.clear();
    in.seekg(0);
  }
  if (format == Format::kJsonl) {
    ReadResult result = ReadJsonlFromStream(in, path);
    if (in.bad()) result.errors.push_back(ReadError{path, 0, "read error"});
    return result;
  }
  std::string data = ReadAll(in);
  if (in.bad()) return ReadResult{{}, {ReadError{path, 0, "read error"}}};
  return Dispatch(data, path, format);
}

}  // namespace kavosh::readers
