// The indexing pipeline: inputs -> readers -> enrichment -> analysis (in parallel) ->
// duplicate detection -> one Xapian writer committing in batches.
//
//   IndexerOptions options;
//   options.db_path = "db";
//   std::string error;
//   auto indexer = Indexer::Open(options, &error);   // nullptr + error on failure
//   indexer->AddPath("news/");                        // files, directories, "-" for stdin
//   IndexStats stats = indexer->Finish();             // commits what is left
//
// Crash safety: every batch is one Xapian commit, so a killed indexer leaves a database
// holding exactly the batches it committed; ids are stable, so running it again upserts
// the rest and every article is present once. Not thread-safe: one thread drives it.
#ifndef KAVOSH_INDEXER_CORE_INDEXER_H_
#define KAVOSH_INDEXER_CORE_INDEXER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <xapian.h>

#include "indexer/core/document_builder.h"
#include "indexer/dates/jalali.h"
#include "indexer/entities/gazetteer.h"
#include "indexer/readers/reader.h"

namespace kavosh::indexer {

struct IndexerOptions {
  std::string db_path;
  readers::Format format = readers::Format::kAuto;
  // The day inputs were collected; invalid: newest date written in each input, then each
  // article's published date.
  dates::GregorianDate reference;
  size_t batch_size = 2000;  // articles per commit
  unsigned threads = 0;      // analysis threads; 0 = hardware concurrency
  std::string data_dir;      // gazetteers; empty = default
  bool progress = false;     // a progress line on standard error
  // Receives every rejected record as "FILE:LINE: reason".
  std::function<void(const std::string&)> on_error;
};

struct IndexStats {
  uint64_t read = 0;        // records read from the inputs
  uint64_t indexed = 0;     // new articles written
  uint64_t updated = 0;     // articles whose id was already indexed (replaced)
  uint64_t duplicates = 0;  // articles found to be a copy of an indexed story
  uint64_t rejected = 0;    // records rejected (bad JSON, unreadable file, …)
  uint64_t deleted = 0;     // articles removed by Delete()
  uint64_t documents = 0;   // articles in the database afterwards
};

class Indexer {
 public:
  static std::unique_ptr<Indexer> Open(const IndexerOptions& options, std::string* error);
  ~Indexer();

  // Reads a file, a directory (recursively, sorted) or "-" (standard input).
  void AddPath(const std::string& path);
  void AddArticles(std::vector<schema::Article> articles, const dates::GregorianDate& reference);
  // Removes articles by id; unknown ids are ignored (and not counted).
  void Delete(const std::vector<std::string>& ids);
  // Writes what is pending, commits and returns the totals.
  IndexStats Finish();

 private:
  explicit Indexer(const IndexerOptions& options);
  void Reject(const readers::ReadError& error);
  void Enqueue(schema::Article article, const dates::GregorianDate& reference);
  void FlushBatch();
  void Write(PreparedDocument* prepared);
  std::string FindStory(const PreparedDocument& prepared);
  void ShowProgress(bool final);

  IndexerOptions options_;
  Xapian::WritableDatabase db_;
  entities::Gazetteer gazetteer_;
  std::vector<std::pair<schema::Article, dates::GregorianDate>> pending_;
  IndexStats stats_;
  double started_ = 0;
  double last_progress_ = 0;
  struct Workers;
  std::unique_ptr<Workers> workers_;
};

// Parses "YYYY-MM-DD" (or any date ParseDateParam accepts).
bool ParseReferenceDate(const std::string& text, dates::GregorianDate* out);

}  // namespace kavosh::indexer

#endif  // KAVOSH_INDEXER_CORE_INDEXER_H_
