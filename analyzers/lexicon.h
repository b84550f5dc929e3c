// The word knowledge the analyzer relies on: stopwords, words the stemmer must not touch,
// irregular forms (Arabic broken plurals, irregular words), the conjugated forms of common
// verbs (built from data/analyzer/verbs.txt), known compounds, and the set
// of real Persian word forms from Debian's Hunspell list (myspell-fa), which tells which
// ZWNJ-less forms are compounds or prefixed verbs.
//
//   std::shared_ptr<const Lexicon> lex = Lexicon::Default();
//   if (lex->IsStopword("از")) ...
//
// A Lexicon is immutable after loading and safe to share between threads.
#ifndef KAVOSH_ANALYZERS_LEXICON_H_
#define KAVOSH_ANALYZERS_LEXICON_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace kavosh::analyzers {

// Hash and equality that let the sets below be searched with a std::string_view, without
// building a std::string per lookup (the analyzer does several lookups per word).
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

struct LexiconOptions {
  // Hunspell .dic word list; empty or unreadable means rules and embedded data only.
  std::string hunspell_path;
};

class Lexicon {
 public:
  // Loads the embedded data files (data/analyzer/*.txt) and the Hunspell list.
  static std::shared_ptr<const Lexicon> Load(const LexiconOptions& options);
  // The lexicon with the system Hunspell list (KAVOSH_HUNSPELL_DIC, overridable by the
  // environment variable KAVOSH_HUNSPELL), loaded once per process.
  static std::shared_ptr<const Lexicon> Default();

  // All lookups take normalised, ZWNJ-free forms.
  bool IsStopword(std::string_view w) const { return stopwords_.contains(w); }
  bool IsProtected(std::string_view w) const { return protected_.contains(w); }
  bool IsKnownWord(std::string_view w) const { return known_.contains(w); }
  // True when the form was written in the lexicon as `می‌…` / `نمی‌…` (a prefixed verb).
  bool IsPrefixedVerb(std::string_view w) const { return prefixed_.contains(w); }
  // The parts of a known compound (`رئیسجمهور` -> {رئیس, جمهور}), or nullptr.
  const std::vector<std::string>* CompoundParts(std::string_view joined) const;
  // False when `joined` is certainly not a compound; true when it may be (then ask
  // CompoundParts). Cheap: a bit test in a small filter, no hash table walk. The analyzer
  // tries every run of spaced words, nearly all of them no compound.
  bool MayBeCompound(std::string_view joined) const;
  // The lemma of an irregular form (`اخبار` -> `خبر`), or nullptr.
  const std::string* Irregular(std::string_view w) const;
  // The past stem of a conjugated form of a listed verb (`میروند` -> `رفت`), or nullptr.
  const std::string* VerbStem(std::string_view w) const;

  // Describes what was loaded, for the index metadata: "hunspell:<n forms>;data:<hash>".
  const std::string& Identity() const { return identity_; }
  // Distinct for every Lexicon loaded in this process (caches key on it).
  uint64_t id() const { return id_; }
  size_t hunspell_forms() const { return hunspell_forms_; }

 private:
  Lexicon() = default;
  void LoadEmbedded();
  void LoadHunspell(const std::string& path);
  void AddCompound(const std::vector<std::string>& units);
  void AddVerb(std::string_view past, std::string_view present);
  void AddVerbForm(std::string form, const std::string& past);

  StringSet stopwords_;
  StringSet protected_;
  StringSet known_;
  StringSet prefixed_;
  StringMap<std::vector<std::string>> compounds_;
  StringMap<std::string> irregular_;
  StringMap<std::string> verb_forms_;
  StringSet verb_past_stems_;
  std::vector<uint64_t> compound_filter_;  // Bloom filter over compounds_' keys
  uint64_t id_ = 0;
  std::string identity_;
  size_t hunspell_forms_ = 0;
};

// Affixes written apart from their word (after ZWNJ or a space). Shared by the lexicon
// loader and the analyzer so that both split words the same way.
bool IsVerbPrefix(std::string_view w);                          // می، نمی
bool IsSuffixAfterZwnj(std::string_view w);                     // ها، های، ترین، ای، ام …
bool IsSuffixAfterSpace(std::string_view w, std::string_view previous);  // ها، ترین; ای after ه

}  // namespace kavosh::analyzers

#endif  // KAVOSH_ANALYZERS_LEXICON_H_
