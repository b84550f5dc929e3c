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
#include "indexer/dates/date_extractor.h"
#include "indexer/readers/jsonl_reader.h"
#include "schema/schema.h"

namespace kavosh::indexer {

namespace fs = std::filesystem;
namespace sc = kavosh::schema;

namespace {

double Now() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// Candidates sharing a band are compared on their signatures; a few are enough.
constexpr Xapian::doccount kMaxCandidates = 20;

}  // namespace

struct Indexer::Workers {
  std::vector<std::unique_ptr<analyzers::Analyzer>> analyzers;
};

bool ParseReferenceDate(const std::string& text, dates::GregorianDate* out) {
  return dates::ParseDateParam(text, out);
}

Indexer::Indexer(const IndexerOptions& options) : options_(options) {}
Indexer::~Indexer() = default;

std::unique_ptr<Indexer> Indexer::Open(const IndexerOptions& options, std::string* error) {
  std::unique_ptr<Indexer> indexer(new Indexer(options));
  try {
    indexer->db_ = Xapian::WritableDatabase(options.db_path, Xapian::DB_CREATE_OR_OPEN);
  } catch (const Xapian::Error& e) {
    *error = "cannot open database " + options.db_path + ": " + e.get_description();
    return nullptr;
  }
  std::string incompatible = sc::CheckCompatible(indexer->db_, analyzers::kAnalyzerVersion);
  if (!incompatible.empty()) {
    *error = options.db_path + ": " + incompatible;
    return nullptr;
  }
  entities::GazetteerOptions gazetteer_options;
  gazetteer_options.data_dir = options.data_dir;
  indexer->gazetteer_ = entities::Gazetteer::Load(gazetteer_options);
  for (const auto& e : indexer->gazetteer_.errors()) {
    if (options.on_error) options.on_error(e);
  }
  unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
  indexer->workers_ = std::make_unique<Workers>();
  for (unsigned i = 0; i < std::max(1u, threads); ++i) {
    indexer->workers_->analyzers.push_back(std::make_unique<analyzers::Analyzer>());
  }
  indexer->started_ = Now();
  return indexer;
}

void Indexer::Reject(const readers::ReadError& error) {
  ++stats_.rejected;
  if (options_.on_error) options_.on_error(error.ToString());
}

void Indexer::AddPath(const std::string& path) {
  if (path == "-") {
    readers::ReadResult r = readers::ReadStream(std::cin, "-", options_.format);
    for (const auto& e : r.errors) Reject(e);
    AddArticles(std::move(r.articles), options_.reference);
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
    for (const auto& f : files) AddPath(f);
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
  AddArticles(std::move(r.articles), reference);
}

void Indexer::AddArticles(std::vector<schema::Article> articles,
                          const dates::GregorianDate& reference) {
  for (auto& a : articles) Enqueue(std::move(a), reference);
}

void Indexer::Enqueue(schema::Article article, const dates::GregorianDate& reference) {
  ++stats_.read;
  pending_.emplace_back(std::move(article), reference);
  if (pending_.size() >= options_.batch_size) FlushBatch();
}

void Indexer::FlushBatch() {
  if (pending_.empty()) return;
  std::vector<PreparedDocument> prepared(pending_.size());
  Enricher enricher(&gazetteer_);
  size_t n = workers_->analyzers.size();
  auto work = [&](size_t worker) {
    for (size_t i = worker; i < pending_.size(); i += n) {
      auto& [article, reference] = pending_[i];
      enricher.Enrich(&article, reference);
      prepared[i] = PrepareDocument(std::move(article), *workers_->analyzers[worker]);
    }
  };
  std::vector<std::thread> threads;
  for (size_t w = 1; w < n; ++w) threads.emplace_back(work, w);
  work(0);
  for (auto& t : threads) t.join();
  pending_.clear();
  for (auto& p : prepared) Write(&p);
  db_.set_metadata(std::string(sc::kMetaSchemaVersion), std::to_string(sc::kSchemaVersion));
  db_.set_metadata(std::string(sc::kMetaAnalyzerVersion),
                   std::to_string(analyzers::kAnalyzerVersion));
  db_.set_metadata(std::string(sc::kMetaLexicon), workers_->analyzers[0]->lexicon().Identity());
  db_.commit();
  ShowProgress(false);
}

std::string Indexer::FindStory(const PreparedDocument& p) {
  const std::string own_id_term = std::string(sc::kPrefixId) + p.article.id;
  // Exact copy: same normalised text.
  std::string exact_term = std::string(sc::kPrefixExact) + p.fingerprint.exact_key;
  for (auto it = db_.postlist_begin(exact_term); it != db_.postlist_end(exact_term); ++it) {
    Xapian::Document other = db_.get_document(*it);
    std::string story = other.get_value(sc::kSlotStory);
    auto term = other.termlist_begin();
    term.skip_to(std::string(sc::kPrefixId));
    if (term != other.termlist_end() && *term == own_id_term) continue;  // itself
    if (!story.empty()) return story;
  }
  if (p.fingerprint.band_keys.empty()) return "";
  std::vector<Xapian::Query> bands;
  for (const auto& b : p.fingerprint.band_keys) bands.emplace_back(std::string(sc::kPrefixBand) + b);
  Xapian::Enquire enquire(db_);
  enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, bands.begin(), bands.end()));
  enquire.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet candidates = enquire.get_mset(0, kMaxCandidates);
  double best = 0;
  std::string best_story;
  for (auto it = candidates.begin(); it != candidates.end(); ++it) {
    Xapian::Document other = it.get_document();
    auto term = other.termlist_begin();
    term.skip_to(std::string(sc::kPrefixId));
    if (term != other.termlist_end() && *term == own_id_term) continue;
    double j = EstimateJaccard(p.fingerprint.signature,
                               DecodeSignature(other.get_value(sc::kSlotMinHash)));
    if (j >= kNearDuplicateThreshold && j > best) {
      best = j;
      best_story = other.get_value(sc::kSlotStory);
    }
  }
  return best_story;
}

void Indexer::Write(PreparedDocument* p) {
  const std::string id_term = std::string(sc::kPrefixId) + p->article.id;
  bool exists = db_.term_exists(id_term);
  std::string story = FindStory(*p);
  if (story.empty()) {
    story = p->article.id;
  } else {
    ++stats_.duplicates;
  }
  FinishDocument(story, p);
  if (exists) {
    ++stats_.updated;
  } else {
    ++stats_.indexed;
    for (const auto& w : p->spelling_words) db_.add_spelling(w);
  }
  db_.replace_document(id_term, p->document);
}

void Indexer::Delete(const std::vector<std::string>& ids) {
  for (const auto& id : ids) {
    std::string term = std::string(sc::kPrefixId) + id;
    if (!db_.term_exists(term)) continue;
    db_.delete_document(term);
    ++stats_.deleted;
  }
  db_.commit();
}

void Indexer::ShowProgress(bool final) {
  if (!options_.progress) return;
  double now = Now();
  if (!final && now - last_progress_ < 0.5) return;
  last_progress_ = now;
  double rate = static_cast<double>(stats_.read) / std::max(1e-3, now - started_);
  std::fprintf(stderr, "\r%llu articles, %.0f articles/s, %llu rejected%s",
               static_cast<unsigned long long>(stats_.read), rate,
               static_cast<unsigned long long>(stats_.rejected), final ? "\n" : "   ");
  std::fflush(stderr);
}

IndexStats Indexer::Finish() {
  FlushBatch();
  if (db_.get_metadata(std::string(sc::kMetaSchemaVersion)).empty()) {
    db_.set_metadata(std::string(sc::kMetaSchemaVersion), std::to_string(sc::kSchemaVersion));
    db_.set_metadata(std::string(sc::kMetaAnalyzerVersion),
                     std::to_string(analyzers::kAnalyzerVersion));
  }
  db_.commit();
  ShowProgress(true);
  stats_.documents = db_.get_doccount();
  return stats_;
}

}  // namespace kavosh::indexer
