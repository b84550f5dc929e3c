// Text page reader: a plain-text dump of a news page (what a browser's "save as text" or
// a scraper gives, e.g. ../shared/seed/) split into articles.
//
//   kavosh::readers::ReadResult r =
//       kavosh::readers::ReadTextPage(page_text, "pages/000.txt");
//   // r.articles: one per distinct news item, origin "pages/000.txt:LINE"
//
// How the page is read (each rule has a test in tests/readers/text_page_reader_test.cc):
//  - Lines are grouped into blocks separated by blank lines. A line holding only
//    non-ASCII spaces (U+00A0 NO-BREAK SPACE: an empty <p>&nbsp;</p>) or only symbols
//    ("***") is a spacer: it ends the current item. Whitespace-only ASCII lines are blank.
//  - Skip links ("رفتن به محتوای اصلی", "پرش به محتوا", "skip to content") are dropped.
//  - A heading line is short (<= title_max_words), has no final punctuation (. ! ? ؟ : ؛ …,
//    looking through closing quotes), is one sentence and does not start with a bullet.
//    A heading followed by body paragraphs is a title; a heading followed by nothing or
//    by another heading is dropped.
//  - Tag and navigation blocks: min_tag_run or more headings of <= tag_max_words words
//    in one block, or in a row across blank lines, are dropped and end the current item.
//    Only a longer last heading followed by a body survives, as a title.
//  - A paragraph starting with a bullet symbol (emoji and other symbols, found by Unicode
//    properties: Extended_Pictographic, general category So, plus bullets such as U+2022
//    BULLET) continues a titled item or one that already has bullets; after an untitled
//    plain item it starts a new item (pages mark items with "✍️").
//  - A plain paragraph continues the current item after a paragraph ending with ':' (the
//    colon opens a quoted text that runs to the next spacer, tag block or title), when it
//    opens with a continuation word ("وی", "همچنین", "در ادامه", "در پایان"…), and in a
//    titled item that is not a bulleted list (fewer than 2 bullets). Otherwise, or when
//    its first line also opens a block after different text elsewhere on the page (an
//    item shown in several sections), it starts a new untitled item.
//  - A line wholly in quotation marks («…») is never a title.
//  - Consecutive lines without a blank line between them stay in the same item; each line
//    is a body paragraph. Bullets are stripped from paragraphs.
//  - An untitled item's title is its first sentence (if <= derived_title_max_words) or its
//    first derived_title_words words; its body is all its paragraphs.
//  - Repeats on the page are collapsed, keeping the first: same NormalizeKey of title and
//    body, or same first paragraph (when it has >= min_repeat_key_words words).
//  - id = ContentId(title, body); origin = FILE:LINE of the item's first line.
//  - A line with invalid UTF-8 is reported (FILE:LINE: invalid UTF-8) and skipped; NUL
//    bytes read as spaces; "\r\n" and "\r" end lines like "\n".
#ifndef KAVOSH_INDEXER_READERS_TEXT_PAGE_READER_H_
#define KAVOSH_INDEXER_READERS_TEXT_PAGE_READER_H_

#include <cstddef>
#include <string_view>

#include "indexer/readers/reader.h"

namespace kavosh::readers {

struct TextPageOptions {
  size_t title_max_words = 15;
  size_t tag_max_words = 6;
  size_t min_tag_run = 3;
  size_t derived_title_words = 12;
  size_t derived_title_max_words = 16;
  size_t min_repeat_key_words = 8;
};

ReadResult ReadTextPage(std::string_view data, std::string_view file_name,
                        const TextPageOptions& options = {});

// True if `line` starts with a bullet symbol (after leading spaces).
bool StartsWithBullet(std::string_view line);

// `line` without its leading bullet symbols, emoji joiners and spaces.
std::string_view StripBullet(std::string_view line);

}  // namespace kavosh::readers

#endif  // KAVOSH_INDEXER_READERS_TEXT_PAGE_READER_H_
