// depeche's query latency in-process, for bench/run.sh.
//
//   query_bench DB QUERIES.jsonl OUT.jsonl [--warmup N]
//
// Loads the lexicons and opens DB once (not timed; with its facet column when
// in step, as depeche-search does), then runs every query of QUERIES
// (bench/queries.py's file: "q", "person", "place", "org", "from", "to")
// twice, each timed on its own:
//
//   ms_facets  depeche::search() as depeche-search runs it: 10 hits with
//              snippets, the exact total and exact facets (persons, places,
//              organisations, publication and mentioned dates; 10 values
//              each), rendered as depeche-search --json renders it.
//   ms         the same query and filters (parse_query, entity_query,
//              date_query, the same sort; entity names looked up in the
//              column when there is one) without facets: 10 hits with
//              snippets, the total only estimated (Xapian's default
//              checkatleast), no word dropping when nothing matches.
//
// Writes one JSON line per query: qid, total (exact), ms, ms_facets. N
// untimed passes over all the queries come first (default 1).

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "analyzer.hpp"
#include "database.hpp"
#include "document.hpp"
#include "json_lines.hpp"
#include "lexicon.hpp"
#include "output.hpp"
#include "query.hpp"
#include "schema.hpp"
#include "search.hpp"
#include "snippet.hpp"

using namespace depeche;

namespace {

using Clock = std::chrono::steady_clock;
volatile std::size_t g_sink = 0;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

struct BenchQuery {
    std::string qid;
    SearchRequest request;
};

std::vector<BenchQuery> read_queries(const std::string& path) {
    std::vector<BenchQuery> queries;
    for (const auto& j : bench::read_json_lines(path)) {
        BenchQuery q;
        q.qid = j.at("qid").get<std::string>();
        q.request.query = j.value("q", std::string());
        for (const char* kind : {"person", "place", "org"}) {
            const std::string name = j.value(kind, std::string());
            if (name.empty()) continue;
            auto& list = kind[1] == 'e' ? q.request.persons : kind[1] == 'l' ? q.request.places : q.request.orgs;
            list.push_back(name);
        }
        q.request.from = j.value("from", std::string());
        q.request.to = j.value("to", std::string());
        q.request.limit = 10;
        q.request.facet_limit = 10;
        queries.push_back(std::move(q));
    }
    return queries;
}

struct Outcome {
    Xapian::doccount total = 0;
    double ms = 0;
    std::string error;  ///< the QueryError, if any
};

Outcome with_facets(const Xapian::Database& db, const Lexicons& lexicons, const SearchRequest& request,
                    const std::shared_ptr<const FacetColumn>& column) {
    const auto start = Clock::now();
    Outcome out;
    try {
        const SearchResult result = search(db, lexicons, request, column);
        g_sink = g_sink + render_json(result).size();
        out.total = result.total;
    } catch (const QueryError& e) {  // timed, counted as no match
        out.error = e.what();
    }
    out.ms = ms_since(start);
    return out;
}

// search() less the facets: the same query, filters and order; the hits'
// stored records parsed and their snippets made.
Outcome without_facets(const Xapian::Database& db, const Lexicons& lexicons, const SearchRequest& request,
                       const FacetColumn* names) {
    const auto start = Clock::now();
    Outcome out;
    try {
        Xapian::Query query = parse_query(request.query, db, lexicons, request.any, names);
        std::vector<Xapian::Query> filters;
        for (const auto& n : request.persons)
            filters.push_back(entity_query(EntityKind::person, n, db, lexicons, names));
        for (const auto& n : request.places) filters.push_back(entity_query(EntityKind::place, n, db, lexicons, names));
        for (const auto& n : request.orgs) filters.push_back(entity_query(EntityKind::org, n, db, lexicons, names));
        if (!request.from.empty() || !request.to.empty())
            filters.push_back(date_query(request.from + ".." + request.to, false));
        if (!filters.empty())
            query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                                  Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
        bool words = false;
        for (auto t = query.get_unique_terms_begin(); t != query.get_unique_terms_end(); ++t) {
            const std::string& term = *t;
            if (!term.empty() && (term[0] == 'Z' || !(term[0] >= 'A' && term[0] <= 'Z'))) words = true;
        }
        Xapian::Enquire enquire(db);
        enquire.set_query(query);
        if (words)
            enquire.set_sort_by_relevance_then_value(schema::kSlotId, false);
        else
            enquire.set_sort_by_value(schema::kSlotDateId, true);
        const Xapian::MSet mset = enquire.get_mset(request.offset, request.limit);
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const StoredDispatch d = parse_stored_record(it.get_document().get_data());
            SnippetMarks marks;
            for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t)
                marks.terms.insert(*t);
            const Snippet snippet = make_snippet(d.text, marks);
            g_sink = g_sink + snippet.text.size() + names_of(d.entities, EntityKind::person).size();
        }
        out.total = mset.get_matches_estimated();
    } catch (const QueryError& e) {
        out.error = e.what();
    }
    out.ms = ms_since(start);
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() != 3 && !(args.size() == 5 && args[3] == "--warmup")) {
            std::cerr << "usage: query_bench DB QUERIES.jsonl OUT.jsonl [--warmup N]\n";
            return 2;
        }
        const int warmup = args.size() == 5 ? std::stoi(args[4]) : 1;
        const Lexicons lexicons = load_lexicons(find_lexicon_dir(""), LexiconUse::names);
        // Opened as depeche-search opens it: its facet column is used when
        // in step with it.
        Archive archive({args[0]}, current_versions(lexicons.version), false);
        const Xapian::Database& db = archive.db();
        const std::shared_ptr<const FacetColumn> column = archive.facet_column();
        std::cerr << "query_bench: "
                  << (column ? "facets from the facet column"
                             : "facets from the facet slots: " + archive.facet_column_note())
                  << '\n';
        const auto queries = read_queries(args[1]);
        for (int w = 0; w < warmup; ++w)
            for (const auto& q : queries) with_facets(db, lexicons, q.request, column);
        std::vector<Outcome> plain, faceted;
        for (const auto& q : queries) plain.push_back(without_facets(db, lexicons, q.request, column.get()));
        for (const auto& q : queries) faceted.push_back(with_facets(db, lexicons, q.request, column));
        std::ofstream out(args[2], std::ios::binary | std::ios::trunc);
        for (std::size_t i = 0; i < queries.size(); ++i) {
            nlohmann::ordered_json j = {{"qid", queries[i].qid},
                                        {"total", faceted[i].total},
                                        {"ms", plain[i].ms},
                                        {"ms_facets", faceted[i].ms}};
            if (!faceted[i].error.empty()) j["error"] = faceted[i].error;
            out << j.dump() << '\n';
        }
        return out ? 0 : 1;
    } catch (const std::exception& e) {
        std::cerr << "query_bench: " << e.what() << '\n';
        return 1;
    }
}
