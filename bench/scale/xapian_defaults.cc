// The Xapian-defaults indexing baseline of bench/scale/index-bench.sh: what a user gets
// from Xapian's TermGenerator as it comes, on the same JSONL articles as kavosh-indexer.
//
//   kavosh-xapian-defaults IN.jsonl DB
//
// One thread. Per article: a TermGenerator with its defaults (no stemmer, positions on)
// indexes the title, then the body after a gap of 100 positions; the id goes in as a
// boolean term `Q<id>`, the JSON record as the document's data; add_document, and one
// commit at the end. Xapian's flush threshold is left as it is (XAPIAN_FLUSH_THRESHOLD
// from the environment, else 10,000 documents). Lines that are not JSON objects with a
// string "id" are counted as rejected. Prints one JSON object:
// {"read":N,"indexed":N,"rejected":N,"seconds":S,"bytes":B} (bytes: the database
// directory as written). This is the baseline of the issue's figure "Xapian
// TermGenerator, defaults", measured on this machine in the same run.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>

namespace {

std::string Field(const nlohmann::json& record, const char* name) {
  auto it = record.find(name);
  return it != record.end() && it->is_string() ? it->get<std::string>() : std::string();
}

uintmax_t DirectoryBytes(const std::filesystem::path& dir) {
  uintmax_t total = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) total += entry.file_size();
  }
  return total;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s IN.jsonl DB\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1]);
  if (!in) {
    std::fprintf(stderr, "%s: cannot read\n", argv[1]);
    return 1;
  }
  std::filesystem::remove_all(argv[2]);
  const auto started = std::chrono::steady_clock::now();
  long read = 0, indexed = 0, rejected = 0;
  try {
    Xapian::WritableDatabase db(argv[2], Xapian::DB_CREATE);
    Xapian::TermGenerator generator;
    std::string line;
    while (std::getline(in, line)) {
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      ++read;
      nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      std::string id = record.is_object() ? Field(record, "id") : std::string();
      if (id.empty()) {
        ++rejected;
        continue;
      }
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(Field(record, "title"));
      generator.increase_termpos(100);
      generator.index_text(Field(record, "body"));
      const std::string id_term = "Q" + id.substr(0, 240);  // Xapian's term length limit
      doc.add_boolean_term(id_term);
      doc.set_data(line);
      db.replace_document(id_term, doc);
      ++indexed;
    }
    db.commit();
  } catch (const Xapian::Error& e) {
    std::fprintf(stderr, "%s: %s\n", argv[2], e.get_description().c_str());
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  nlohmann::json out = {{"read", read},       {"indexed", indexed},
                        {"rejected", rejected}, {"seconds", seconds},
                        {"bytes", DirectoryBytes(argv[2])}};
  std::cout << out.dump() << "\n";
  return 0;
}
