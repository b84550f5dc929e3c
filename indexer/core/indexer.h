// The indexing pipeline: inputs -> readers -> enrichment and analysis (a pool of threads)
// -> duplicate detection and one Xapian writer (its own thread) committing in batches.
//
//   IndexerOptions options;
//   options.db_path = "db";
//   std::string error;
//   auto indexer = Indexer::Open(options, &error);   // nullptr + error on failure
//   indexer->AddPath("news/");                        // files, directories, "-" for stdin
//   IndexStats stats = indexer->Finish();             // commits what is left
//
// The caller's thread reads and parses the input; up to `threads` threads enrich and analyse
// articles; one writer thread finds duplicates and writes the documents in input order, so
// the database is the same whatever the number of threads (same documents, same docids).
//
// Crash safety: every batch is one Xapian commit, so a killed indexer leaves a database
// holding exactly the batches it committed; ids are stable, so running it again upserts
// the rest and every article is present once. Not thread-safe: one thread drives it.
// Xapian and I/O errors are thrown (Xapian::Error, std::exception) from AddPath(),
// AddArticles(), Delete() or Finish(), whichever comes next.
#ifndef KAVOSH_INDEXER_CORE_INDEXER_H_
#define KAVOSH_INDEXER_CORE_INDEXER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "indexer/core/band_index.h"
#include "indexer/core/document_builder.h"
#include "indexer/core/facet_dictionary.h"
#include "indexer/core/internal/stage_profile.h"
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
  // Sharding (docs/deployment.md): with shards > 0, db_path is a directory that gets
  // shard-0 … shard-(N-1), a spelling database and kavosh.stub; an article goes to shard
  // ShardOf(id, shards). With only_shard >= 0, only that shard is written (one machine
  // per shard) and articles of other shards are skipped.
  unsigned shards = 0;
  int only_shard = -1;
  unsigned threads = 0;      // enrichment and analysis threads; 0 = hardware concurrency
  std::string data_dir;      // gazetteers; empty = default
  bool progress = false;     // a progress line on standard error
  bool profile = false;      // Finish() prints CPU seconds per pipeline stage on stderr
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
  uint64_t other_shards = 0;  // with only_shard: articles of other shards, left alone
  uint64_t analysed = 0;      // articles enriched and analysed (read, less other shards)
  uint64_t documents = 0;   // articles in the database afterwards
};

class Indexer {
 public:
  static std::unique_ptr<Indexer> Open(const IndexerOptions& options, std::string* error);
  ~Indexer();

  // Reads a file, a directory (recursively, sorted) or "-" (standard input). Returns when
  // every article read is written (complete batches are committed, the rest waits for the
  // next batch or Finish()).
  void AddPath(const std::string& path);
  // The same for articles already read; `reference` as IndexerOptions::reference.
  void AddArticles(std::vector<schema::Article> articles, const dates::GregorianDate& reference);
  // Removes articles by id; unknown ids are ignored (and not counted).
  void Delete(const std::vector<std::string>& ids);
  // Writes what is pending, commits and returns the totals.
  IndexStats Finish();

 private:
  struct Job {
    schema::Article article;
    dates::GregorianDate reference;
  };
  class Pipeline;

  explicit Indexer(const IndexerOptions& options);
  void Reject(const readers::ReadError& error);
  void ReadPath(const std::string& path);
  void Enqueue(schema::Article article, const dates::GregorianDate& reference);
  // Hands the articles read so far to the pipeline and waits until they are written.
  void Drain();
  // Worker threads: enrichment, analysis, the document without its story.
  PreparedDocument Prepare(Job& job, unsigned worker);
  // The writer thread (or the caller's, once drained).
  void Write(PreparedDocument& prepared);
  std::string FindStory(const PreparedDocument& prepared, Xapian::docid own);
  // The number in reader_ of document `did` of the shard being written.
  Xapian::docid ReaderDocid(Xapian::docid did) const;
  void Commit();
  void ShowProgress(bool final);

  IndexerOptions options_;
  Xapian::WritableDatabase db_;  // the shard being written to (the only one unsharded)
  std::vector<Xapian::WritableDatabase> shard_dbs_;  // sharded: every shard (or the one)
  std::vector<unsigned> shard_numbers_;              // their shard numbers
  std::optional<Xapian::WritableDatabase> spelling_db_;
  Xapian::Database reader_;  // every shard written here, for duplicate lookups
  // Near-duplicate candidates: band hashes of every article in reader_, by its number there.
  BandIndex bands_;
  unsigned current_ = 0;     // index into shard_dbs_ of db_
  bool Select(const std::string& id);
  // Facet numbers of each of shard_dbs_, opened when first written to.
  std::vector<std::unique_ptr<FacetDictionary>> dictionaries_;
  entities::Gazetteer gazetteer_;
  std::vector<std::unique_ptr<analyzers::Analyzer>> analyzers_;  // one per worker
  std::vector<Job> chunk_;  // read, not yet handed to the pipeline
  // Reader side (the caller's thread): read, rejected. Writer side: the rest.
  IndexStats stats_;
  size_t uncommitted_ = 0;  // documents written since the last commit
  // Spelling words of the documents written since the last commit, with their counts:
  // added to the spelling table once per batch rather than once per document.
  std::unordered_map<std::string, Xapian::termcount> spelling_;
  double started_ = 0;
  double last_progress_ = 0;
  uint64_t reader_cpu_start_ = 0;
  std::unique_ptr<internal::StageProfile> profile_;  // null unless options.profile
  std::unique_ptr<Pipeline> pipeline_;               // last: its threads use everything above
};

// The shard of an article: FNV-1a (64-bit) of its id modulo `shards`. Stable across
// runs and machines, so re-indexing an article lands in the same shard.
unsigned ShardOf(std::string_view id, unsigned shards);

// Parses "YYYY-MM-DD" (or any date ParseDateParam accepts).
bool ParseReferenceDate(const std::string& text, dates::GregorianDate* out);

}  // namespace kavosh::indexer

#endif  // KAVOSH_INDEXER_CORE_INDEXER_H_
