// What depeche-extract skips (stems, kept tokens, a separate title analysis)
// changes none of the entities: analyse_article's needs against the index's.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "document.hpp"
#include "lexicon.hpp"
#include "readers.hpp"

using namespace depeche;

TEST_CASE("depeche-extract's needs give the index's entities", "[document][entities]") {
    static const Lexicons lexicons = load_lexicons(DEPECHE_SOURCE_DIR "/corpus/lexicons");
    std::vector<Article> articles;
    ReadOptions read;
    read.inputs = {DEPECHE_SOURCE_DIR "/corpus/sample"};
    read_inputs(
        read, [&](Article&& a) { articles.push_back(std::move(a)); }, [](const Reject&) {}, [](const std::string&) {});
    REQUIRE(articles.size() > 100);
    // corpus/ has few titles: each untitled dispatch also goes with its first
    // words as a title, which then name what the text names.
    for (std::size_t i = 0, n = articles.size(); i < n; ++i) {
        const std::size_t cut = articles[i].text.find(' ', 40);
        if (!articles[i].title.empty() || cut == std::string::npos) continue;
        Article a = articles[i];
        a.title = a.text.substr(0, cut);
        articles.push_back(std::move(a));
    }
    // Titles the combined analysis must cut as the separate one does: only
    // punctuation, a word run into the break, an elision at the end.
    for (const char* title : {"«  »", "Merkel", "Paris, l'", "Œuvre  \u00e9t\u00e9 -", "ONU (New York)"}) {
        Article a = articles.front();
        a.title = title;
        articles.push_back(a);
    }
    std::size_t titled = 0;
    for (const Article& article : articles) {
        titled += !article.title.empty();
        const AnalysedArticle full = analyse_article(article, lexicons);
        const AnalysedArticle entities_only = analyse_article(article, lexicons, kEntitiesOnly);
        const AnalysedArticle no_stems = analyse_article(article, lexicons, {Stems::skip, true});
        INFO(article.id);
        CHECK(extract_json(entities_only) == extract_json(full));
        CHECK(extract_json(no_stems) == extract_json(full));
        CHECK(entities_only.title_tokens.empty());
        CHECK(entities_only.text_tokens.empty());
        CHECK(no_stems.text_tokens.size() == full.text_tokens.size());
        CHECK(no_stems.title_tokens.size() == full.title_tokens.size());
    }
    CHECK(titled > 100);
}
