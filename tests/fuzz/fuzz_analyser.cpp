// libFuzzer target: the whole analysis of one dispatch (word breaking,
// elisions, stemming, recognition, dates) and the Xapian document built from
// it. Token and mention offsets must lie inside the text and on its bytes;
// every term must be one Xapian accepts.

#include "document.hpp"
#include "fuzz_check.hpp"
#include "lexicon.hpp"
#include "schema.hpp"

using namespace depeche;

namespace {

const Lexicons& lexicons() {
    static const Lexicons lex = load_lexicons(DEPECHE_SOURCE_LEXICONS);
    return lex;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    lexicons();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const unsigned char* data, std::size_t size) {
    const std::string_view raw = fuzz::as_text(data, size);
    for (const Token& t : analyse(raw)) {
        FUZZ_CHECK(t.elided_start <= t.start && t.start < t.end && t.end <= raw.size());
        FUZZ_CHECK(!t.folded.empty());
    }
    // Readers hand the analysis valid UTF-8 only.
    if (!is_valid_utf8(raw) || raw.find('\0') != std::string_view::npos) return 0;
    Article article;
    article.id = "fuzz";
    article.published = PartialDate{2015, 6, 15};
    article.text = to_nfc(raw);
    if (article.text.empty()) return 0;
    const std::string text = article.text;
    const AnalysedArticle analysed = analyse_article(std::move(article), lexicons());
    for (const Entity& e : analysed.entities) {
        FUZZ_CHECK(!e.name.empty());
        for (const Mention& m : e.mentions) {
            FUZZ_CHECK(m.start < m.end && m.end <= text.size());
            FUZZ_CHECK(text.compare(m.start, m.end - m.start, m.text) == 0);
        }
    }
    const Xapian::Document doc = build_document(analysed);
    for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) FUZZ_CHECK((*t).size() <= 245);
    FUZZ_CHECK(!doc.get_data().empty());
    return 0;
}
