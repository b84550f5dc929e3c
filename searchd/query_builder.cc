#include "searchd/query_builder.h"

#include "analyzers/normalizer.h"
#include "analyzers/xapian_terms.h"
#include "schema/schema.h"

namespace kavosh::search {

namespace {

namespace sc = kavosh::schema;

Xapian::Query Boolean(std::string_view prefix, std::string_view value) {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(sc::BoundedTerm(prefix, value)), 0.0);
}

Xapian::Query AnyOf(std::vector<Xapian::Query> qs) {
  if (qs.empty()) return NothingQuery();
  if (qs.size() == 1) return qs[0];
  return Xapian::Query(Xapian::Query::OP_OR, qs.begin(), qs.end());
}

Xapian::Query All() {
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(std::string(sc::kAllTerm)),
                       0.0);
}

}  // namespace

Xapian::Query NothingQuery() {
  // No document carries this term: kPrefixAll is only ever written as kAllTerm.
  return Xapian::Query(std::string(sc::kPrefixAll) + "nothing");
}

BuiltQuery QueryBuilder::Build(const ParsedQuery& parsed, bool relaxed) {
  BuiltQuery out;
  words_used_ = 0;
  Part p = Node(parsed.root, relaxed, &out, 0);
  out.query = p.query;
  if (!parsed.root.IsEmpty() && out.query.empty()) out.match_nothing = true;
  return out;
}

QueryBuilder::Part QueryBuilder::Node(const QueryNode& node, bool relaxed, BuiltQuery* out,
                                      int depth) {
  switch (node.kind) {
    case QueryNode::Kind::kWords:
      return {Words(node, relaxed, out), true};
    case QueryNode::Kind::kPhrase:
      return {Phrase(node, out), true};
    case QueryNode::Kind::kField: {
      Xapian::Query q = FieldQuery(node, out);
      return {q, node.field == Field::kTitle};
    }
    case QueryNode::Kind::kOr: {
      std::vector<Xapian::Query> alternatives;
      bool soft = false;
      for (const QueryNode& child : node.children) {
        Part p = Node(child, relaxed, out, depth + 1);
        if (p.query.empty()) continue;
        soft = soft || p.soft;
        alternatives.push_back(child.negated
                                   ? Xapian::Query(Xapian::Query::OP_AND_NOT, All(), p.query)
                                   : p.query);
      }
      if (alternatives.empty()) return {};
      return {AnyOf(std::move(alternatives)), soft};
    }
    case QueryNode::Kind::kAnd: {
      std::vector<Xapian::Query> soft, hard, excluded;
      for (const QueryNode& child : node.children) {
        Part p = Node(child, relaxed, out, depth + 1);
        if (p.query.empty()) continue;
        if (child.negated) {
          excluded.push_back(p.query);
        } else {
          (p.soft ? soft : hard).push_back(p.query);
        }
      }
      Xapian::Query q;
      if (!soft.empty()) {
        q = soft.size() == 1 ? soft[0]
                             : Xapian::Query(relaxed ? Xapian::Query::OP_OR : Xapian::Query::OP_AND,
                                             soft.begin(), soft.end());
      }
      if (!hard.empty()) {
        Xapian::Query h = hard.size() == 1
                              ? hard[0]
                              : Xapian::Query(Xapian::Query::OP_AND, hard.begin(), hard.end());
        q = q.empty() ? h : Xapian::Query(Xapian::Query::OP_FILTER, q, h);
      }
      if (!excluded.empty()) {
        q = Xapian::Query(Xapian::Query::OP_AND_NOT, q.empty() ? All() : q,
                          AnyOf(std::move(excluded)));
      }
      return {q, !soft.empty()};
    }
  }
  return {};
}

// One word: its stem term (every form of the word; a compound also as the phrase of its
// parts), taken as a single term so a compound is not counted once per part, plus the
// exact form with weight exact_weight when it has a term of its own (not its own stem).
Xapian::Query QueryBuilder::Weighted(const analyzers::Token& token) const {
  if (token.stopword || token.normalized.empty()) return {};
  Xapian::termpos pos = token.position + 1;
  Xapian::Query stem(std::string(sc::kPrefixStem) + token.stem, 1, pos);
  Xapian::Query any_form = stem;
  if (!token.parts.empty()) {
    std::vector<Xapian::Query> parts;
    for (size_t i = 0; i < token.parts.size(); ++i) {
      if (!token.part_stems[i].empty()) {
        parts.emplace_back(analyzers::PositionalTerm(token.parts[i], token.part_stems[i], ""));
      }
    }
    if (parts.size() > 1) {
      Xapian::Query phrase(Xapian::Query::OP_PHRASE, parts.begin(), parts.end(),
                           static_cast<Xapian::termcount>(token.parts.size()));
      any_form = Xapian::Query(Xapian::Query::OP_SYNONYM, stem, phrase);
    }
  }
  // A word that is its own stem has no exact term: its stem term is the exact form's.
  if (options_.exact_weight <= 0 || token.normalized == token.stem) return any_form;
  Xapian::Query exact(token.normalized, 1, pos);
  return Xapian::Query(Xapian::Query::OP_OR, any_form,
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, exact, options_.exact_weight));
}

Xapian::Query QueryBuilder::Word(const analyzers::Token& token, BuiltQuery* out) {
  Xapian::Query q = Weighted(token);
  if (!options_.typo_tolerance || options_.db == nullptr || options_.spelling == nullptr ||
      token.numeric) {
    return q;
  }
  size_t letters = analyzers::CountCodePoints(token.normalized);
  if (letters < 5) return q;
  try {
    const Xapian::Database& db = *options_.db;
    if (db.get_termfreq(token.normalized) != 0 ||
        db.get_termfreq(std::string(sc::kPrefixStem) + token.stem) != 0) {
      return q;
    }
    std::string fix = options_.spelling->get_spelling_suggestion(token.normalized, letters >= 8 ? 2 : 1);
    if (fix.empty() || fix == token.normalized) return q;
    std::vector<analyzers::Token> fixed = options_.analyzer->Analyze(fix);
    if (fixed.size() != 1 || fixed[0].stopword) return q;
    out->highlight.exact.insert(fixed[0].normalized);
    out->highlight.stems.insert(fixed[0].stem);
    out->corrections.push_back(token.normalized + " → " + fix);
    return Xapian::Query(Xapian::Query::OP_OR, q, Weighted(fixed[0]));
  } catch (const Xapian::Error&) {
    return q;  // e.g. a remote shard has no spelling table: search as typed
  }
}

Xapian::Query QueryBuilder::Words(const QueryNode& node, bool relaxed, BuiltQuery* out) {
  std::vector<analyzers::Token> tokens = options_.analyzer->Analyze(node.text);
  std::vector<Xapian::Query> words;
  for (const analyzers::Token& t : tokens) {
    if (t.stopword || t.normalized.empty()) continue;
    if (words_used_++ >= options_.max_words) {
      if (words_used_ == options_.max_words + 1) {
        out->warnings.push_back("only the first " + std::to_string(options_.max_words) +
                                " words are searched");
      }
      break;
    }
    if (!node.negated) {
      out->words.push_back({t.normalized, node.offset + t.start, node.offset + t.end});
      out->highlight.exact.insert(t.normalized);
      out->highlight.stems.insert(t.stem);
    }
    words.push_back(Word(t, out));
  }
  if (words.empty()) return {};
  if (!node.negated) out->has_words = true;
  if (words.size() == 1) return words[0];
  auto op = relaxed && !node.negated ? Xapian::Query::OP_OR : Xapian::Query::OP_AND;
  return Xapian::Query(op, words.begin(), words.end());
}

Xapian::Query QueryBuilder::Phrase(const QueryNode& node, BuiltQuery* out) {
  std::vector<analyzers::Token> tokens = options_.analyzer->Analyze(node.text);
  if (tokens.size() > options_.max_words) tokens.resize(options_.max_words);
  Xapian::Query q = analyzers::PhraseQuery(tokens, "");
  if (q.empty() || node.negated) return q;
  out->has_words = true;
  size_t kept = 0;
  for (const analyzers::Token& t : tokens) {
    if (t.stopword || t.normalized.empty()) continue;
    ++kept;
    out->highlight.exact.insert(t.normalized);
    out->words.push_back({t.normalized, node.offset + t.start, node.offset + t.end});
  }
  if (kept == 1) {
    for (const analyzers::Token& t : tokens) {
      if (!t.stopword) out->highlight.stems.insert(t.stem);
    }
  }
  return q;
}

Xapian::Query QueryBuilder::FieldQuery(const QueryNode& node, BuiltQuery* out) {
  const std::string& value = node.text;
  switch (node.field) {
    case Field::kOrg:
    case Field::kPlace: {
      bool org = node.field == Field::kOrg;
      std::vector<std::string> names;
      if (options_.db != nullptr) {
        names = org ? options_.resolver->Orgs(value, *options_.db)
                    : options_.resolver->Places(value, *options_.db);
      }
      if (!names.empty()) {
        std::vector<Xapian::Query> qs;
        for (const std::string& n : names) qs.push_back(Boolean(org ? sc::kPrefixOrg : sc::kPrefixPlace, n));
        return AnyOf(std::move(qs));
      }
      // Not a known name: the words themselves, as a phrase anywhere in the article.
      out->warnings.push_back(std::string(FieldName(node.field)) + ":" + value +
                              " is not a known name; searched as a phrase");
      QueryNode phrase = node;
      phrase.kind = QueryNode::Kind::kPhrase;
      Xapian::Query q = Phrase(phrase, out);
      return q.empty() ? NothingQuery() : q;
    }
    case Field::kType: {
      std::optional<std::string> type = options_.resolver->Type(value);
      if (!type) {
        out->warnings.push_back("type:" + value + " is not an event type");
        return NothingQuery();
      }
      return Boolean(sc::kPrefixType, *type);
    }
    case Field::kMonth: {
      std::optional<std::string> month = FieldResolver::Month(value);
      if (!month) {
        out->warnings.push_back("month:" + value + " is not a Jalali month such as 1404-02");
        return NothingQuery();
      }
      return Boolean(sc::kPrefixMonth, *month);
    }
    case Field::kSource:
      return Boolean(sc::kPrefixSource, analyzers::NormalizeKey(value));
    case Field::kTitle: {
      std::vector<analyzers::Token> tokens = options_.analyzer->Analyze(value);
      Xapian::Query q = analyzers::PhraseQuery(tokens, std::string(sc::kPrefixTitle));
      if (q.empty()) return q;
      if (!node.negated) {
        out->has_words = true;
        for (const analyzers::Token& t : tokens) {
          if (t.stopword) continue;
          out->highlight.exact.insert(t.normalized);
          out->highlight.stems.insert(t.stem);
        }
      }
      return q;
    }
    case Field::kFrom:
    case Field::kTo:
    case Field::kNone:
      break;
  }
  return {};
}

Xapian::Query QueryBuilder::OrgFilter(const std::vector<std::string>& values) const {
  std::vector<Xapian::Query> qs;
  for (const std::string& v : values) {
    std::vector<std::string> names;
    if (options_.db != nullptr) names = options_.resolver->Orgs(v, *options_.db);
    if (names.empty()) names.push_back(v);
    for (const std::string& n : names) qs.push_back(Boolean(sc::kPrefixOrg, n));
  }
  return AnyOf(std::move(qs));
}

Xapian::Query QueryBuilder::PlaceFilter(const std::vector<std::string>& values) const {
  std::vector<Xapian::Query> qs;
  for (const std::string& v : values) {
    std::vector<std::string> names;
    if (options_.db != nullptr) names = options_.resolver->Places(v, *options_.db);
    if (names.empty()) names.push_back(v);
    for (const std::string& n : names) qs.push_back(Boolean(sc::kPrefixPlace, n));
  }
  return AnyOf(std::move(qs));
}

Xapian::Query QueryBuilder::TypeFilter(const std::vector<std::string>& values) const {
  std::vector<Xapian::Query> qs;
  for (const std::string& v : values) qs.push_back(Boolean(sc::kPrefixType, v));
  return AnyOf(std::move(qs));
}

Xapian::Query QueryBuilder::MonthFilter(const std::vector<std::string>& months) const {
  std::vector<Xapian::Query> qs;
  for (const std::string& m : months) qs.push_back(Boolean(sc::kPrefixMonth, m));
  return AnyOf(std::move(qs));
}

}  // namespace kavosh::search
