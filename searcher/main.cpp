// depeche-search: ranked, faceted search over a depeche database.

#include <unistd.h>
#include <boost/program_options.hpp>

#include <cstdio>
#include <iostream>

#include "cli.hpp"
#include "database.hpp"
#include "lexicon.hpp"
#include "output.hpp"
#include "search.hpp"

namespace po = boost::program_options;
using namespace depeche;

namespace {

const char* const kUsage = R"(Usage: depeche-search [options] [QUERY...]

Ranked search over a depeche database, with exact facet counts on people,
places, organisations, publication dates and mentioned dates.

Query language (words are accent- and case-insensitive, elision-aware, stemmed):
  coalition londres        every word must match (--any: any word); when nothing
                           matches every word, the least informative words are
                           dropped and the output says which
  a AND b, a OR b, a NOT b, (a OR b) c, -word, +word
  "president de la republique"   phrase          coalit*   trailing wildcard
  coalition NEAR londres, NEAR/5, ADJ/5          words near each other (ADJ: in order)
  personne:"Philip Hammond"  person:obama  lieu:londres  place:London  org:EI
  date:2015-01..2015-03  date:2015  mention:2021   (publication / mentioned dates;
                           a less precise date matches a range it overlaps)
A query without words (only filters, or nothing) browses every matching
dispatch, newest first.

)";

const char* const kExitCodes = R"(
Several --db are searched as one: folders, Xapian stub files, tcp://HOST:PORT
(a database served by xapian-tcpsrv). A database an index job is writing to can
be searched: each search sees its last commit.

Exit codes: 0 ok (zero hits included), 1 failure (database missing, locked,
unreadable or unreachable), 2 usage error, malformed query or impossible date,
3 partial results (--allow-partial, some database could not be reached).
)";

SortOrder parse_sort(const std::string& s) {
    if (s == "relevance") return SortOrder::relevance;
    if (s == "date") return SortOrder::date;
    if (s == "-date") return SortOrder::date_desc;
    throw UsageError("--sort takes relevance, date or -date, not '" + s + "'");
}

DateGranularity parse_granularity(const std::string& s) {
    if (s == "year") return DateGranularity::year;
    if (s == "month") return DateGranularity::month;
    if (s == "day") return DateGranularity::day;
    throw UsageError("--date-facet takes year, month or day, not '" + s + "'");
}

int run(int argc, char** argv) {
    po::options_description options("Options");
    // clang-format off
    options.add_options()
        ("db", po::value<std::vector<std::string>>()->value_name("DIR"),
         "database folder (repeatable: search several as one); default $DEPECHE_DB or ./depeche-db")
        ("person", po::value<std::vector<std::string>>()->value_name("NAME"), "only dispatches naming this person (repeatable, all must hold)")
        ("place", po::value<std::vector<std::string>>()->value_name("NAME"), "only dispatches naming this place (repeatable)")
        ("org", po::value<std::vector<std::string>>()->value_name("NAME"), "only dispatches naming this organisation (repeatable)")
        ("from", po::value<std::string>()->value_name("DATE"), "published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
        ("to", po::value<std::string>()->value_name("DATE"), "published on or before DATE")
        ("sort", po::value<std::string>()->value_name("ORDER"), "relevance (default), date or -date (newest first, the default when browsing)")
        ("limit", po::value<std::size_t>()->default_value(10)->value_name("N"), "hits to show")
        ("offset", po::value<std::size_t>()->default_value(0)->value_name("N"), "hits to skip")
        ("facet-limit", po::value<std::size_t>()->default_value(10)->value_name("N"), "values per facet (0: all)")
        ("date-facet", po::value<std::string>()->default_value("month")->value_name("UNIT"), "publication and mentioned date facets by year, month or day")
        ("any", "match any word instead of every word")
        ("allow-partial", "when a database cannot be reached, search the others and flag the results as partial (exit 3)")
        ("json", "print JSON (one object) instead of text")
        ("id", po::value<std::string>()->value_name("ID"), "print the stored dispatch ID and exit")
        ("lexicons", po::value<std::string>()->value_name("DIR"), "lexicon folder (default: the installed one)");
    // clang-format on
    const auto parsed =
        parse_command_line(argc, argv, options, "query", kUsage, kExitCodes, "depeche-search " DEPECHE_VERSION);
    if (!parsed) return kExitOk;
    const po::variables_map& vm = *parsed;
    const auto strings = [&vm](const char* name) {
        return vm.count(name) ? vm[name].as<std::vector<std::string>>() : std::vector<std::string>{};
    };
    std::vector<std::string> databases = strings("db");
    if (databases.empty()) databases.push_back(default_database());
    // Names only: the version stamp, and name maps parsed if the query names
    // a person, place or organisation. Never destroyed, like depeche-extract's
    // (freeing the maps entry by entry is wasted work at exit); a static keeps
    // them reachable for leak checkers.
    static const Lexicons* const kept = new Lexicons(load_lexicons(
        find_lexicon_dir(vm.count("lexicons") ? vm["lexicons"].as<std::string>() : ""), LexiconUse::names));
    const Lexicons& lexicons = *kept;
    Archive archive(databases, current_versions(lexicons.version), vm.count("allow-partial") != 0);
    const bool json = vm.count("json") != 0;

    if (vm.count("id")) {
        const std::string id = vm["id"].as<std::string>();
        const auto dispatch = archive.read([&](const Xapian::Database& db) { return find_dispatch(db, id); });
        if (!dispatch) throw SetupError("no dispatch with id '" + id + "'");
        std::cout << (json ? render_dispatch_json(*dispatch) : render_dispatch_text(*dispatch));
        return kExitOk;
    }
    SearchRequest request;
    for (const auto& word : strings("query")) request.query += (request.query.empty() ? "" : " ") + word;
    request.persons = strings("person");
    request.places = strings("place");
    request.orgs = strings("org");
    if (vm.count("from")) request.from = vm["from"].as<std::string>();
    if (vm.count("to")) request.to = vm["to"].as<std::string>();
    if (vm.count("sort")) request.sort = parse_sort(vm["sort"].as<std::string>());
    request.limit = vm["limit"].as<std::size_t>();
    request.offset = vm["offset"].as<std::size_t>();
    request.facet_limit = vm["facet-limit"].as<std::size_t>();
    request.date_facet = parse_granularity(vm["date-facet"].as<std::string>());
    request.any = vm.count("any") != 0;
    SearchResult result =
        archive.read([&](const Xapian::Database& db) { return search(db, lexicons, request, archive.facet_column()); });
    result.missing = archive.missing();
    std::cout << (json ? render_json(result) : render_text(result, isatty(STDOUT_FILENO) != 0));
    for (const auto& m : result.missing)
        std::fprintf(stderr, "depeche-search: partial results, left out %s\n", m.c_str());
    if (!archive.facet_column_advice().empty())
        std::fprintf(stderr, "depeche-search: note: %s\n", archive.facet_column_advice().c_str());
    return result.missing.empty() ? kExitOk : kExitRejected;
}

}  // namespace

int main(int argc, char** argv) {
    return guarded_main("depeche-search", [&] { return run(argc, argv); });
}
