// Feed reader: RSS 2.0 (also RSS 1.0/RDF items) and Atom 1.0, parsed with libxml2's XML
// parser.
//
//   kavosh::readers::ReadResult r = kavosh::readers::ReadFeed(xml_bytes, "feeds/news.xml");
//
// RSS <item>: title, link, guid, pubDate (or dc:date), description, content:encoded (the
// body when present, else description), category (the first is the category, the others
// tags). Atom <entry>: id, title, link rel=alternate (or no rel) href, published (else
// updated), content (else summary; type text, html or xhtml), category term. HTML in any
// of these (escaped or CDATA) is reduced to text paragraphs. source = the channel's or
// feed's title. id = guid / Atom id, else link, else ContentId(title, body) (SourceId
// rules for long ids). origin = the line of the item's element.
//
// Safety: XML_PARSE_NONET, no XML_PARSE_NOENT (entities are not substituted: user-defined
// entity references are dropped from the text, so neither XXE nor "billion laughs"
// expansion can happen), no DTD loading or validation, no XML_PARSE_HUGE.
// Malformed XML: parsed with XML_PARSE_RECOVER, so items before (and often after) the
// fault are kept, and one ReadError gives the line of libxml2's first error. A document
// that is neither RSS nor Atom is one ReadError.
#ifndef KAVOSH_INDEXER_READERS_RSS_READER_H_
#define KAVOSH_INDEXER_READERS_RSS_READER_H_

#include <string_view>

#include "indexer/readers/reader.h"

namespace kavosh::readers {

ReadResult ReadFeed(std::string_view data, std::string_view file_name);

}  // namespace kavosh::readers

#endif  // KAVOSH_INDEXER_READERS_RSS_READER_H_
