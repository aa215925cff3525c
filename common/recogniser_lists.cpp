// Two French ways of naming people that the capitals alone do not show:
//   a list after a plural title: "MM. Bertoni, Micheli et Tissières",
//     "Mmes Dupont et Durand": every name of the list is a person (HIPE-2020
//     gives the first its title, "MM. Bertoni", the others stand alone);
//   a title, "de" and a surname: "le général de Gaulle", "le duc de Broglie":
//     the particle is part of the surname ("de Gaulle", as "M. de Villepin"),
//     the title opens the mention ("général de Gaulle", title_start).
#include "recogniser_scanner.hpp"

namespace depeche::recogniser_detail {

namespace {

// Titles French writes before "de" and a surname. Ranks, nobility and forms of
// address only: offices ("le président de Renault", "le maire de Lyon", "le
// ministre de l'Intérieur") take "de" and the body or place they head.
const WordSet& titles_before_de() {
    static const WordSet words = words_of(
        "general marechal amiral colonel lieutenant commandant capitaine duc duchesse comte comtesse vicomte "
        "vicomtesse marquis marquise baron baronne chevalier abbe cardinal monsieur madame mademoiselle");
    return words;
}

}  // namespace

// A capitalised token that may be a surname: not a common word, a title or a
// place or organisation the lexicons know ("le roi de France", "le général de
// Division" are no people). Returns the last token of the name, or kNone.
std::size_t Scanner::surname_last(std::size_t k, std::size_t limit) const {
    if (k >= limit || !joinable(k)) return kNone;
    const Word& w = words_[k];
    if (!w.cap || w.title || w.common || w.acronym || !w.particle.empty() || tokens_[k].all_caps) return kNone;
    if (forced_at_[k] >= 0) return kNone;
    const LexiconMatch m = lexicon_match(k, limit);
    if (m && (m.place || m.org) && !m.person) return kNone;
    return run_last(k, limit, true, false);
}

// "le général de Gaulle": at the title token `i`, the person named from its
// "de" on. Returns the token after the name, or 0 when the pattern is absent.
std::size_t Scanner::scan_title_de(std::size_t i) {
    if (i + 2 >= n_ || !titles_before_de().count(words_[i].key) || !words_[i].particle.empty()) return 0;
    // The title heads its noun phrase: after a determiner, a capital ("M. le
    // duc") or punctuation. After a noun, "général" is an adjective: "le
    // directeur général de Pfizer", "son quartier général de Liverpool".
    static const WordSet determiners =
        words_of("le la les du au aux un une ce cet cette son sa ses leur notre votre ancien ancienne feu jeune");
    if (i > 0 && joinable(i) && !words_[i - 1].cap && !determiners.count(words_[i - 1].key)) return 0;
    // Keys are folded: "le comté de Kent" is a county, not a count.
    const std::string_view t = tokens_[i].text;
    if (words_[i].key == "comte" && t.find("\xC3\xA9") != std::string_view::npos) return 0;
    const Word& de = words_[i + 1];
    if (de.key != "de" || de.cap || !de.particle.empty() || words_[i + 1].gap != kSpace) return 0;
    if (words_[i + 2].gap != kSpace) return 0;
    const std::size_t limit = next_forced_[i + 1];
    const std::size_t last = surname_last(i + 2, limit);
    if (last == kNone) return 0;
    found_.push_back(Candidate{i + 1, last, Guess::person, {}, true, -1, true, {}});
    return last + 1;
}

// After a person named right after a plural title ("MM.", "Mmes", "Mlles"),
// the names joined to it by commas and "et". Returns where the scan goes on.
std::size_t Scanner::scan_list(std::size_t j) {
    const Candidate& head = found_.back();
    // "MM. de Dardel": the title may stand before the particle opening the name.
    const std::size_t t = head.first;
    if (head.kind != Guess::person || !after_title(t)) return j;
    const std::string_view title = words_[t - 1].key;
    if (title != "mm" && title != "mmes" && title != "mlles") return j;
    while (j < n_) {
        std::size_t k = j;
        const std::uint16_t gap = words_[j].gap;
        if (gap == (kComma | kSpace) || gap == kComma) {
            k = j;
        } else if (gap == kSpace && words_[j].key == "et" && !words_[j].cap && words_[j].particle.empty()) {
            k = j + 1;
            if (k >= n_ || words_[k].gap != kSpace) return j;
        } else {
            return j;
        }
        const std::size_t limit = next_forced_[k];
        std::size_t last = kNone;
        // Not surname_last: joinable() refuses the comma before the name.
        if (k < limit && words_[k].cap && words_[k].particle.empty()) {
            const Word& w = words_[k];
            if (!w.title && !w.common && !w.acronym && !tokens_[k].all_caps) {
                const LexiconMatch m = lexicon_match(k, limit);
                if (!(m && (m.place || m.org) && !m.person)) last = run_last(k, limit, true, false);
            }
        }
        if (last == kNone) return j;
        found_.push_back(Candidate{k, last, Guess::person, {}, true, -1, true, {}});
        j = last + 1;
    }
    return j;
}

}  // namespace depeche::recogniser_detail
