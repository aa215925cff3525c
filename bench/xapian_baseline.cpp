// The stock-Xapian baseline of bench/run.sh: what Xapian 1.4 does out of the
// box, with nothing of depeche's analysis (no entities, no accent folding, no
// date periods).
//
//   xapian_baseline index DB INPUT.jsonl
//       Indexes the JSON Lines records {"id","date","title","text"} of INPUT
//       into a new database DB: Xapian::TermGenerator with the French stemmer
//       over the title and the text (positions kept), the title and the text
//       stored as the document data, the id as a unique "Q" term, the month
//       (YYYY-MM) in value slot 0 for the facet and the day (YYYYMMDD) in
//       slot 1 for date ranges and browsing. Records with an empty text are
//       skipped and counted as rejected, as depeche-index rejects them.
//       Commits with Xapian's default batching, then opens the committed
//       database and prints one JSON object: docs, rejected, bytes (title +
//       text), seconds (from the first record read to the database opened).
//
//   xapian_baseline query DB QUERIES.jsonl OUT.jsonl [--warmup N]
//       Runs every query of QUERIES (bench/queries.py's file; the "bq"
//       string, plus "from"/"to" dates) with Xapian::QueryParser (French
//       stemmer, AND by default), first without and then with a
//       ValueCountMatchSpy on the month slot (checkatleast = every document,
//       so its counts are exact), keeping the 10 best hits and reading their
//       stored data. Writes one JSON line per query: qid, total, ms (without
//       facets), ms_facets. N untimed passes come first (default 1).
//
//   xapian_baseline one DB QUERY-JSON
//       One query of that file, as a whole process would answer it: opens
//       DB, runs it with the month facet, prints the total, the 10 hits' ids
//       and the month counts as one JSON object.
//
//   xapian_baseline open DB
//       Opens the database (any Xapian database, depeche's too) and prints
//       its document count: how bench/run.sh times "until the committed
//       database opens" after depeche-index exits.

#include <xapian.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "json_lines.hpp"

namespace {

using Clock = std::chrono::steady_clock;
volatile std::size_t g_sink = 0;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

constexpr Xapian::valueno kSlotMonth = 0;
constexpr Xapian::valueno kSlotDay = 1;

// "2015-03-07" -> "20150307"; "2015-03" -> "20150300".
std::string day_value(const std::string& date) {
    std::string v;
    for (char c : date)
        if (c >= '0' && c <= '9') v += c;
    while (v.size() < 8) v += '0';
    return v.substr(0, 8);
}

int index_main(const std::string& db_path, const std::string& input) {
    const auto start = Clock::now();
    std::ifstream in(input, std::ios::binary);
    if (!in) {
        std::cerr << "xapian_baseline: cannot read " << input << '\n';
        return 1;
    }
    Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE_OR_OVERWRITE);
    Xapian::TermGenerator generator;
    generator.set_stemmer(Xapian::Stem("french"));
    std::size_t docs = 0, rejected = 0, bytes = 0;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty()) continue;
        const auto record = nlohmann::json::parse(line, nullptr, false);
        if (record.is_discarded() || !record.is_object() || !record.value("text", std::string()).size()) {
            ++rejected;
            continue;
        }
        const std::string id = record.value("id", std::string());
        const std::string date = record.value("date", std::string());
        const std::string title = record.value("title", std::string());
        const std::string text = record.value("text", std::string());
        Xapian::Document doc;
        generator.set_document(doc);
        generator.index_text(title);
        generator.increase_termpos(100);
        generator.index_text(text);
        doc.set_data(title + "\n" + text);
        doc.add_boolean_term("Q" + id);
        doc.add_value(kSlotMonth, date.substr(0, 7));
        doc.add_value(kSlotDay, day_value(date));
        db.add_document(doc);
        ++docs;
        bytes += title.size() + text.size();
    }
    db.commit();
    db.close();
    const Xapian::Database opened(db_path);
    const double seconds = ms_since(start) / 1000.0;
    nlohmann::ordered_json out = {
        {"docs", opened.get_doccount()}, {"rejected", rejected}, {"bytes", bytes}, {"seconds", seconds}};
    std::cout << out.dump() << '\n';
    return docs == opened.get_doccount() ? 0 : 1;
}

struct BenchQuery {
    std::string qid, text, from, to;
};

BenchQuery query_of(const nlohmann::json& j) {
    return {j.value("qid", std::string()), j.value("bq", std::string()), j.value("from", std::string()),
            j.value("to", std::string())};
}

std::vector<BenchQuery> read_queries(const std::string& path) {
    std::vector<BenchQuery> queries;
    for (const auto& j : depeche::bench::read_json_lines(path)) queries.push_back(query_of(j));
    return queries;
}

struct Outcome {
    Xapian::doccount total = 0;
    double ms = 0;
    nlohmann::ordered_json json;  ///< filled when asked
};

Outcome run_query(const Xapian::Database& db, const BenchQuery& q, bool facets, bool json = false) {
    const auto start = Clock::now();
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(Xapian::Stem("french"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    Xapian::Query query = Xapian::Query::MatchAll;
    if (!q.text.empty()) {
        try {
            query = parser.parse_query(q.text);
        } catch (const Xapian::QueryParserError&) {  // counted as no match, and timed
            query = Xapian::Query();
        }
    }
    if (!q.from.empty() || !q.to.empty()) {
        const std::string lo = q.from.empty() ? "00000000" : day_value(q.from);
        const std::string hi = q.to.empty() ? "99999999" : day_value(q.to).replace(6, 2, "99");
        query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                              Xapian::Query(Xapian::Query::OP_VALUE_RANGE, kSlotDay, lo, hi));
    }
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    if (q.text.empty()) enquire.set_sort_by_value(kSlotDay, true);  // browsing: newest first
    Xapian::ValueCountMatchSpy spy(kSlotMonth);
    Xapian::MSet mset;
    if (facets) {
        enquire.add_matchspy(&spy);
        mset = enquire.get_mset(0, 10, db.get_doccount());
    } else {
        mset = enquire.get_mset(0, 10);
    }
    std::size_t data = 0;
    for (auto it = mset.begin(); it != mset.end(); ++it) data += it.get_document().get_data().size();
    if (facets) {
        std::size_t shown = 0;
        for (auto v = spy.top_values_begin(10); v != spy.top_values_end(10); ++v) shown += v.get_termfreq();
        data += shown;
    }
    Outcome out;
    out.total = mset.get_matches_estimated();
    if (json) {
        out.json = {{"total", out.total}, {"hits", nlohmann::json::array()}, {"months", nlohmann::json::object()}};
        for (auto it = mset.begin(); it != mset.end(); ++it) {
            const std::string data = it.get_document().get_data();
            out.json["hits"].push_back({{"docid", *it}, {"title", data.substr(0, data.find('\n'))}});
        }
        for (auto v = spy.top_values_begin(10); v != spy.top_values_end(10); ++v)
            out.json["months"][*v] = v.get_termfreq();
    }
    out.ms = ms_since(start);
    g_sink = g_sink + data;  // the reads are not optimised away
    return out;
}

int query_main(const std::string& db_path, const std::string& queries_path, const std::string& out_path, int warmup) {
    const Xapian::Database db(db_path);
    const auto queries = read_queries(queries_path);
    for (int w = 0; w < warmup; ++w)
        for (const auto& q : queries) run_query(db, q, true);
    std::vector<Outcome> plain, faceted;
    for (const auto& q : queries) plain.push_back(run_query(db, q, false));
    for (const auto& q : queries) faceted.push_back(run_query(db, q, true));
    std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
    for (std::size_t i = 0; i < queries.size(); ++i) {
        nlohmann::ordered_json j = {
            {"qid", queries[i].qid}, {"total", faceted[i].total}, {"ms", plain[i].ms}, {"ms_facets", faceted[i].ms}};
        out << j.dump() << '\n';
    }
    return out ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
    try {
        const std::vector<std::string> args(argv + 1, argv + argc);
        if (args.size() == 3 && args[0] == "index") return index_main(args[1], args[2]);
        if ((args.size() == 4 || args.size() == 6) && args[0] == "query") {
            const int warmup = args.size() == 6 && args[4] == "--warmup" ? std::stoi(args[5]) : 1;
            return query_main(args[1], args[2], args[3], warmup);
        }
        if (args.size() == 3 && args[0] == "one") {
            const Xapian::Database db(args[1]);
            std::cout << run_query(db, query_of(nlohmann::json::parse(args[2])), true, true).json.dump() << '\n';
            return 0;
        }
        if (args.size() == 2 && args[0] == "open") {
            std::cout << Xapian::Database(args[1]).get_doccount() << '\n';
            return 0;
        }
        std::cerr << "usage: xapian_baseline index DB INPUT.jsonl\n"
                     "       xapian_baseline query DB QUERIES.jsonl OUT.jsonl [--warmup N]\n"
                     "       xapian_baseline one DB QUERY-JSON\n"
                     "       xapian_baseline open DB\n";
        return 2;
    } catch (const Xapian::Error& e) {
        std::cerr << "xapian_baseline: " << e.get_description() << '\n';
    } catch (const std::exception& e) {
        std::cerr << "xapian_baseline: " << e.what() << '\n';
    }
    return 1;
}
