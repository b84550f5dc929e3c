// Turns an enriched article into the Xapian document the schema describes (schema/schema.h):
// free-text terms with positions, boolean filter terms, value slots and the stored JSON.
//
//   analyzers::Analyzer analyzer;              // one per thread
//   PreparedDocument p = PrepareDocument(std::move(article), analyzer);
//   // the writer adds the story (duplicate group) and writes p.document
//
// Thread-compatible: call from any thread with that thread's Analyzer.
#ifndef KAVOSH_INDEXER_CORE_DOCUMENT_BUILDER_H_
#define KAVOSH_INDEXER_CORE_DOCUMENT_BUILDER_H_

#include <string>
#include <vector>

#include <xapian.h>

#include "analyzers/analyzer.h"
#include "indexer/core/duplicates.h"
#include "schema/article.h"

namespace kavosh::indexer {

struct PreparedDocument {
  schema::Article article;
  Xapian::Document document;  // everything but the story term, slot and stored data
  Fingerprint fingerprint;
  std::vector<std::string> spelling_words;  // distinct real words, for the spelling table
  // The stored article (JSON) for the usual case, the article starting its own story
  // (story = id): serialised here, off the writer's thread.
  std::string own_story_data;
};

PreparedDocument PrepareDocument(schema::Article article, analyzers::Analyzer& analyzer);

// Adds the story group (duplicate collapse key) and the stored article to the document
// (serialised again only when the story is not the article's own).
void FinishDocument(const std::string& story, PreparedDocument* prepared);

}  // namespace kavosh::indexer

#endif  // KAVOSH_INDEXER_CORE_DOCUMENT_BUILDER_H_
