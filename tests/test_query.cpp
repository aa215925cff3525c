#include "query.hpp"

#include <catch2/catch.hpp>

#include <random>

using namespace depeche;

TEST_CASE("query words go through the analyser, the rest is untouched", "[query]") {
    CHECK(rewrite_query("L'État islamique") == "etat islamique");
    CHECK(rewrite_query("l’Élysée AND sécurité") == "elysee AND securite");
    CHECK(rewrite_query("\"Président de la République\"") == "\"president de la republique\"");
    CHECK(rewrite_query("personne:\"Philip Hammond\" coalition") == "personne:\"Philip Hammond\" coalition");
    CHECK(rewrite_query("lieu:Londres NOT Réunion") == "lieu:Londres NOT reunion");
    CHECK(rewrite_query("date:2015-01..2015-03 mention:2021") == "date:2015-01..2015-03 mention:2021");
    CHECK(rewrite_query("(Armées OR défense) -Élysée +Paris") == "(armees OR defense) -elysee +paris");
    CHECK(rewrite_query("sécur* NEAR/5 Londres") == "secur* NEAR/5 londres");
    CHECK(rewrite_query("Al-Qaïda") == "al-qaida");
    CHECK(rewrite_query("and or not") == "and or not");  // lower case: plain words
    CHECK(rewrite_query("\"unbalanced") == "\"unbalanced\"");
    CHECK(rewrite_query("personne:\"Philip") == "personne:\"Philip\"");
    CHECK(rewrite_query("« , ; »") == "   ");
}

TEST_CASE("plain words are those of a query without operators", "[query]") {
    CHECK(plain_words("coalition Londres réunion") == std::vector<std::string>{"coalition", "Londres", "réunion"});
    CHECK(plain_words("coalition AND Londres").empty());
    CHECK(plain_words("\"coalition Londres\"").empty());
    CHECK(plain_words("lieu:Londres coalition").empty());
    CHECK(plain_words("-coalition").empty());
}

TEST_CASE("entity fields resolve names the way people type them", "[query]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    for (const char* term : {"XPphilip hammond", "XPbarack obama", "XLlondres", "XPjohn kerry"}) {
        Xapian::Document doc;
        doc.add_boolean_term(term);
        db.add_document(doc);
    }
    Lexicons lexicons;
    lexicons.places["london"] = "Londres";
    auto describe = [&](EntityKind kind, const char* typed) {
        return entity_query(kind, typed, db, lexicons).get_description();
    };
    CHECK(describe(EntityKind::person, "Philip Hammond") == "Query(XPphilip hammond)");
    CHECK(describe(EntityKind::person, "PHILIP HAMMOND") == "Query(XPphilip hammond)");
    CHECK(describe(EntityKind::person, "hammond") == "Query(XPphilip hammond)");
    CHECK(describe(EntityKind::person, "philip") == "Query(XPphilip hammond)");
    CHECK(describe(EntityKind::person, "ham") == "Query(XPham)");  // not a word of a name: nothing
    CHECK(describe(EntityKind::place, "London") == "Query(XLlondres)");
    CHECK(describe(EntityKind::place, "Londres") == "Query(XLlondres)");
    CHECK_THROWS_AS(entity_query(EntityKind::org, " - ", db, lexicons), QueryError);
    Xapian::Query q = parse_query("personne:hammond lieu:london coalition", db, lexicons, false);
    CHECK(q.get_description() == "Query((Zcoalit@1 FILTER (XLlondres AND XPphilip hammond)))");
}

TEST_CASE("accented and unaccented queries parse to the same query", "[query]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Lexicons lexicons;
    auto parsed = [&](const char* q) { return parse_query(q, db, lexicons, false).get_description(); };
    CHECK(parsed("ministre des armées") == parsed("ministre des armees"));
    CHECK(parsed("Sécurité") == parsed("securite"));
    CHECK(parsed("\"président de la République\"") == parsed("\"president de la republique\""));
    CHECK(parsed("l'État islamique") == parsed("etat islamique"));
    CHECK(parsed("sécurité") == "Query(Zsecurit@1)");
    CHECK(parsed("") == "Query(<alldocuments>)");
    // Stop words only: searched as surface words, not dropped or stemmed.
    CHECK(parsed("de la") == "Query((de@1 AND la@2))");
    CHECK(parsed("la coalition") == "Query(Zcoalit@2)");
    CHECK_THROWS_AS(parse_query("date:2015-13", db, lexicons, false), QueryError);
}

TEST_CASE("garbage in: random queries parse or fail with a QueryError", "[query][fuzz]") {
    Xapian::WritableDatabase db(std::string(), Xapian::DB_BACKEND_INMEMORY);
    Lexicons lexicons;
    const std::string alphabet[] = {
        "a",   "é",      " ",     "\"",    "(",         ")",    "*",  ":", "-", "+",    "AND",  "OR",
        "NOT", "NEAR/2", "date:", "lieu:", "personne:", "2015", "..", "'", "’", "\xC3", "\x00", "l'"};
    std::mt19937 rng(11);
    for (int round = 0; round < 3000; ++round) {
        std::string q;
        for (int n = static_cast<int>(rng() % 12); n > 0; --n) q += alphabet[rng() % std::size(alphabet)];
        try {
            parse_query(q, db, lexicons, round % 2 == 0);
        } catch (const QueryError&) {
        }
    }
    SUCCEED("no crash, no other exception");
}
