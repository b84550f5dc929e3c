#include "searchd/shards.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kavosh::search {

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r");
  size_t e = s.find_last_not_of(" \t\r");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool ParsePort(const std::string& text, unsigned* port) {
  char* end = nullptr;
  long v = std::strtol(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || v < 1 || v > 65535) return false;
  *port = static_cast<unsigned>(v);
  return true;
}

}  // namespace

bool ParseStub(const std::string& path, std::vector<ShardSpec>* shards, std::string* spelling_path,
               std::string* error) {
  std::ifstream in(path);
  if (!in) {
    *error = path + ": cannot read";
    return false;
  }
  std::filesystem::path dir = std::filesystem::path(path).parent_path();
  auto local = [&](const std::string& p) {
    std::filesystem::path fp(p);
    return (fp.is_absolute() ? fp : dir / fp).string();
  };
  std::string line;
  int line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    line = Trim(line);
    std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (line.rfind("#kavosh-spelling", 0) == 0) {
      std::string p = Trim(line.substr(16));
      if (p.empty()) {
        *error = where + "#kavosh-spelling needs a path";
        return false;
      }
      *spelling_path = local(p);
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::vector<std::string> w;
    for (std::string x; words >> x;) w.push_back(x);
    ShardSpec spec;
    spec.name = line;
    if (w[0] == "remote") {
      spec.remote = true;
      if (w.size() == 4 && w[1] == "tcp") {
        spec.host = w[2];
        if (!ParsePort(w[3], &spec.port)) {
          *error = where + "bad port '" + w[3] + "'";
          return false;
        }
      } else if (w.size() == 2) {
        std::string hp = w[1];
        if (!hp.empty() && hp[0] == ':') hp = hp.substr(1);
        size_t colon = hp.rfind(':');
        if (colon == std::string::npos || !ParsePort(hp.substr(colon + 1), &spec.port)) {
          *error = where + "expected 'remote HOST:PORT' or 'remote tcp HOST PORT'";
          return false;
        }
        spec.host = hp.substr(0, colon);
      } else {
        *error = where + "expected 'remote HOST:PORT' or 'remote tcp HOST PORT'";
        return false;
      }
    } else if ((w[0] == "auto" || w[0] == "glass") && w.size() == 2) {
      spec.path = local(w[1]);
    } else if (w.size() == 1) {
      spec.path = local(w[0]);
    } else {
      *error = where + "not a shard line: '" + line + "'";
      return false;
    }
    shards->push_back(std::move(spec));
  }
  if (shards->empty()) {
    *error = path + ": lists no shard";
    return false;
  }
  return true;
}

std::unique_ptr<ShardSet> ShardSet::Open(const std::string& path, const ShardOptions& options,
                                         std::string* error) {
  std::unique_ptr<ShardSet> set(new ShardSet(options));
  std::error_code ec;
  std::string spelling_path;
  std::vector<ShardSpec> specs;
  if (std::filesystem::is_directory(path, ec)) {
    specs.push_back({path, false, path, "", 0});
  } else if (!ParseStub(path, &specs, &spelling_path, error)) {
    return nullptr;
  }
  for (ShardSpec& spec : specs) {
    set->any_remote_ = set->any_remote_ || spec.remote;
    set->shards_.push_back({std::move(spec), std::nullopt, {}, ""});
  }
  std::string errors;
  for (Shard& shard : set->shards_) {
    if (!set->TryOpen(&shard)) errors += (errors.empty() ? "" : "; ") + shard.spec.name + ": " + shard.error;
  }
  set->Rebuild();
  if (set->down().size() == set->shards_.size()) {
    *error = "cannot open database " + path + ": " + errors;
    return nullptr;
  }
  if (!spelling_path.empty()) {
    try {
      set->spelling_ = Xapian::Database(spelling_path);
      set->own_spelling_ = true;
    } catch (const Xapian::Error& e) {
      *error = "cannot open spelling database " + spelling_path + ": " + e.get_description();
      return nullptr;
    }
  } else if (!set->any_remote_) {
    set->spelling_ = set->db_;
  }
  return set;
}

bool ShardSet::TryOpen(Shard* shard) {
  try {
    if (shard->spec.remote) {
      shard->db = Xapian::Remote::open(shard->spec.host, shard->spec.port, options_.timeout_ms,
                                       options_.connect_timeout_ms);
    } else {
      shard->db = Xapian::Database(shard->spec.path);
    }
    shard->error.clear();
    return true;
  } catch (const Xapian::Error& e) {
    shard->db.reset();
    shard->error = e.get_description();
    shard->retry_at = std::chrono::steady_clock::now() + options_.retry_after;
    return false;
  }
}

void ShardSet::Rebuild() {
  Xapian::Database combined;
  for (const Shard& shard : shards_) {
    if (shard.db) combined.add_database(*shard.db);
  }
  db_ = combined;
  if (!any_remote_ && !own_spelling_ && spelling_) spelling_ = db_;
}

std::string ShardSet::CheckEach(
    const std::function<std::string(const Xapian::Database&)>& check) const {
  for (const Shard& shard : shards_) {
    if (!shard.db) continue;
    std::string why = check(*shard.db);
    if (!why.empty()) return shards_.size() > 1 ? "shard " + shard.spec.name + ": " + why : why;
  }
  return "";
}

std::vector<std::string> ShardSet::down() const {
  std::vector<std::string> names;
  for (const Shard& shard : shards_) {
    if (!shard.db) names.push_back(shard.spec.name);
  }
  return names;
}

bool ShardSet::Recheck() {
  bool changed = false;
  for (Shard& shard : shards_) {
    if (!shard.db || !shard.spec.remote) continue;
    try {
      shard.db->keep_alive();
      shard.db->get_doccount();
      continue;
    } catch (const Xapian::Error&) {
      // A query cut short by another shard's failure can leave this connection out of
      // step: a fresh connection tells a live shard from a dead one.
    }
    changed = true;
    TryOpen(&shard);
  }
  if (changed) Rebuild();
  return changed;
}

bool ShardSet::Refresh() {
  bool changed = false;
  auto now = std::chrono::steady_clock::now();
  for (Shard& shard : shards_) {
    if (shard.db) {
      try {
        shard.db->reopen();
      } catch (const Xapian::Error& e) {
        shard.db.reset();
        shard.error = e.get_description();
        shard.retry_at = now + options_.retry_after;
        changed = true;
      }
    } else if (now >= shard.retry_at && TryOpen(&shard)) {
      changed = true;
    }
  }
  if (changed) {
    Rebuild();
  } else {
    db_.reopen();
  }
  if (own_spelling_) spelling_->reopen();
  return changed;
}

std::vector<Xapian::Database> ShardSet::local_databases() const {
  std::vector<Xapian::Database> out;
  for (const Shard& shard : shards_) {
    if (!shard.spec.remote && shard.db) out.push_back(*shard.db);
  }
  return out;
}

const std::string* ShardSet::one_local_database() const {
  std::error_code ec;
  if (shards_.size() != 1 || shards_[0].spec.remote || !shards_[0].db ||
      !std::filesystem::is_directory(shards_[0].spec.path, ec)) {
    return nullptr;
  }
  return &shards_[0].spec.path;
}

std::vector<Xapian::Database> ShardSet::OpenLocalAgain() const {
  std::vector<Xapian::Database> out;
  if (any_remote_) return out;
  try {
    for (const Shard& shard : shards_) {
      if (shard.db) out.emplace_back(shard.spec.path);
    }
  } catch (const Xapian::Error&) {
    out.clear();  // gone since: the caller counts on one thread
  }
  return out;
}

std::string ShardSet::Generation() const {
  if (any_remote_) return "";
  std::string out;
  for (const Shard& shard : shards_) {
    out += shard.spec.name;
    out += shard.db ? "@" + std::to_string(shard.db->get_revision()) : std::string("@down");
    out += ';';
  }
  // Otherwise the spelling table is the shards' own, whose revisions are above.
  if (own_spelling_) out += "spelling@" + std::to_string(spelling_->get_revision());
  return out;
}

}  // namespace kavosh::search
