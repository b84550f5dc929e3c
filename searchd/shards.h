// The index searchd serves: one database directory, or a stub file listing shards that
// are local directories or remote databases served by xapian-tcpsrv. Each shard is
// opened on its own, with time limits for remote ones, so a shard that is down or slow
// is left out (and named) instead of failing or hanging every query; it is retried and
// rejoins when it answers again.
//
//   ShardSet shards = ShardSet::Open("index.stub", {}, &error);
//   Xapian::Database db = shards.database();          // the shards that are up
//   if (!shards.down().empty()) ... partial results
//
// Stub lines (docs/deployment.md): Xapian's own ("auto PATH", "glass PATH", "remote
// HOST:PORT", "PATH"), Kavosh's "remote tcp HOST PORT", '#' comments, and the directive
// "#kavosh-spelling PATH": a local database whose spelling table serves typo tolerance
// and did-you-mean (remote shards cannot). Relative paths are relative to the stub.
//
// Not thread-safe: one ShardSet per Searcher (per worker thread).
#ifndef KAVOSH_SEARCHD_SHARDS_H_
#define KAVOSH_SEARCHD_SHARDS_H_

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <xapian.h>

namespace kavosh::search {

struct ShardSpec {
  std::string name;  // as written in the stub, for messages and the response
  bool remote = false;
  std::string path;  // local
  std::string host;  // remote
  unsigned port = 0;
};

struct ShardOptions {
  unsigned timeout_ms = 3000;          // a remote shard slower than this is left out
  unsigned connect_timeout_ms = 1000;
  std::chrono::milliseconds retry_after{10000};  // before trying a down shard again
};

// Parses a stub file; false and *error ("FILE:LINE: why") on a malformed line.
bool ParseStub(const std::string& path, std::vector<ShardSpec>* shards,
               std::string* spelling_path, std::string* error);

class ShardSet {
 public:
  // A directory is one local shard. Fails (nullptr, *error) only when no shard opens.
  static std::unique_ptr<ShardSet> Open(const std::string& path, const ShardOptions& options,
                                        std::string* error);

  const Xapian::Database& database() const { return db_; }
  // Runs `check` on every shard that is up; the first complaint, prefixed with the
  // shard's name, or "" when all pass.
  std::string CheckEach(const std::function<std::string(const Xapian::Database&)>& check) const;
  // A local database for spelling suggestions: the stub's #kavosh-spelling, else the
  // combined database when every shard is local; nullopt when there is none.
  const std::optional<Xapian::Database>& spelling() const { return spelling_; }
  // Names of the shards left out of database().
  std::vector<std::string> down() const;
  bool sharded() const { return shards_.size() > 1 || any_remote_; }
  bool any_remote() const { return any_remote_; }
  // Each local shard that is up, alone (what database() combines).
  std::vector<Xapian::Database> local_databases() const;
  // The path of the set's one shard when it is local, up and a directory: one Xapian
  // database, not a stub of several (searchd/facet_column.h serves only such a
  // database); nullptr otherwise.
  const std::string* one_local_database() const;
  // The local shards that are up, each opened again (handles of their own, for another
  // thread), in database()'s order; empty when a shard is remote or one does not open.
  std::vector<Xapian::Database> OpenLocalAgain() const;
  // What the answers depend on: every shard's name and revision (or that it is down), and
  // the spelling database's. Changes with every commit seen by Refresh(). Empty when a
  // shard is remote: its revision is not known without asking it, so answers over remote
  // shards have no generation (searchd does not cache them).
  std::string Generation() const;

  // After a network error: finds the shards that no longer answer and leaves them out.
  // Returns true if database() changed.
  bool Recheck();
  // Reopens every shard that is up (new commits) and retries down shards whose wait is
  // over. Returns true if the set of shards changed.
  bool Refresh();

 private:
  struct Shard {
    ShardSpec spec;
    std::optional<Xapian::Database> db;
    std::chrono::steady_clock::time_point retry_at;
    std::string error;
  };
  explicit ShardSet(const ShardOptions& options) : options_(options) {}
  bool TryOpen(Shard* shard);
  void Rebuild();

  ShardOptions options_;
  std::vector<Shard> shards_;
  Xapian::Database db_;
  std::optional<Xapian::Database> spelling_;
  bool any_remote_ = false;
  bool own_spelling_ = false;  // spelling_ is the stub's #kavosh-spelling database
};

}  // namespace kavosh::search

#endif  // KAVOSH_SEARCHD_SHARDS_H_
