#include "match_walk.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "corpus_db.hpp"
#include "facet_column.hpp"
#include "query.hpp"
#include "ranked_page.hpp"

using namespace depeche;
using depeche::testing::corpus_database;
using depeche::testing::lexicons;
using depeche::testing::temp_path;

namespace {

// The match set as Enquire gives it: every match, in docid order.
std::vector<Xapian::docid> enquire_matches(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    enquire.set_docid_order(Xapian::Enquire::ASCENDING);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
    std::vector<Xapian::docid> out(mset.begin(), mset.end());
    return out;
}

std::vector<Xapian::docid> walked(MatchWalk& walk) {
    std::vector<Xapian::docid> out;
    for (Xapian::docid d; (d = walk.next());) out.push_back(d);
    CHECK(walk.next() == 0);  // and stays at its end
    return out;
}

// Whether a document with `terms` matches `query`, decided on the document
// alone: the meaning of each operator the walk evaluates, written without
// posting lists.
bool matches(const Xapian::Query& query, const std::set<std::string>& terms) {
    using Q = Xapian::Query;
    const std::size_t n = query.get_num_subqueries();
    switch (query.get_type()) {
        case Q::LEAF_MATCH_ALL:
            return true;
        case Q::LEAF_TERM:
            return terms.count(*query.get_terms_begin()) > 0;
        case Q::OP_AND:
        case Q::OP_FILTER:
            for (std::size_t i = 0; i < n; ++i)
                if (!matches(query.get_subquery(i), terms)) return false;
            return true;
        case Q::OP_OR:
        case Q::OP_SYNONYM:
        case Q::OP_MAX:
            for (std::size_t i = 0; i < n; ++i)
                if (matches(query.get_subquery(i), terms)) return true;
            return false;
        case Q::OP_AND_NOT:
            if (!matches(query.get_subquery(0), terms)) return false;
            for (std::size_t i = 1; i < n; ++i)
                if (matches(query.get_subquery(i), terms)) return false;
            return true;
        case Q::OP_AND_MAYBE:
        case Q::OP_SCALE_WEIGHT:
            return matches(query.get_subquery(0), terms);
        default:
            return false;  // LEAF_MATCH_NOTHING
    }
}

// The match set decided document by document.
std::vector<Xapian::docid> brute_force(const Xapian::Database& db, const Xapian::Query& query) {
    std::vector<Xapian::docid> out;
    for (auto d = db.postlist_begin(""); d != db.postlist_end(""); ++d) {
        const std::set<std::string> terms(db.termlist_begin(*d), db.termlist_end(*d));
        if (matches(query, terms)) out.push_back(*d);
    }
    return out;
}

// A random query over `terms`: the operators the walk evaluates, nested.
Xapian::Query random_query(std::mt19937& rng, const std::vector<std::string>& terms, int depth) {
    using Q = Xapian::Query;
    const int pick = std::uniform_int_distribution<int>(0, depth > 0 ? 11 : 2)(rng);
    if (pick <= 1) return Q(terms[std::uniform_int_distribution<std::size_t>(0, terms.size() - 1)(rng)]);
    if (pick == 2) return std::uniform_int_distribution<int>(0, 3)(rng) ? Q::MatchAll : Q::MatchNothing;
    if (pick == 11) return Q(Q::OP_SCALE_WEIGHT, random_query(rng, terms, depth - 1), 2.5);
    static const Q::op ops[] = {Q::OP_AND,       Q::OP_OR,      Q::OP_AND_NOT, Q::OP_FILTER,
                                Q::OP_AND_MAYBE, Q::OP_SYNONYM, Q::OP_MAX,     Q::OP_OR};
    const Q::op op = ops[pick - 3];
    std::vector<Q> children;
    const int n = std::uniform_int_distribution<int>(2, 4)(rng);
    for (int i = 0; i < n; ++i) children.push_back(random_query(rng, terms, depth - 1));
    return Q(op, children.begin(), children.end());
}

}  // namespace

TEST_CASE("the walk matches what Enquire matches: the query language on corpus/", "[walk]") {
    const Xapian::Database db(corpus_database());
    for (const char* q : {"", "ministre", "président OR football", "gouvernement NOT football", "NOT ministre",
                          "ministre lieu:Paris", "date:2015..2017", "ministre -président", "+ministre président",
                          "(élections OR vote) AND (président OR ministre) NOT football", "mot_absent",
                          "ministre mot_absent", "mot_absent OR ministre", "personne:Obama OR org:ONU"}) {
        INFO("query: " << q);
        const Xapian::Query query = parse_query(q, db, lexicons(), false);
        INFO(query.get_description());
        auto walk = MatchWalk::build(db, query);
        REQUIRE(walk);
        CHECK(walked(*walk) == enquire_matches(db, query));
    }
    // Positions, wildcards: no walk.
    for (const char* q : {"\"premier ministre\"", "élections NEAR président", "minist*"}) {
        INFO("query: " << q);
        CHECK_FALSE(MatchWalk::build(db, parse_query(q, db, lexicons(), false)));
    }
    CHECK_FALSE(MatchWalk::build(db, Xapian::Query(Xapian::Query::OP_AND, Xapian::Query("ministre"),
                                                   Xapian::Query(Xapian::Query::OP_VALUE_GE, 1, "2016"))));
}

TEST_CASE("the walk matches what Enquire matches: random queries over two parts with gaps", "[walk]") {
    // Two glass databases of uneven sizes, some documents deleted, opened as
    // one (Xapian interleaves their docids), and each on its own. The walk
    // is checked against each document's terms rather than Enquire: on one
    // of these queries ("(... MAX ...) AND_NOT ((h AND_MAYBE a) AND (e
    // SYNONYM e SYNONYM c))") Xapian 1.4.22's matcher returned a document
    // holding h and c in a sanitizer build and not in a plain one.
    std::mt19937 rng(20261127);
    const std::vector<std::string> vocabulary = {"a", "b", "c", "d", "e", "f", "g", "h"};
    std::vector<std::string> paths = {temp_path("depeche-walk"), temp_path("depeche-walk")};
    for (std::size_t part = 0; part < 2; ++part) {
        Xapian::WritableDatabase w(paths[part], Xapian::DB_CREATE_OR_OVERWRITE);
        const int docs = part == 0 ? 700 : 260;
        for (int i = 0; i < docs; ++i) {
            Xapian::Document doc;
            // Terms of very different frequencies: "a" in half, "h" in 1/128.
            for (std::size_t t = 0; t < vocabulary.size(); ++t)
                if (std::uniform_int_distribution<int>(0, (2 << t) - 1)(rng) == 0) doc.add_term(vocabulary[t]);
            w.add_document(doc);
        }
        for (int i = 1; i <= docs; ++i)
            if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) w.delete_document(i);
        w.commit();
    }
    std::vector<std::string> terms = vocabulary;
    terms.push_back("absent");
    Xapian::Database both;
    for (const auto& p : paths) both.add_database(Xapian::Database(p));
    const Xapian::Database first(paths[0]);
    for (int i = 0; i < 400; ++i) {
        const Xapian::Query query = random_query(rng, terms, 3);
        INFO(query.get_description());
        for (const Xapian::Database* db : std::vector<const Xapian::Database*>{&both, &first}) {
            auto walk = MatchWalk::build(*db, query);
            REQUIRE(walk);
            CHECK(walked(*walk) == brute_force(*db, query));
        }
    }
    // Wide ORs (a name's many spellings), alone and filtering every
    // document, as a browse by entity asks.
    using Q = Xapian::Query;
    for (int i = 0; i < 100; ++i) {
        std::vector<Q> children;
        const int n = std::uniform_int_distribution<int>(5, 14)(rng);
        for (int k = 0; k < n; ++k) children.push_back(random_query(rng, terms, 1));
        const Q wide(Q::OP_OR, children.begin(), children.end());
        for (const Q& query : {wide, Q(Q::OP_FILTER, Q::MatchAll, wide), Q(Q::OP_AND, wide, Q::MatchAll)}) {
            INFO(query.get_description());
            for (const Xapian::Database* db : std::vector<const Xapian::Database*>{&both, &first}) {
                auto walk = MatchWalk::build(*db, query);
                REQUIRE(walk);
                CHECK(walked(*walk) == brute_force(*db, query));
            }
        }
    }
}

namespace {

// A database whose documents differ in wdf and length, some deleted, with
// its facet column (for the lengths) and a sort value per document.
std::string weighed_database(std::mt19937& rng, const std::vector<std::string>& vocabulary) {
    const std::string path = temp_path("depeche-weighed");
    {
        Xapian::WritableDatabase w(path, Xapian::DB_CREATE_OR_OVERWRITE);
        for (int i = 0; i < 600; ++i) {
            Xapian::Document doc;
            for (std::size_t t = 0; t < vocabulary.size(); ++t)
                if (std::uniform_int_distribution<int>(0, (2 << t) - 1)(rng) == 0)
                    doc.add_term(vocabulary[t], std::uniform_int_distribution<Xapian::termcount>(1, 6)(rng));
            // Length without the query's terms, and a boolean term (wdf 0).
            doc.add_term("filler", std::uniform_int_distribution<Xapian::termcount>(0, 400)(rng));
            doc.add_boolean_term("Kflag");
            // Ties in weight are broken by this value, as depeche's id.
            doc.add_value(0, std::to_string(std::uniform_int_distribution<int>(0, 50)(rng)));
            w.add_document(doc);
        }
        for (int i = 1; i <= 600; ++i)
            if (std::uniform_int_distribution<int>(0, 9)(rng) == 0) w.delete_document(i);
        w.commit();
    }
    write_facet_column(path);
    return path;
}

std::map<Xapian::docid, double> enquire_weights(const Xapian::Database& db, const Xapian::Query& query) {
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    const Xapian::MSet mset = enquire.get_mset(0, db.get_doccount() + 1);
    std::map<Xapian::docid, double> out;
    for (auto it = mset.begin(); it != mset.end(); ++it) out[*it] = it.get_weight();
    return out;
}

}  // namespace

TEST_CASE("the weighed walk weighs every match as Enquire does, and its page is Enquire's", "[walk]") {
    std::mt19937 rng(27112026);
    const std::vector<std::string> vocabulary = {"a", "b", "c", "d", "e", "f", "g", "h"};
    const std::string path = weighed_database(rng, vocabulary);
    const Xapian::Database db(path);
    std::string why;
    const auto column = FacetColumn::open(path, why);
    REQUIRE(column);
    REQUIRE(column->in_step_with(db));
    std::vector<std::string> terms = vocabulary;
    terms.push_back("absent");
    terms.push_back("Kflag");
    int weighed = 0;
    for (int i = 0; i < 400; ++i) {
        const Xapian::Query query = random_query(rng, terms, 3);
        INFO(query.get_description());
        auto walk = MatchWalk::build_weighed(db, query, *column);
        if (!walk) continue;
        ++weighed;
        const auto expected = enquire_weights(db, query);
        std::map<Xapian::docid, double> got;
        for (Xapian::docid d; (d = walk->next());) got[d] = walk->weight();
        REQUIRE(got.size() == expected.size());
        for (const auto& [did, w] : expected) {
            INFO("docid " << did);
            CHECK(got[did] == Approx(w).epsilon(1e-12).margin(1e-12));
        }
        // The page, at several offsets, as Enquire gives it over every match.
        for (const Xapian::doccount offset : {0u, 3u, 40u}) {
            Xapian::Enquire enquire(db);
            enquire.set_query(query);
            enquire.set_sort_by_relevance_then_value(0, false);
            const Xapian::MSet whole = enquire.get_mset(offset, 10);
            auto again = MatchWalk::build_weighed(db, query, *column);
            RankedPage page(offset + 10);
            for (Xapian::docid d; (d = again->next());) page.offer(d, again->weight());
            Xapian::MSet ranked;
            REQUIRE(page.page(enquire, query, offset, 10, ranked));
            REQUIRE(ranked.size() == whole.size());
            for (Xapian::doccount k = 0; k < whole.size(); ++k) {
                CHECK(*ranked[k] == *whole[k]);
                CHECK(ranked[k].get_weight() == whole[k].get_weight());
            }
        }
    }
    // Most random queries hold a synonym, a MAX or a scaled weight somewhere.
    CHECK(weighed > 40);
    // What the walk does not weigh as Xapian does, in a weighed place: no
    // weighed walk. In a filter's place, it only selects.
    using Q = Xapian::Query;
    const Q a("a"), b("b");
    CHECK_FALSE(MatchWalk::build_weighed(db, Q(Q::OP_SYNONYM, a, b), *column));
    CHECK_FALSE(MatchWalk::build_weighed(db, Q(Q::OP_MAX, a, b), *column));
    CHECK_FALSE(MatchWalk::build_weighed(db, Q(Q::OP_SCALE_WEIGHT, a, 2.0), *column));
    CHECK_FALSE(MatchWalk::build_weighed(db, Q(Q::OP_OR, a, Q(Q::OP_AND, a, b)), *column));
    CHECK_FALSE(MatchWalk::build_weighed(db, Q(Q::OP_OR, a, Q::MatchAll), *column));
    CHECK(MatchWalk::build_weighed(db, Q(Q::OP_FILTER, a, Q(Q::OP_SYNONYM, a, b)), *column));
    CHECK(MatchWalk::build_weighed(db, Q(Q::OP_AND_NOT, a, Q(Q::OP_MAX, a, b)), *column));
}

TEST_CASE("a ranked page whose weights are not Enquire's is refused", "[walk]") {
    std::mt19937 rng(7);
    const std::string path = weighed_database(rng, {"a", "b", "c"});
    const Xapian::Database db(path);
    std::string why;
    const auto column = FacetColumn::open(path, why);
    REQUIRE(column);
    const Xapian::Query query(Xapian::Query::OP_OR, Xapian::Query("a"), Xapian::Query("b"));
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    auto walk = MatchWalk::build_weighed(db, query, *column);
    REQUIRE(walk);
    RankedPage right(10), wrong(10);
    for (Xapian::docid d; (d = walk->next());) {
        right.offer(d, walk->weight());
        wrong.offer(d, walk->weight() * (1 + 1e-6));
    }
    // An empty page (--limit 0) keeps nothing and asks Enquire for nothing.
    RankedPage none(0);
    for (Xapian::docid d = 1; d <= 50; ++d) none.offer(d, 1.0);
    Xapian::MSet empty;
    CHECK(none.page(enquire, query, 0, 0, empty));
    CHECK(empty.empty());
    Xapian::MSet mset;
    CHECK_FALSE(wrong.page(enquire, query, 0, 10, mset));
    CHECK(mset.empty());
    CHECK(right.page(enquire, query, 0, 10, mset));
    CHECK(mset.size() == 10);
}
