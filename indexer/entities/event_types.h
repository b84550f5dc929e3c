// Event types of a news item (the `type` facet of interfaces.md), decided from cue words
// in the title, the lead paragraph and the body.
//
//   std::vector<std::string> types = kavosh::entities::ClassifyEventTypes(
//       "جلسه هم اندیشی حضور در نمایشگاه", lead, body);   // {"meeting", "exhibition"}
//   std::string_view label = kavosh::entities::EventTypeLabel("meeting");  // "جلسه و نشست"
//
// Cues come from data/gazetteers/event_types.tsv: the copy built into the binary, or one
// read at run time (Gazetteer::event_types()). They are compared on folded text with ZWNJ
// ignored and whole words only; a cue's last word also matches with the endings ای, ی,
// ها, های, هایی ("جلسه" matches "جلسه‌ای", "اردو" matches "اردوی").
//
// Scoring: a type cued in the title scores 4, in the lead 2, and each body mention 0.5
// (at most 3 counted). Types scoring 2 or more are kept; when none does, types mentioned
// at least twice in the body are kept; when none is, the answer is {"other"}. The main
// (first) type has the highest score; ties go to the cue that comes first in the title,
// then in the lead. So "مراسم افتتاحیه راهیان نور" is {"ceremony", "trip"}: the title
// names a ceremony first, and the trip is kept as a second type.
//
// Thread-safe: tables are immutable after construction.
#ifndef KAVOSH_INDEXER_ENTITIES_EVENT_TYPES_H_
#define KAVOSH_INDEXER_ENTITIES_EVENT_TYPES_H_

#include <string>
#include <string_view>
#include <vector>

#include "indexer/entities/phrase_matcher.h"

namespace kavosh::entities {

inline constexpr std::string_view kOtherEventType = "other";

struct EventType {
  std::string value;  // "meeting"
  std::string label;  // "جلسه و نشست"
  std::vector<std::string> cues;
};

class EventTypeTable {
 public:
  // Parses event_types.tsv text: value TAB label TAB cues separated by '|'. Comment lines
  // start with '#'. A malformed line is skipped and reported in *errors (may be null) as
  // "FILE:LINE: reason"; so is a cue already given to another type (the first one wins).
  static EventTypeTable Parse(std::string_view tsv, std::string_view file_name,
                              std::vector<std::string>* errors);

  // The table compiled into the binary from data/gazetteers/event_types.tsv.
  static const EventTypeTable& BuiltIn();

  const std::vector<EventType>& types() const { return types_; }

  // The Persian label of a type value; "" if the value is unknown.
  std::string_view Label(std::string_view value) const;

  // Type values, main first; never empty.
  std::vector<std::string> Classify(std::string_view title, std::string_view lead_paragraph,
                                    std::string_view body) const;
  // The same on tokenised texts, the lead being the body's first paragraph.
  std::vector<std::string> Classify(const TokenizedText& title, const TokenizedText& body) const;

 private:
  std::vector<std::string> Classify(const std::span<const internal::Token> (&sections)[3]) const;

  std::vector<EventType> types_;
  internal::PhraseMatcher cues_;  // value: index into types_
};

// With the built-in table.
std::vector<std::string> ClassifyEventTypes(std::string_view title, std::string_view lead_paragraph,
                                            std::string_view body);
std::vector<std::string> ClassifyEventTypes(std::string_view title, std::string_view lead_paragraph,
                                            std::string_view body, const EventTypeTable& table);

// The label from the built-in table; "" if the value is unknown.
std::string_view EventTypeLabel(std::string_view value);

}  // namespace kavosh::entities

#endif  // KAVOSH_INDEXER_ENTITIES_EVENT_TYPES_H_
