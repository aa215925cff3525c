// libFuzzer target: the query language. Any text either parses into a query
// that runs on a small database or fails with a QueryError; nothing else may
// escape.

#include "document.hpp"
#include "fuzz_check.hpp"
#include "lexicon.hpp"
#include "query.hpp"

using namespace depeche;

namespace {

const Lexicons& lexicons() {
    static const Lexicons lex = load_lexicons(DEPECHE_SOURCE_LEXICONS, LexiconUse::names);
    return lex;
}

// Three dispatches in memory, so that queries also run.
const Xapian::Database& database() {
    static const Xapian::WritableDatabase db = [] {
        Xapian::WritableDatabase w(std::string(), Xapian::DB_BACKEND_INMEMORY);
        const char* texts[] = {
            "Le Premier ministre britannique David Cameron a rencontré jeudi à Londres le président François "
            "Hollande.",
            "L'État islamique a revendiqué l'attentat, selon l'AFP, le 13 novembre 2015 à Paris.",
            "Angela Merkel et Emmanuel Macron se sont retrouvés à Berlin en mars 2019.",
        };
        int n = 0;
        for (const char* text : texts) {
            Article a;
            a.id = "q" + std::to_string(++n);
            a.published = PartialDate{2015 + n, 3, 10};
            a.text = text;
            w.add_document(build_document(analyse_article(a, lexicons())));
        }
        return w;
    }();
    return db;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    database();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view text = fuzz::as_text(data, size);
    for (bool any : {false, true}) {
        try {
            const Xapian::Query query = parse_query(text, database(), lexicons(), any);
            Xapian::Enquire enquire(database());
            enquire.set_query(query);
            const Xapian::MSet mset = enquire.get_mset(0, 10);
            FUZZ_CHECK(mset.get_matches_estimated() <= database().get_doccount());
        } catch (const QueryError&) {
        }
    }
    return 0;
}
