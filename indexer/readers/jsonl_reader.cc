#include "indexer/readers/jsonl_reader.h"

#include <cstring>
#include <nlohmann/json.hpp>
#include <sstream>
#include <utility>
#include <vector>

#include "analyzers/normalizer.h"
#include "indexer/readers/text_util.h"

namespace kavosh::readers {

namespace {

using nlohmann::json;

// Records the first parse error; used only to explain a line the DOM parser rejected.
class ErrorRecorder : public nlohmann::json_sax<json> {
 public:
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    if (message_.empty()) message_ = ex.what();
    return false;
  }
  const std::string& message() const { return message_; }

 private:
  std::string message_;
};

// "[json.exception.parse_error.101] parse error at line 1, column 3: syntax error ..." ->
// "column 3: syntax error ...".
std::string ExplainBadJson(std::string_view line) {
  ErrorRecorder recorder;
  json::sax_parse(line, &recorder);
  std::string message = recorder.message();
  if (size_t pos = message.find("] "); pos != std::string::npos) message.erase(0, pos + 2);
  constexpr std::string_view kPrefix = "parse error at line 1, ";
  if (message.compare(0, kPrefix.size(), kPrefix) == 0) message.erase(0, kPrefix.size());
  if (message.empty()) return "bad JSON";
  return "bad JSON: " + message;
}

// True if arrays/objects nest deeper than `max_depth` (checked before building a DOM, so a
// line of ten million '[' costs a scan, not gigabytes).
bool TooDeep(std::string_view line, size_t max_depth) {
  size_t depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (char c : line) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max_depth) return true;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return false;
}

std::string ScalarToString(const json& v) {
  std::string out;
  switch (v.type()) {
    case json::value_t::string:
      out = v.get_ref<const std::string&>();
      break;
    case json::value_t::number_integer:
      out = std::to_string(v.get<int64_t>());
      break;
    case json::value_t::number_unsigned:
      out = std::to_string(v.get<uint64_t>());
      break;
    case json::value_t::number_float:
      out = v.dump();
      break;
    default:  // null, booleans, arrays, objects: nothing usable as text
      break;
  }
  // "\u0000" in a JSON string decodes to a NUL byte; nothing downstream wants one.
  if (out.find('\0') != std::string::npos) out = SanitizeUtf8(out);
  return out;
}

std::string Field(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  return ScalarToString(*it);
}

void AddTag(std::string tag, std::vector<std::string>* tags) {
  tag = CollapseSpaces(tag);
  if (tag.empty()) return;
  for (const auto& t : *tags) {
    if (t == tag) return;
  }
  tags->push_back(std::move(tag));
}

// A comma-separated string: ',' or U+060C ARABIC COMMA.
void SplitTags(std::string_view s, std::vector<std::string>* tags) {
  constexpr std::string_view kArabicComma = "\xD8\x8C";  // U+060C ARABIC COMMA
  size_t start = 0;
  for (size_t pos = 0; pos <= s.size();) {
    size_t sep_len = 0;
    if (pos == s.size()) {
      sep_len = 1;
    } else if (s[pos] == ',') {
      sep_len = 1;
    } else if (s.substr(pos, kArabicComma.size()) == kArabicComma) {
      sep_len = kArabicComma.size();
    }
    if (sep_len == 0) {
      ++pos;
      continue;
    }
    AddTag(std::string(s.substr(start, pos - start)), tags);
    pos += sep_len;
    start = pos;
  }
}

std::vector<std::string> Tags(const json& obj) {
  std::vector<std::string> tags;
  auto it = obj.find("tags");
  if (it == obj.end()) return tags;
  if (it->is_array()) {
    for (const auto& v : *it) AddTag(ScalarToString(v), &tags);
  } else if (it->is_string()) {
    SplitTags(it->get_ref<const std::string&>(), &tags);
  }
  return tags;
}

bool IsBlank(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

JsonlLine ParseJsonlLine(std::string_view line, std::string_view origin,
                         const JsonlOptions& options) {
  JsonlLine result;
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (IsBlank(line)) return result;
  if (line.size() > options.max_line_bytes) {
    result.error = "line longer than " + std::to_string(options.max_line_bytes) + " bytes";
    return result;
  }
  if (!analyzers::IsValidUtf8(line)) {
    result.error = "invalid UTF-8";
    return result;
  }
  if (TooDeep(line, options.max_depth)) {
    result.error = "JSON nested deeper than " + std::to_string(options.max_depth) + " levels";
    return result;
  }
  json obj = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (obj.is_discarded()) {
    result.error = ExplainBadJson(line);
    return result;
  }
  if (!obj.is_object()) {
    result.error = std::string("not a JSON object but ") + obj.type_name();
    return result;
  }
  schema::Article a;
  a.title = CollapseSpaces(Field(obj, "title"));
  a.body = NormalizeParagraphs(Field(obj, "body"));
  if (a.title.empty() && a.body.empty()) {
    result.error = "record has neither title nor body";
    return result;
  }
  a.id = TrimSpace(Field(obj, "id"));
  if (a.id.empty()) a.id = ContentId(a.title, a.body);
  a.url = TrimSpace(Field(obj, "url"));
  a.published = TrimSpace(Field(obj, "published"));
  a.source = TrimSpace(Field(obj, "source"));
  a.category = TrimSpace(Field(obj, "category"));
  a.tags = Tags(obj);
  a.origin = std::string(origin);
  result.article = std::move(a);
  return result;
}

void ReadJsonlStream(std::istream& in, std::string_view file_name,
                     const std::function<void(schema::Article&&)>& on_article,
                     const std::function<void(ReadError&&)>& on_error,
                     const JsonlOptions& options) {
  std::string line;
  bool overflow = false;
  size_t line_no = 0;
  auto finish_line = [&]() {
    ++line_no;
    if (overflow) {
      on_error(ReadError{std::string(file_name), line_no,
                         "line longer than " + std::to_string(options.max_line_bytes) + " bytes"});
    } else {
      JsonlLine parsed = ParseJsonlLine(line, Origin(file_name, line_no), options);
      if (parsed.article) {
        on_article(std::move(*parsed.article));
      } else if (!parsed.error.empty()) {
        on_error(ReadError{std::string(file_name), line_no, std::move(parsed.error)});
      }
    }
    line.clear();
    overflow = false;
  };

  std::vector<char> buffer(size_t{1} << 16);
  bool pending = false;  // bytes of an unfinished line were seen
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    size_t n = static_cast<size_t>(in.gcount());
    if (n == 0) break;
    size_t start = 0;
    while (start < n) {
      const void* hit = std::memchr(buffer.data() + start, '\n', n - start);
      size_t end = hit ? static_cast<size_t>(static_cast<const char*>(hit) - buffer.data()) : n;
      if (!overflow) {
        if (line.size() + (end - start) > options.max_line_bytes) {
          overflow = true;
          std::string().swap(line);  // release the memory of the rejected line
        } else {
          line.append(buffer.data() + start, end - start);
        }
      }
      if (hit) {
        finish_line();
        pending = false;
        start = end + 1;
      } else {
        pending = true;
        start = n;
      }
    }
  }
  if (pending) finish_line();
}

ReadResult ReadJsonl(std::string_view data, std::string_view file_name,
                     const JsonlOptions& options) {
  ReadResult result;
  size_t line_no = 0;
  size_t start = 0;
  while (start < data.size()) {
    size_t nl = data.find('\n', start);
    if (nl == std::string_view::npos) nl = data.size();
    ++line_no;
    std::string_view line = data.substr(start, nl - start);
    JsonlLine parsed = ParseJsonlLine(line, Origin(file_name, line_no), options);
    if (parsed.article) {
      result.articles.push_back(std::move(*parsed.article));
    } else if (!parsed.error.empty()) {
      result.errors.push_back(ReadError{std::string(file_name), line_no, std::move(parsed.error)});
    }
    start = nl + 1;
  }
  return result;
}

}  // namespace kavosh::readers
