// ICU word segmentation over folded text, keeping the link to the original bytes.
//
//   kavosh::analyzers::Segmenter seg;
//   FoldedText folded = Fold(text);
//   for (const Segment& s : seg.Split(folded)) { ... folded.start[s.begin] ... }
//
// A Segmenter owns an ICU BreakIterator and is not thread-safe: one per thread.
#ifndef KAVOSH_ANALYZERS_SEGMENTER_H_
#define KAVOSH_ANALYZERS_SEGMENTER_H_

#include <memory>
#include <vector>

#include <unicode/brkiter.h>

#include "analyzers/normalizer.h"


namespace kavosh::analyzers {

// How a segment is separated from the one before it.
enum class Joiner {
  kNone,   // first segment, or punctuation / a line break in between
  kSpace,  // spaces or tabs only
  kZwnj,   // a ZERO WIDTH NON-JOINER inside the same ICU word
};

// A word piece: an ICU word split at ZWNJ, and at changes between digits and letters.
struct Segment {
  size_t begin = 0;  // UTF-16 index into FoldedText::text
  size_t end = 0;    // one past the last unit
  bool numeric = false;
  Joiner joiner = Joiner::kNone;
};

class Segmenter {
 public:
  Segmenter();
  ~Segmenter();
  Segmenter(const Segmenter&) = delete;
  Segmenter& operator=(const Segmenter&) = delete;

  // Never fails: text ICU cannot segment (it always can) yields no segments.
  std::vector<Segment> Split(const FoldedText& folded);

 private:
  std::unique_ptr<icu::BreakIterator> words_;
};

}  // namespace kavosh::analyzers

#endif  // KAVOSH_ANALYZERS_SEGMENTER_H_
