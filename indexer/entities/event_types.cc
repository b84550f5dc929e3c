#include "indexer/entities/event_types.h"

#include <algorithm>
#include <limits>

#include "indexer/entities/tsv.h"

namespace kavosh::embedded {
extern const std::string_view event_types_data;
}  // namespace kavosh::embedded

namespace kavosh::entities {

namespace {

constexpr double kTitleWeight = 4.0;
constexpr double kLeadWeight = 2.0;
constexpr double kBodyWeight = 0.5;
constexpr int kMaxBodyHits = 3;
constexpr double kKeepScore = 2.0;
constexpr int kBodyOnlyHits = 2;

struct Tally {
  double score = 0;
  int body_hits = 0;
  size_t first = std::numeric_limits<size_t>::max();  // section * kSectionSpan + token
};

constexpr size_t kSectionSpan = size_t{1} << 40;

}  // namespace

EventTypeTable EventTypeTable::Parse(std::string_view tsv, std::string_view file_name,
                                     std::vector<std::string>* errors) {
  auto report = [&](size_t line, std::string_view reason) {
    if (errors != nullptr) errors->push_back(internal::LineError(file_name, line, reason));
  };
  EventTypeTable table;
  table.cues_.set_suffixes({"هایی", "های", "ها", "ای", "ی"});
  for (const internal::TsvRow& row : internal::SplitTsv(tsv)) {
    if (row.fields.size() < 2 || row.fields.size() > 3) {
      report(row.line, "expected 'value TAB label TAB cues', got " +
                           std::to_string(row.fields.size()) + " fields");
      continue;
    }
    EventType type{row.fields[0], row.fields[1], {}};
    if (type.value.empty() || type.label.empty()) {
      report(row.line, "empty type value or label");
      continue;
    }
    bool known = std::any_of(table.types_.begin(), table.types_.end(),
                             [&](const EventType& t) { return t.value == type.value; });
    if (known) {
      report(row.line, "type '" + type.value + "' given twice");
      continue;
    }
    int index = static_cast<int>(table.types_.size());
    if (row.fields.size() == 3) {
      for (std::string& cue : internal::SplitAliases(row.fields[2])) {
        int existing = -1;
        if (!table.cues_.Add(cue, index, &existing)) {
          if (existing == index) continue;  // a spelling variant of a cue of this type
          report(row.line, existing < 0 ? "cue '" + cue + "' has no word"
                                        : "cue '" + cue + "' already belongs to '" +
                                              table.types_[existing].value + "'");
          continue;
        }
        type.cues.push_back(std::move(cue));
      }
    }
    table.types_.push_back(std::move(type));
  }
  return table;
}

const EventTypeTable& EventTypeTable::BuiltIn() {
  // An immutable constant built once from the embedded file, not mutable global state.
  static const EventTypeTable table = Parse(embedded::event_types_data, "event_types.tsv", nullptr);
  return table;
}

std::string_view EventTypeTable::Label(std::string_view value) const {
  for (const EventType& t : types_) {
    if (t.value == value) return t.label;
  }
  return {};
}

std::vector<std::string> EventTypeTable::Classify(std::string_view title,
                                                  std::string_view lead_paragraph,
                                                  std::string_view body) const {
  const std::vector<internal::Token> tokens[] = {
      internal::Tokenize(title), internal::Tokenize(lead_paragraph), internal::Tokenize(body)};
  const std::span<const internal::Token> sections[] = {tokens[0], tokens[1], tokens[2]};
  return Classify(sections);
}

std::vector<std::string> EventTypeTable::Classify(const TokenizedText& title,
                                                  const TokenizedText& body) const {
  const std::span<const internal::Token> sections[] = {title.tokens(), body.FirstParagraph(),
                                                       body.tokens()};
  return Classify(sections);
}

std::vector<std::string> EventTypeTable::Classify(
    const std::span<const internal::Token> (&sections)[3]) const {
  std::vector<Tally> tallies(types_.size());
  for (size_t s = 0; s < 3; ++s) {
    std::vector<bool> seen(types_.size(), false);
    for (const internal::PhraseHit& hit : cues_.FindAll(sections[s])) {
      Tally& t = tallies[static_cast<size_t>(hit.value)];
      t.first = std::min(t.first, s * kSectionSpan + hit.first);
      if (s == 2) {
        if (t.body_hits < kMaxBodyHits) t.score += kBodyWeight;
        ++t.body_hits;
      } else if (!seen[static_cast<size_t>(hit.value)]) {
        seen[static_cast<size_t>(hit.value)] = true;
        t.score += s == 0 ? kTitleWeight : kLeadWeight;
      }
    }
  }
  std::vector<size_t> kept;
  for (size_t i = 0; i < tallies.size(); ++i) {
    if (tallies[i].score >= kKeepScore) kept.push_back(i);
  }
  if (kept.empty()) {
    for (size_t i = 0; i < tallies.size(); ++i) {
      if (tallies[i].body_hits >= kBodyOnlyHits) kept.push_back(i);
    }
  }
  std::stable_sort(kept.begin(), kept.end(), [&](size_t a, size_t b) {
    if (tallies[a].score != tallies[b].score) return tallies[a].score > tallies[b].score;
    return tallies[a].first < tallies[b].first;
  });
  std::vector<std::string> out;
  for (size_t i : kept) {
    if (types_[i].value != kOtherEventType) out.push_back(types_[i].value);
  }
  if (out.empty()) out.emplace_back(kOtherEventType);
  return out;
}

std::vector<std::string> ClassifyEventTypes(std::string_view title, std::string_view lead_paragraph,
                                            std::string_view body) {
  return EventTypeTable::BuiltIn().Classify(title, lead_paragraph, body);
}

std::vector<std::string> ClassifyEventTypes(std::string_view title, std::string_view lead_paragraph,
                                            std::string_view body, const EventTypeTable& table) {
  return table.Classify(title, lead_paragraph, body);
}

std::string_view EventTypeLabel(std::string_view value) {
  return EventTypeTable::BuiltIn().Label(value);
}

}  // namespace kavosh::entities
