#pragma once
// One search over a depeche database: query, filters, ranked hits with
// snippets, exact facets. No command line here: depeche-search's main fills a
// SearchRequest.

#include <xapian.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "document.hpp"
#include "facet_column.hpp"
#include "facets.hpp"
#include "lexicon.hpp"
#include "snippet.hpp"

namespace depeche {

enum class SortOrder { relevance, date, date_desc };

struct SearchRequest {
    std::string query;                 ///< the query language; empty: browse
    std::vector<std::string> persons;  ///< each must hold (--person)
    std::vector<std::string> places;
    std::vector<std::string> orgs;
    std::string from, to;           ///< publication date bounds, YYYY[-MM[-DD]], empty: open
    std::optional<SortOrder> sort;  ///< default: relevance, or newest first when browsing
    std::size_t limit = 10;
    std::size_t offset = 0;
    std::size_t facet_limit = 10;  ///< values per facet, 0: all
    DateGranularity date_facet = DateGranularity::month;
    bool any = false;  ///< OR the words instead of ANDing them
    /// Count facets with Xapian's built-in spies, as searches through
    /// xapian-tcpsrv must (chosen by itself when a database is remote).
    bool builtin_facets = false;
};

struct Hit {
    std::string id;
    std::size_t rank = 0;  ///< 1-based, counting the offset
    double score = 0;      ///< BM25 weight (0 when browsing)
    std::string date;
    std::string title;  ///< empty when the dispatch has none
    Snippet snippet;
    std::vector<std::string> persons, places, orgs;
};

struct SearchResult {
    std::string query;
    Xapian::doccount total = 0;  ///< exact size of the match set
    std::size_t offset = 0;
    std::vector<std::string> dropped;  ///< words dropped so that something matched
    std::vector<std::string> missing;  ///< databases left out (--allow-partial), each "NAME: why"
    std::vector<Hit> hits;
    Facets facets;
};

/// Runs `request` on `db`. Facets are counted from `column` when it is in
/// step with `db` (FacetColumn::in_step_with), from the facet slots
/// otherwise: the result is the same either way. Throws QueryError for a
/// malformed query or an impossible date.
SearchResult search(const Xapian::Database& db, const Lexicons& lexicons, const SearchRequest& request,
                    const std::shared_ptr<const FacetColumn>& column = nullptr);

/// The terms of `query` that each hit of `mset` indexes, in mset order: the
/// sets Enquire::get_matching_terms gives, found by walking one posting list
/// per query term over the hits in docid order instead of reading the whole
/// term list (hundreds of terms) of every hit. For local databases.
std::vector<std::set<std::string>> matching_terms(const Xapian::Database& db, const Xapian::Query& query,
                                                  const Xapian::MSet& mset);
/// The same for the documents `docids`, in their order.
std::vector<std::set<std::string>> matching_terms(const Xapian::Database& db, const Xapian::Query& query,
                                                  const std::vector<Xapian::docid>& docids);

/// The stored dispatch with this id, if any.
std::optional<StoredDispatch> find_dispatch(const Xapian::Database& db, const std::string& id);

}  // namespace depeche
