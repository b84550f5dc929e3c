#include "indexer/core/indexer.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <thread>

#include "analyzers/analyzer.h"
#include "indexer/core/enricher.h"
#include "indexer/core/internal/ordered_pipeline.h"
#include "indexer/dates/date_extractor.h"
#include "indexer/readers/jsonl_reader.h"
#include "schema/build_info.h"
#include "schema/schema.h"

namespace kavosh::indexer {

namespace fs = std::filesystem;
namespace sc = kavosh::schema;

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Candidates sharing a band are compared on their signatures; a few are enough: the
// lowest docids (the oldest articles) first.
constexpr size_t kMaxCandidates = 20;

// Articles per unit of work handed to a worker thread, and units in flight: enough to keep
// every worker busy while the writer catches up, few enough to bound memory (a prepared
// document of a long article holds a few hundred kB of terms and positions).
constexpr size_t kChunkArticles = 8;
constexpr size_t kChunksInFlightPerWorker = 6;

}  // namespace

class Indexer::Pipeline : public internal::OrderedPipeline<Job, PreparedDocument> {
  using OrderedPipeline::OrderedPipeline;
};

bool ParseReferenceDate(const std::string& text, dates::GregorianDate* out) {
  return dates::ParseDateParam(text, out);
}

Indexer::Indexer(const IndexerOptions& options) : options_(options) {}

Indexer::~Indexer() {
  pipeline_.reset();  // joins the threads before the members they use go
}

std::unique_ptr<Indexer> Indexer::Open(const IndexerOptions& options, std::string* error) {
  std::unique_ptr<Indexer> indexer(new Indexer(options));
  try {
    if (options.shards == 0) {
      indexer->db_ = Xapian::WritableDatabase(options.db_path, Xapian::DB_CREATE_OR_OPEN);
      indexer->shard_dbs_.push_back(indexer->db_);
      indexer->shard_numbers_.push_back(0);
    } else {
      std::filesystem::create_directories(options.db_path);
      for (unsigned k = 0; k < options.shards; ++k) {
        if (options.only_shard >= 0 && k != static_cast<unsigned>(options.only_shard)) continue;
        indexer->shard_dbs_.emplace_back(options.db_path + "/shard-" + std::to_string(k),
                                         Xapian::DB_CREATE_OR_OPEN);
        indexer->shard_numbers_.push_back(k);
      }
      if (options.only_shard < 0) {
        indexer->spelling_db_.emplace(options.db_path + "/spelling", Xapian::DB_CREATE_OR_OPEN);
        std::ofstream stub(options.db_path + "/kavosh.stub");
        stub << "# Kavosh shards (docs/deployment.md); paths relative to this file\n";
        for (unsigned k = 0; k < options.shards; ++k) stub << "auto shard-" << k << "\n";
        stub << "#kavosh-spelling spelling\n";
      }
      indexer->db_ = indexer->shard_dbs_.front();
    }
    for (auto& shard : indexer->shard_dbs_) {
      std::string incompatible = sc::CheckCompatible(shard, analyzers::kAnalyzerVersion);
      if (!incompatible.empty()) {
        *error = options.db_path + ": " + incompatible;
        return nullptr;
      }
      indexer->reader_.add_database(shard);
    }
    // The near-duplicate candidates among the articles already indexed (after the check:
    // an index of another schema is refused without reading its signatures).
    for (auto it = indexer->reader_.valuestream_begin(sc::kSlotMinHash);
         it != indexer->reader_.valuestream_end(sc::kSlotMinHash); ++it) {
      for (uint64_t band : BandsOf(DecodeSignature(*it))) indexer->bands_.Add(band, it.get_docid());
    }
  } catch (const std::exception& e) {
    *error = "cannot open database " + options.db_path + ": " + e.what();
    return nullptr;
  } catch (const Xapian::Error& e) {
    *error = "cannot open database " + options.db_path + ": " + e.get_description();
    return nullptr;
  }
  entities::GazetteerOptions gazetteer_options;
  gazetteer_options.data_dir = options.data_dir;
  indexer->gazetteer_ = entities::Gazetteer::Load(gazetteer_options);
  for (const auto& e : indexer->gazetteer_.errors()) {
    if (options.on_error) options.on_error(e);
  }
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  threads = std::max(1u, threads);
  // Each worker makes its analyzer on first use, in its own thread: the lexicon loads
  // while the caller's thread already reads the input.
  indexer->analyzers_.resize(threads);
  internal::PipelineOptions pipeline_options;
  pipeline_options.workers = threads;
  pipeline_options.max_chunks_in_flight = kChunksInFlightPerWorker * threads;
  if (options.profile) indexer->profile_ = std::make_unique<internal::StageProfile>();
  Indexer* self = indexer.get();
  indexer->pipeline_ = std::make_unique<Pipeline>(
      pipeline_options, [self](Job& job, unsigned worker) { return self->Prepare(job, worker); },
      [self](PreparedDocument& p) { self->Write(p); });
  indexer->reader_cpu_start_ = internal::ThreadCpuNanos();
  indexer->started_ = Now();
  return indexer;
}

void Indexer::Reject(const readers::ReadError& error) {
  ++stats_.rejected;
  if (options_.on_error) options_.on_error(error.ToString());
}

void Indexer::AddPath(const std::string& path) {
  ReadPath(path);
  Drain();
}

void Indexer::ReadPath(const std::string& path) {
  if (path == "-") {
    readers::ReadResult r = readers::ReadStream(std::cin, "-", options_.format);
    for (const auto& e : r.errors) Reject(e);
    for (auto& a : r.articles) Enqueue(std::move(a), options_.reference);
    return;
  }
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    std::vector<std::string> files;
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::end(it);
         it.increment(ec)) {
      if (it->is_regular_file(ec)) {
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] != '.' && name != "README.md" && name != "EXPECTED.md" &&
            name != "SOURCE.txt") {
          files.push_back(it->path().string());
        }
      }
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) ReadPath(f);
    return;
  }
  readers::Format format = options_.format;
  if (format == readers::Format::kAuto) {
    std::ifstream probe(path, std::ios::binary);
    std::string head(4096, '\0');
    probe.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(probe.gcount()));
    format = readers::DetectFormat(path, head);
  }
  if (format == readers::Format::kJsonl) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      Reject({path, 0, "cannot open file"});
      return;
    }
    // Streamed: JSONL inputs carry their own published dates.
    readers::ReadJsonlStream(
        in, path, [&](schema::Article&& a) { Enqueue(std::move(a), options_.reference); },
        [&](readers::ReadError&& e) {
          ++stats_.read;
          Reject(e);
        });
    return;
  }
  readers::ReadResult r = readers::ReadFile(path, format);
  for (const auto& e : r.errors) Reject(e);
  dates::GregorianDate reference = options_.reference;
  if (!dates::IsValidGregorian(reference)) reference = NewestWrittenDate(r.articles);
  for (auto& a : r.articles) Enqueue(std::move(a), reference);
}

void Indexer::AddArticles(std::vector<schema::Article> articles,
                          const dates::GregorianDate& reference) {
  for (auto& a : articles) Enqueue(std::move(a), reference);
  Drain();
}

void Indexer::Enqueue(schema::Article article, const dates::GregorianDate& reference) {
  ++stats_.read;
  // --shard K: another machine's article is neither enriched nor analysed here.
  if (options_.only_shard >= 0 &&
      ShardOf(article.id, options_.shards) != static_cast<unsigned>(options_.only_shard)) {
    ++stats_.other_shards;
    return;
  }
  chunk_.push_back({std::move(article), reference});
  if (chunk_.size() >= kChunkArticles) {
    pipeline_->Submit(std::move(chunk_));
    chunk_.clear();
  }
}

void Indexer::Drain() {
  if (!chunk_.empty()) {
    pipeline_->Submit(std::move(chunk_));
    chunk_.clear();
  }
  pipeline_->Drain();
}

PreparedDocument Indexer::Prepare(Job& job, unsigned worker) {
  if (!analyzers_[worker]) analyzers_[worker] = std::make_unique<analyzers::Analyzer>();
  {
    internal::StageTimer timer(profile_.get(), internal::Stage::kEnrich);
    Enricher(&gazetteer_).Enrich(&job.article, job.reference);
  }
  internal::StageTimer timer(profile_.get(), internal::Stage::kAnalyse);
  return PrepareDocument(std::move(job.article), *analyzers_[worker]);
}

Xapian::docid Indexer::ReaderDocid(Xapian::docid did) const {
  // reader_ interleaves the shards' document numbers.
  return did == 0 ? 0 : (did - 1) * static_cast<Xapian::docid>(shard_dbs_.size()) + current_ + 1;
}

std::string Indexer::FindStory(const PreparedDocument& p, Xapian::docid own_in_shard) {
  const Xapian::docid own = ReaderDocid(own_in_shard);
  // Exact copy: same normalised text. The first (oldest) copy that has a story.
  const std::string exact_term = std::string(sc::kPrefixExact) + p.fingerprint.exact_key;
  for (auto it = reader_.postlist_begin(exact_term); it != reader_.postlist_end(exact_term); ++it) {
    if (*it == own) continue;  // the previous version of this article
    std::string story = reader_.get_document(*it).get_value(sc::kSlotStory);
    if (!story.empty()) return story;
  }
  if (p.fingerprint.bands.empty()) return "";
  // Near copy: the oldest kMaxCandidates articles sharing a band, compared on their
  // signatures. The table also holds the bands of articles deleted or replaced since,
  // and a few that only collide with these: an article's signature in the index decides.
  std::vector<Xapian::docid> candidates;
  for (uint64_t band : p.fingerprint.bands) bands_.Find(band, &candidates);
  std::sort(candidates.begin(), candidates.end());
  candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
  size_t looked = 0;
  double best = 0;
  std::string best_story;
  for (Xapian::docid did : candidates) {
    if (looked == kMaxCandidates) break;
    Xapian::Document other;
    try {
      other = reader_.get_document(did);
    } catch (const Xapian::DocNotFoundError&) {
      continue;  // deleted
    }
    std::vector<uint32_t> signature = DecodeSignature(other.get_value(sc::kSlotMinHash));
    if (!SharesBand(p.fingerprint.signature, signature)) continue;
    ++looked;
    if (did == own) continue;
    double j = EstimateJaccard(p.fingerprint.signature, signature);
    if (j >= kNearDuplicateThreshold && j > best) {
      best = j;
      best_story = other.get_value(sc::kSlotStory);
    }
  }
  return best_story;
}

unsigned ShardOf(std::string_view id, unsigned shards) {
  uint64_t h = 1469598103934665603ull;  // FNV-1a offset basis
  for (unsigned char c : id) h = (h ^ c) * 1099511628211ull;
  return shards == 0 ? 0 : static_cast<unsigned>(h % shards);
}

bool Indexer::Select(const std::string& id) {
  if (options_.shards == 0) return true;
  unsigned k = ShardOf(id, options_.shards);
  for (size_t i = 0; i < shard_numbers_.size(); ++i) {
    if (shard_numbers_[i] == k) {
      current_ = static_cast<unsigned>(i);
      db_ = shard_dbs_[i];
      return true;
    }
  }
  return false;  // another machine's shard
}

void Indexer::Write(PreparedDocument& p) {
  ++stats_.analysed;
  if (!Select(p.article.id)) return;
  const std::string id_term = std::string(sc::kPrefixId) + p.article.id;
  Xapian::PostingIterator previous = db_.postlist_begin(id_term);
  const bool exists = previous != db_.postlist_end(id_term);
  const Xapian::docid own = exists ? *previous : 0;
  std::string story;
  {
    internal::StageTimer timer(profile_.get(), internal::Stage::kStory);
    story = FindStory(p, own);
  }
  if (story.empty()) {
    story = p.article.id;
  } else {
    ++stats_.duplicates;
  }
  Xapian::docid did = own;
  {
    internal::StageTimer timer(profile_.get(), internal::Stage::kAdd);
    FinishDocument(story, &p);
    if (dictionaries_.size() < shard_dbs_.size()) dictionaries_.resize(shard_dbs_.size());
    std::unique_ptr<FacetDictionary>& dict = dictionaries_[current_];
    if (!dict) dict = std::make_unique<FacetDictionary>(&shard_dbs_[current_]);
    const schema::Article& a = p.article;
    p.document.add_value(sc::kSlotFacetIds,
                         dict->Encode(a.id, story, a.orgs, a.types, a.places,
                                      a.date.jalali.size() >= 7 ? a.date.jalali.substr(0, 7) : ""));
    if (exists) {
      ++stats_.updated;
      db_.replace_document(id_term, p.document);
    } else {
      ++stats_.indexed;
      for (auto& w : p.spelling_words) ++spelling_[std::move(w)];
      did = db_.add_document(p.document);  // what replace_document(id_term) does for a new id
    }
  }
  {
    internal::StageTimer timer(profile_.get(), internal::Stage::kStory);
    for (uint64_t band : p.fingerprint.bands) bands_.Add(band, ReaderDocid(did));
  }
  if (++uncommitted_ >= options_.batch_size) Commit();
}

void Indexer::Commit() {
  if (uncommitted_ == 0) return;
  internal::StageTimer timer(profile_.get(), internal::Stage::kCommit);
  // Sorted, so the spelling table is built the same way every run.
  std::vector<std::pair<std::string, Xapian::termcount>> words(spelling_.begin(), spelling_.end());
  spelling_.clear();
  std::sort(words.begin(), words.end());
  // Sharded: the spelling table lives in its own database (remote shards cannot serve
  // one), or with a single shard built alone, in that shard.
  Xapian::WritableDatabase& spelling = spelling_db_ ? *spelling_db_ : shard_dbs_.front();
  for (const auto& [word, count] : words) spelling.add_spelling(word, count);
  std::vector<Xapian::WritableDatabase*> all;
  for (auto& shard : shard_dbs_) all.push_back(&shard);
  if (spelling_db_) all.push_back(&*spelling_db_);
  for (Xapian::WritableDatabase* db : all) {
    db->set_metadata(std::string(sc::kMetaSchemaVersion), std::to_string(sc::kSchemaVersion));
    db->set_metadata(std::string(sc::kMetaAnalyzerVersion),
                     std::to_string(analyzers::kAnalyzerVersion));
    db->set_metadata(std::string(sc::kMetaLexicon), analyzers::Lexicon::Default()->Identity());
    db->commit();
  }
  uncommitted_ = 0;
  ShowProgress(false);
}

void Indexer::Delete(const std::vector<std::string>& ids) {
  Drain();
  for (const auto& id : ids) {
    std::string term = std::string(sc::kPrefixId) + id;
    for (auto& shard : shard_dbs_) {
      if (!shard.term_exists(term)) continue;
      shard.delete_document(term);
      ++stats_.deleted;
    }
  }
  Commit();
  for (auto& shard : shard_dbs_) shard.commit();
}

void Indexer::ShowProgress(bool final) {
  if (!options_.progress) return;
  double now = Now();
  if (!final && now - last_progress_ < 0.5) return;
  last_progress_ = now;
  uint64_t written = stats_.indexed + stats_.updated;
  double rate = static_cast<double>(written) / std::max(1e-3, now - started_);
  std::fprintf(stderr, "\r%llu articles, %.0f articles/s%s",
               static_cast<unsigned long long>(written), rate, final ? "\n" : "   ");
  std::fflush(stderr);
}

IndexStats Indexer::Finish() {
  Drain();
  if (profile_) {
    profile_->Add(internal::Stage::kRead, internal::ThreadCpuNanos() - reader_cpu_start_);
  }
  Commit();
  std::vector<Xapian::WritableDatabase*> all;
  for (auto& shard : shard_dbs_) all.push_back(&shard);
  if (spelling_db_) all.push_back(&*spelling_db_);
  for (Xapian::WritableDatabase* db : all) {
    if (db->get_metadata(std::string(sc::kMetaSchemaVersion)).empty()) {
      db->set_metadata(std::string(sc::kMetaSchemaVersion), std::to_string(sc::kSchemaVersion));
      db->set_metadata(std::string(sc::kMetaAnalyzerVersion),
                       std::to_string(analyzers::kAnalyzerVersion));
    }
    db->commit();
  }
  ShowProgress(true);
  stats_.documents = 0;
  for (auto& shard : shard_dbs_) stats_.documents += shard.get_doccount();
  if (profile_) {
    std::fprintf(stderr, "%sallocator    %s\n", profile_->Report().c_str(),
                 schema::AllocatorName().c_str());
  }
  return stats_;
}

}  // namespace kavosh::indexer
