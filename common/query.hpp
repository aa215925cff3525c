#pragma once
// From what a user types to a Xapian query: Xapian's query language (AND OR
// NOT, "phrases", NEAR, field:value, trailing *), with every word passed
// through the same analyser as the indexer, and a field processor per entity
// and date field that normalises values the way the indexer did.

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "entity.hpp"
#include "facet_column.hpp"
#include "lexicon.hpp"
#include "schema.hpp"

namespace depeche {

/// A malformed query or an impossible date: `main` prints it and exits 2.
struct QueryError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The query text with each word replaced by its analysed (folded) form,
/// operators, brackets, field names and field values untouched:
/// `L'État islamique AND personne:"Philip Hammond"` ->
/// `etat islamique AND personne:"Philip Hammond"`.
std::string rewrite_query(std::string_view query);
/// The same, and sets `content` when a word that is not a stop word was seen.
std::string rewrite_query(std::string_view query, bool& content);

/// The plain words of a query, as typed, when it has nothing else (no
/// operator, quote, bracket, field or +/-); empty otherwise. Such queries may
/// drop words when they match nothing.
std::vector<std::string> plain_words(std::string_view query);

/// Parses `from..to`, `from..`, `..to` or a single date (YYYY, YYYY-MM or
/// YYYY-MM-DD) into the days it covers. Throws QueryError on an impossible
/// date or an empty range. Open ends stop at 1800 and 2200.
schema::DayRange parse_date_range(std::string_view text);

/// Dispatches naming the entity a user typed: its key, the canonical name
/// the lexicons give ("obama" -> barack obama, "London" -> londres), and for
/// a person every name in `db` that ends or starts with the words typed
/// ("hammond" -> philip hammond); for a place or an organisation those only
/// when nothing else is known. Matches nothing when none is known.
/// `names`, when given, must be the facet column of `db` in step with it
/// (FacetColumn::in_step_with): the names that end with the words typed are
/// then looked up in its keys instead of read from every term of the kind
/// (the same query either way).
Xapian::Query entity_query(EntityKind kind, std::string_view typed, const Xapian::Database& db,
                           const Lexicons& lexicons, const FacetColumn* names = nullptr);

/// Dispatches published (or mentioning a date, with `mentioned`) in a range
/// as parse_date_range reads it. Throws QueryError.
Xapian::Query date_query(std::string_view range, bool mentioned);

/// The whole query language over `db`. `any`: words are ORed instead of
/// ANDed. An empty or blank query gives Xapian::Query::MatchAll.
/// Throws QueryError when Xapian cannot parse it or a field value is bad.
/// `names`: as entity_query's, for the entity fields.
Xapian::Query parse_query(std::string_view query, const Xapian::Database& db, const Lexicons& lexicons, bool any,
                          const FacetColumn* names = nullptr);

}  // namespace depeche
