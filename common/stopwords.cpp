// French stop words, in folded form (lower case, no accents). Function words
// only: articles, prepositions, pronouns, conjunctions and the commonest forms
// of "être" and "avoir". Words that carry meaning in news copy stay out even
// when frequent ("été" is also the summer, "pays", "dit").
// Stop words are still indexed as positional words (phrases, NEAR); they only
// get no stem term and are dropped from free-text queries.

#include "analyzer.hpp"
#include "word_set.hpp"

#include <initializer_list>
#include <string_view>

namespace depeche {

bool is_stop_word(std::string_view folded) {
    // Every stop word is 1 to 10 lower case ASCII letters: numbers and long
    // words are answered without hashing.
    if (folded.empty() || folded.size() > 10 || folded[0] < 'a' || folded[0] > 'z') return false;
    static const ShortWordSet kStopWords = [] {
        ShortWordSet set;
        for (std::string_view w : std::initializer_list<std::string_view>{
                 // articles and contractions
                 "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux",
                 // prepositions
                 "a", "en", "dans", "par", "pour", "sur", "sous", "avec", "sans", "chez", "vers", "entre", "contre",
                 "depuis", "pendant", "avant", "apres", "selon", "outre", "parmi", "via", "jusqu",
                 // conjunctions
                 "et", "ou", "mais", "donc", "or", "ni", "car", "que", "qu", "quand", "lorsque", "lorsqu", "puisque",
                 "puisqu", "si", "comme", "quoique", "quoiqu",
                 // pronouns
                 "je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m", "te", "t", "se", "s",
                 "lui", "leur", "leurs", "eux", "y", "ce", "c", "ceci", "cela", "ca", "celui", "celle", "ceux",
                 "celles", "qui", "quoi", "dont", "lequel", "laquelle", "lesquels", "lesquelles", "auquel", "auxquels",
                 "duquel", "desquels", "desquelles", "moi", "toi", "soi",
                 // possessives and demonstratives
                 "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "nos", "votre", "vos", "cet",
                 "cette", "ces",
                 // negation and common adverbs of grammar
                 "ne", "n", "pas", "plus", "ne", "tres", "aussi", "meme", "tout", "tous", "toute", "toutes",
                 // être, avoir
                 "etre", "suis", "es", "est", "sommes", "etes", "sont", "etait", "etaient", "sera", "seront", "serait",
                 "seraient", "soit", "soient", "avoir", "ai", "as", "avons", "avez", "ont", "avait", "avaient", "aura",
                 "auront", "aurait", "auraient", "ait", "aient", "eu"})
            set.insert(w);
        return set;
    }();
    return kStopWords.count(folded) != 0;
}

}  // namespace depeche
