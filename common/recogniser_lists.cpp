// French ways of naming people that the capitals alone do not show:
//   a list after a plural title: "MM. Bertoni, Micheli et Tissières",
//     "Mmes Dupont et Durand", "les généraux Weygand et Gamelin": every name
//     of the list is a person (HIPE-2020 gives the first its title, "MM.
//     Bertoni", "généraux Weygand", the others stand alone);
//   a title, "de" or "d'" and a surname: "le général de Gaulle", "le duc
//     d'Orléans": the particle is part of the surname ("de Gaulle",
//     "d'Orléans"), the title opens the mention ("général de Gaulle", title_start);
//   initials and a surname: "L. Jalabert", "J.-P. Dupont", "Ch. Martin";
//   "Me", "Dr" without their dot: the title of the name after, not its first word.
#include "recogniser_scanner.hpp"

namespace depeche::recogniser_detail {

// Ranks, nobility and forms of address only: offices ("le président de
// Renault", "le maire de Lyon", "le ministre de l'Intérieur") take "de" and
// the body or place they head.
const WordSet& titles_before_de() {
    static const WordSet words = words_of(
        "general marechal amiral colonel lieutenant commandant capitaine duc duchesse comte comtesse vicomte "
        "vicomtesse marquis marquise baron baronne prince princesse chevalier abbe cardinal monsieur madame "
        "mademoiselle");
    return words;
}

namespace {

// Initials read as letters, not as a person's: "av. J.-C." (Jésus-Christ),
// "N. Y.", "U. S.", "D. C." (places), "S. A." (société anonyme), "S. M." (Sa
// Majesté), and the clubs named before their town ("F. C. Sion", "H. C.
// Lausanne", "A. S. Monaco", "R. C. Lens").
const WordSet& initials_no_name() {
    static const WordSet words = words_of("jc ny us uk dc sa sm se fc hc sc rc as");
    return words;
}

// Words after which a capital and its dot is a letter, not an initial: the
// articles ("la S. A. Nestlé") and the nouns that take a letter as their label
// ("le plan B.", "la catégorie A.", "la vitamine C.").
const WordSet& determiners_and_labels() {
    static const WordSet words = words_of(
        "le la les un une des du au aux ce cet cette ces plan classe categorie groupe vitamine serie type annexe "
        "poule zone niveau option partie point page section article batiment escalier salle terminal colonne "
        "lettre note tribune porte hall voie ligne bloc modele version");
    return words;
}

}  // namespace

// "L. Jalabert", "J.-P. Dupont", "Ch. Martin": up to three initials, each a
// capital (or a capital and "h": Ch., Ph., Th.) with its dot, then a
// capitalised surname. At token `i`, returns the surname's first token, or kNone.
// A capital and a dot also end sentences ("le plan B. Macron a dit"), so the
// initials must not follow an article ("la S. A." is a firm), a noun that
// takes a letter as its label, or a capitalised word that is no title or
// function word (inside a name: "George W. Bush" is read from "George").
std::size_t Scanner::initials_end(std::size_t i, bool listed) const {
    // A letter and its dot, "l'A. S. Carcassonnaise" too (elided, it opens no name).
    auto letter = [&](std::size_t k) {
        const Word& w = words_[k];
        if (!w.cap || w.title || k + 1 >= n_) return false;
        if (!(w.key.size() == 1 || (w.key.size() == 2 && w.key[1] == 'h' && tokens_[k].text.back() == 'h')))
            return false;
        if (w.key[0] < 'a' || w.key[0] > 'z') return false;
        const std::uint16_t gap = words_[k + 1].gap;  // the dot after it
        return (gap & kDot) && !(gap & ~(kDot | kStop | kSpace | kHyphen));
    };
    auto initial = [&](std::size_t k) { return words_[k].particle.empty() && letter(k); };
    if (!initial(i) || (i > 0 && letter(i - 1))) return kNone;  // not from inside "J.-P."
    if (!listed && i > 0 && joinable(i)) {
        const Word& p = words_[i - 1];
        if (p.cap ? !(p.title || tokens_[i - 1].stop) : determiners_and_labels().count(p.key) != 0) return kNone;
    }
    std::string letters(words_[i].key.substr(0, 1));
    std::size_t s = i + 1;
    while (s < n_ && s < i + 3 && initial(s) && !(words_[s].gap & ~(kDot | kStop | kSpace | kHyphen))) {
        letters += words_[s].key.substr(0, 1);
        ++s;
    }
    if (initials_no_name().count(letters)) return kNone;
    // The surname: joined to the last initial by its dot and spaces only.
    if (s >= n_ || (words_[s].gap & ~(kDot | kStop | kSpace))) return kNone;
    const Word& w = words_[s];
    if (!w.cap || w.title || w.acronym || tokens_[s].all_caps || tokens_[s].stop || !w.particle.empty() ||
        w.key.size() < 3 || letter(s))  // "S. A. S. E.": letters all along
        return kNone;
    // "Ch. Martin", "A. Rose": a common word that is a known name still is one.
    if (w.common && !lex_.first_names.contains(w.key) && !lex_.surnames.contains(w.key)) return kNone;
    return s;
}

// What opens a person's name at token `i` that the capitals alone do not
// show. "Me Dupont", "Dr Martin" written without a dot: the abbreviation is the
// name's title, skipped here so that the name after it reads it so (before()),
// not a first word of the name ("Me Sahand Saber" is "Sahand Saber"). "L.
// Jalabert": initials and a surname, the person (and a list after "MM.").
// Returns where the scan goes on, or 0 when neither is there.
// Called by scan_name_opening for a capitalised token of up to 3 letters
// (abbreviations have up to 3, initials 2).
std::size_t Scanner::scan_short_capital(std::size_t i) {
    if (is_honorific_abbreviation(words_[i], tokens_[i]) && after_abbreviation(i + 1)) return i + 1;
    const std::size_t s = initials_end(i, false);
    if (s == kNone || forced_at_[s] >= 0) return 0;
    const std::size_t limit = next_forced_[s];
    if (s >= limit) return 0;
    // "A. Paris", "J. Lyon": a place or an organisation the lexicons know is no surname.
    const LexiconMatch m = lexicon_match(s, limit);
    if (m && (m.place || m.org) && !m.person) return 0;
    const std::size_t last = run_last(s, limit, true, false);
    found_.push_back(Candidate{i, last, Guess::person, {}, true, -1, true, {}});
    return scan_list(last + 1);  // "MM. F. Honegger et A. Dupont"
}

// A capitalised token that may be a surname: not a common word, a title or a
// place or organisation the lexicons know ("le roi de France", "le général de
// Division" are no people), but for a title of nobility (`fief`), whose name
// is a place ("la duchesse de Cambridge"). Returns the last token of the name, or kNone.
std::size_t Scanner::surname_last(std::size_t k, std::size_t limit, bool fief) const {
    if (k >= limit || !joinable(k)) return kNone;
    const Word& w = words_[k];
    if (!w.cap || w.title || w.acronym || !w.particle.empty() || tokens_[k].all_caps) return kNone;
    if (forced_at_[k] >= 0) return kNone;
    const LexiconMatch m = lexicon_match(k, limit);
    // A fief may be spelt as a French word ("le comte de Paris", "le prince
    // de Galles"): the gazetteer's place decides, not the dictionary.
    if (w.common && !(fief && m.place)) return kNone;
    if (m && (m.place || m.org) && !m.person && !(fief && m.place)) return kNone;
    return run_last(k, limit, true, false);
}

// "le général de Gaulle": at the title token `i`, the person named from its
// "de" on. Returns the token after the name, or 0 when the pattern is absent.
std::size_t Scanner::scan_title_de_at(std::size_t i) {
    // The title heads its noun phrase: after a determiner, a capital ("M. le
    // duc") or punctuation. After a noun, "général" is an adjective: "le
    // directeur général de Pfizer", "son quartier général de Liverpool".
    static const WordSet determiners =
        words_of("le la les du au aux un une ce cet cette son sa ses leur notre votre ancien ancienne feu jeune");
    if (i > 0 && joinable(i) && !words_[i - 1].cap && !determiners.count(words_[i - 1].key)) return 0;
    // Keys are folded: "le comté de Kent" is a county, not a count.
    const std::string_view t = tokens_[i].text;
    if (words_[i].key == "comte" && t.find("\xC3\xA9") != std::string_view::npos) return 0;
    // Titles of nobility are named after a fief, often a place the gazetteers
    // know ("le duc d'Orléans", "la duchesse de Cambridge"); ranks and forms of
    // address take a surname ("le capitaine de Marseille" is a club's).
    static const WordSet nobility =
        words_of("duc duchesse comte comtesse vicomte vicomtesse marquis marquise baron baronne prince princesse");
    const bool fief = nobility.count(words_[i].key) != 0;
    const Word& de = words_[i + 1];
    if (de.particle == "d" && de.cap && de.gap == kSpace) {
        // "le duc d'Orléans", "la comtesse d'Haussonville": the elided particle
        // is part of the name, as "de" is ("d'Orléans", as "de Gaulle").
        const std::size_t k = i + 1;
        const std::size_t limit = next_forced_[k];
        if (k >= limit || de.title || de.common || de.acronym || tokens_[k].all_caps) return 0;
        const LexiconMatch m = lexicon_match(k, limit);
        if (!fief && m && (m.place || m.org) && !m.person) return 0;
        const std::size_t last = run_last(k, limit, true, false);
        const std::size_t from = tokens_[k].elided_start;
        found_.push_back(Candidate{k,
                                   last,
                                   Guess::person,
                                   collapse_spaces(text_.substr(from, tokens_[last].end - from)),
                                   true,
                                   -1,
                                   true,
                                   {},
                                   true});
        return last + 1;
    }
    if (i + 2 >= n_ || de.key != "de" || de.cap || !de.particle.empty() || words_[i + 1].gap != kSpace) return 0;
    if (words_[i + 2].gap != kSpace) return 0;
    const std::size_t limit = next_forced_[i + 1];
    const std::size_t last = surname_last(i + 2, limit, fief);
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
    if (head.kind != Guess::person || t == 0) return j;
    if (after_title(t) || after_abbreviation(t)) {
        const std::string_view title = words_[t - 1].key;
        if (title != "mm" && title != "mmes" && title != "mlles" && title != "mes") return j;
    } else {
        // "les généraux Weygand", "les conseillers fédéraux Motta": the plural
        // of a title, perhaps with its adjectives, joined by spaces.
        std::size_t k = t;
        for (int adjectives = 0; adjectives < 2 && k > 1 && words_[k].gap == kSpace && words_[k].particle.empty() &&
                                 !words_[k - 1].cap && is_title_adjective(words_[k - 1].key);
             ++adjectives)
            --k;
        if (!(words_[k].gap == kSpace && words_[k].particle.empty() && !words_[k - 1].cap &&
              is_plural_title(words_[k - 1].key)))
            return j;
    }
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
        // "MM. A. Dupont et B. Durand": initials before the surname.
        const std::size_t initials = k < n_ ? initials_end(k, true) : kNone;
        const std::size_t name = initials != kNone ? initials : k;
        // Not surname_last: joinable() refuses the comma before the name.
        if (name < limit && words_[name].cap && words_[name].particle.empty()) {
            const Word& w = words_[name];
            // A word may be a surname in a list: "Martin", a name the lexicons
            // know, "Pilet-Golaz", a compound of capitals ("Président" is no one).
            const bool word_name = initials != kNone || lex_.first_names.contains(w.key) ||
                                   lex_.surnames.contains(w.key) ||
                                   (name + 1 < limit && hyphen_only(name + 1) && words_[name + 1].cap);
            if (!w.title && (!w.common || word_name) && !tokens_[name].stop && !w.acronym && !tokens_[name].all_caps) {
                const LexiconMatch m = lexicon_match(name, limit);
                if (!(m && (m.place || m.org) && !m.person)) last = run_last(name, limit, true, false);
            }
        }
        if (last == kNone) return j;
        found_.push_back(Candidate{k, last, Guess::person, {}, true, -1, true, {}});
        j = last + 1;
    }
    return j;
}

}  // namespace depeche::recogniser_detail
