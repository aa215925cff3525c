// The cues before a name: the venue or monument noun that opens a place's name
// ("la place de la Concorde", "le Stade de France") and what the words before a
// capitalised token say of its kind (titles, roles, place prepositions, organisation nouns).
#include "recogniser_scanner.hpp"

namespace depeche::recogniser_detail {

// Only ranks, offices, nobility and clergy: a plural occupation names a group
// a sentence speaks of or to ("a déclaré aux journalistes Joshua Wong", "devant
// les militants Steve Bannon"), seldom the title of the names after it.
bool is_plural_title(std::string_view key) {
    static const WordSet address = words_of("messieurs mesdames mesdemoiselles");
    static const WordSet ranks = words_of(
        "president presidente ministre general marechal amiral colonel capitaine commandant lieutenant senateur "
        "senatrice depute deputee conseiller conseillere juge procureur avocat avocate roi reine prince princesse "
        "empereur duc duchesse archiduc archiduchesse comte comtesse vicomte vicomtesse baron baronne cardinal "
        "eveque archeveque pape chancelier chanceliere gouverneur maire ambassadeur ambassadrice commissaire "
        "docteur professeur abbe pasteur prefet consul");
    if (key.size() < 4) return false;
    if (address.count(key)) return true;
    // "généraux", "maréchaux", "cardinaux": -al makes -aux.
    if (key.substr(key.size() - 3) == "aux") {
        std::string singular(key.substr(0, key.size() - 3));
        return ranks.count(singular.append("al")) != 0;
    }
    // "présidents", "ducs", "conseillers".
    return key.back() == 's' && ranks.count(key.substr(0, key.size() - 1)) != 0;
}

bool is_honorific_abbreviation(const Word& w, const Token& t) {
    // "Me Dupont", "Mgr Lustiger", "Dr Martin"; "Me" and "Mr" only capitalised,
    // where they cannot be the pronoun or a word.
    static const WordSet abbreviations = words_of("me mes mr mrs mgr dr pr");
    return w.cap && w.key.size() <= 3 && !t.all_caps && abbreviations.count(w.key) != 0;
}

bool is_title_adjective(std::string_view key) {
    static const WordSet words = words_of("federal federale federaux federales");
    return adjective_like(key) || is_nationality_adjective(key) || words.count(key) != 0;
}

std::size_t Scanner::site_start(std::size_t i) const {
    constexpr std::size_t none = static_cast<std::size_t>(-1);
    // "la tour Eiffel" but not "le tour de France": "tour" only right before its name.
    // A capitalised noun opens a venue's own name ("le Stade de France", "le Parc
    // des Princes"), except where the capital makes an institution of it ("l'Église
    // de Scientologie", "le Musée d'Orsay a annoncé").
    auto site_at = [&](std::size_t k, bool direct) {
        const Word& w = words_[k];
        if (w.cap && (direct || !w.particle.empty() || w.acronym || w.key == "eglise" || w.key == "musee"))
            return false;
        return site_nouns().count(w.key) != 0 && (direct || w.key != "tour");
    };
    if (i == 0 || !joinable(i)) return none;
    if (!words_[i].particle.empty()) {
        // "le pont d'Austerlitz", "le palais de l'Élysée".
        if (words_[i].particle == "d" && site_at(i - 1, false)) return i - 1;
        if (words_[i].particle == "l" && i >= 2 && words_[i - 1].key == "de" && joinable(i - 1) &&
            site_at(i - 2, false))
            return i - 2;
        return none;
    }
    const std::size_t k = i - 1;
    if (site_at(k, true)) return k;  // "la rue Gaston-Gallimard", "le stade Loujniki"
    const std::string_view link = words_[k].key;
    if ((link == "de" || link == "du" || link == "des") && k > 0 && joinable(k) && site_at(k - 1, false))
        return k - 1;  // "le château de Versailles", "le jardin des Tuileries"
    if (link == "la" && k > 1 && joinable(k) && words_[k - 1].key == "de" && joinable(k - 1) && site_at(k - 2, false))
        return k - 2;  // "la place de la Concorde"
    return none;
}

Before Scanner::before(std::size_t i) const {
    Before b;
    const Word& w = words_[i];
    auto place_noun_at = [&](std::size_t k) { return place_nouns().count(words_[k].key) != 0; };
    auto venue_noun_at = [&](std::size_t k) { return venue_nouns().count(words_[k].key) != 0 && !words_[k].cap; };
    if (!w.particle.empty()) {
        // "d'Irak", "près d'Orange", "à l'Élysée": the elision is the word before.
        if (w.particle == "d" && after_title(i)) {
            b.title = true;  // M. d'Estaing
        } else if (w.particle == "d") {
            b.weak_place = true;
            if (i > 0 && joinable(i) && place_noun_at(i - 1)) b.place = true;
            if (i > 0 && joinable(i) && venue_noun_at(i - 1)) b.venue = true;
        } else if (w.particle == "l" && i > 0 && joinable(i) && is_text(i - 1, {"à", "À", "depuis", "Depuis"})) {
            // "depuis l'Élysée": speaking from a seat of power names the building.
            b.place = true;
        }
        return b;
    }
    if (i == 0) return b;
    const std::uint16_t gap = w.gap;
    std::size_t k = i - 1;
    if (after_title(i)) {
        b.title = true;  // "M. Hammond", "Mme Merkel"
        return b;
    }
    if (after_abbreviation(i)) {
        b.title = true;  // "Me Dupont", "Dr Martin"
        return b;
    }
    // "son avocat Me Thibault de Montbrial": the role is the abbreviation's,
    // which is the title of the name after it, not a name.
    if (is_honorific_abbreviation(w, tokens_[i])) return b;
    if (demonym_before(i)) {
        b.role = true;  // "le Japonais Yukiya Amano"
        return b;
    }
    const bool only_comma = (gap & kComma) && !(gap & (kNotJoinable & ~kComma));
    if (!joinable(i) && !only_comma) return b;
    if (only_comma) b.place_frame = place_frame(i);
    if (party_before(i)) {
        b.role = true;  // "la démocrate Nancy Pelosi"
        return b;
    }
    if (!only_comma) {
        // "A Athènes": dispatches often leave the capital À unaccented.
        if (is_text(k,
                    {"à", "À", "A", "en", "En", "au", "Au", "aux", "Aux", "dans", "Dans", "vers", "depuis", "via"})) {
            b.place = true;
            b.place_strong = !is_text(k, {"à", "À", "A", "vers", "depuis", "via"});
            // "aux Bafta", "aux César": a plural article before a singular name is an event.
            const std::string_view name = words_[i].key;
            b.place_article = is_text(k, {"aux", "Aux"}) && !name.empty() && name.back() != 's' && name.back() != 'x';
            return b;
        }
        if (words_[k].key == "chez") {
            b.org = true;
            return b;
        }
        if (words_[k].key == "de" || words_[k].key == "du" || words_[k].key == "des") {
            b.weak_place = true;
            // "la ville de X", "le site militaire de X": a place noun, perhaps with one adjective.
            const bool adjective = k > 1 && joinable(k - 1) && !words_[k - 1].cap &&
                                   (adjective_like(words_[k - 1].key) || is_org_adjective(words_[k - 1].key));
            if (k > 0 && joinable(k) && (place_noun_at(k - 1) || (adjective && place_noun_at(k - 2)))) b.place = true;
            if (k > 0 && joinable(k) && venue_noun_at(k - 1)) b.venue = true;
            return b;
        }
        if (speech_verbs().count(words_[k].key)) {
            b.speech = true;
            return b;
        }
        // "à la Maison-Blanche", "depuis la Maison Blanche": "à la" before a whole name the gazetteers know
        // as a place (not "à la London Business School").
        if (words_[k].key == "la" && k > 0 && joinable(k) &&
            is_text(k - 1, {"à", "À", "A", "depuis", "Depuis", "vers", "Vers"})) {
            const LexiconMatch m = lexicon_match(i, n_);
            if (m.place && !(m.last + 1 < n_ && joinable(m.last + 1) && words_[m.last + 1].cap)) {
                b.place = true;
                return b;
            }
        }
        // "le champion de la Ligue": after an article the name heads its own
        // noun phrase; a cue noun before it names something else.
        if (is_name_particle(words_[k].key) || words_[k].key == "les" || words_[k].key == "un" ||
            words_[k].key == "une")
            return b;
    }
    // Back over adjectives and complements to the cue noun:
    // "le chef de la diplomatie britannique Philip Hammond".
    int unknown_budget = 1;
    bool direct = true;
    bool particle_seen = false;
    std::size_t cap_start = i;
    int acronyms_between = 0;
    // An apposition runs longer than a title: "la présidente de la Chambre des
    // représentants américaine, Nancy Pelosi" is seven words back to its role.
    const int max_steps = only_comma ? 8 : 6;
    for (int steps = 0; steps < max_steps; ++steps) {
        const Word& c = words_[k];
        const std::string_view key = c.key;
        const bool compound = k > 0 && joinable(k) && (c.gap & kHyphen);
        if (compound && (key == "avions" || key == "helicopteres" || key == "conteneurs") &&
            words_[k - 1].key == "porte") {
            b.vehicle = true;
            break;
        }
        if (compound && key == "marin" && words_[k - 1].key == "sous") {
            b.vehicle = true;
            break;
        }
        // "sud-africain", "Banque centrale": a noun joined to an adjective or
        // following a capital is an adjective here, not a cue.
        const bool adjectival = k + 1 < n_ && hyphen_only(k + 1);
        const bool after_name = k > 0 && joinable(k) && words_[k - 1].cap && place_nouns().count(key);
        if ((!c.cap || c.common) && !adjectival) {
            if (vehicle_nouns().count(key)) {
                b.vehicle = true;
                break;
            }
            // Titles of nobility, address and clergy ("l'impératrice Eugénie",
            // "lord Strangford", "don Carlos") only right before the name: some
            // are words too ("le don de", "une cure").
            const bool cure = key == "cure" && tokens_[k].text.find("\xC3\xA9") == std::string_view::npos;
            if ((role_nouns().count(key) || (k + 1 == i && !only_comma && !c.cap && !cure && is_person_title(key))) &&
                !(key == "porte" || key == "premier" || key == "premiere" || key == "vice")) {
                b.role = true;
                break;
            }
            // "les généraux Weygand et Gamelin": a plural title before a name;
            // not before a plural word, a nationality or a party ("les
            // ministres Européens", "les députés Verts"). Surnames may be
            // words ("Motta"), seldom plural ones.
            // Only adjectives and spaces between ("les conseillers fédéraux Motta"):
            // a complement names something else ("les chercheurs de l'université Savoie").
            if (is_plural_title(key)) {
                const std::string_view name = w.key;
                bool spaced = true;
                for (std::size_t j = k + 1; j <= i && spaced; ++j)
                    spaced = words_[j].gap == kSpace && words_[j].particle.empty() &&
                             (j == i || (!words_[j].cap && is_title_adjective(words_[j].key)));
                b.role = spaced && !c.cap && !tokens_[i].all_caps && !tokens_[i].stop && !name.empty() &&
                         !(w.common && (is_demonym(name) || name.back() == 's' || name.back() == 'x'));
                break;
            }
            // "le patron du groupe, Carlos Ghosn": after a comma, the name is the apposition.
            if (org_nouns().count(key) && !only_comma) {
                b.org = true;
                b.org_direct = acronyms_between == 0;
                if (cap_start < i) b.org_start = cap_start;
                b.role_over_org = role_heads(k);
                break;
            }
            if (direct && !only_comma && venue_nouns().count(key)) {
                b.venue = true;
                break;
            }
            if (direct && !only_comma && !after_name && (place_nouns().count(key) || geo_nouns().count(key)) &&
                key != "pres" && key != "est") {
                b.facility = true;
                b.geo_noun = k + 1 == i && geo_nouns().count(key);
                break;
            }
        }
        const bool transparent = c.cap || adjectival || after_name || adjective_like(key) || is_name_particle(key) ||
                                 key == "premier" || key == "premiere" || key == "parole" || key == "porte" ||
                                 key == "vice" || (only_comma && org_nouns().count(key));
        if (!transparent) {
            if (tokens_[k].stop || tokens_[k].numeric || unknown_budget-- <= 0) break;
        }
        if (!transparent || is_name_particle(key)) direct = false;
        if (is_name_particle(key) || !c.particle.empty()) particle_seen = true;
        if (c.cap && !c.acronym && !particle_seen) cap_start = k;
        if (c.acronym) ++acronyms_between;
        if (!c.particle.empty() && c.particle != "d" && c.particle != "l") break;
        if (k == 0 || !joinable(k)) break;
        --k;
    }
    return b;
}

// HIPE-2020 and Quaero count a person's title, rank or function as part of
// the mention ("M. Hagenbeck", "maréchal Haig", "président Wilson"; the
// article stays out), as does the wire reader: "le président américain Barack
// Obama" names him by office. The name itself (the facet value) is unchanged.
// Only what is joined to the name by spaces counts: after a comma, "le
// vice-président du Conseil, M. Thorens", it is an apposition, and a
// complement ("le chef de la diplomatie britannique Philip Hammond") is left
// out, since the tokens between may name something else.
std::size_t Scanner::title_start(std::size_t first, std::size_t lo) const {
    // The token before `j` is joined to it by spaces (and perhaps the elision
    // of a particle, "M. d'Estaing", for the name's first token only).
    auto spaced = [&](std::size_t j, bool name) {
        if (j == 0 || j <= lo || (words_[j].gap & ~kSpace)) return false;
        return words_[j].particle.empty() || (name && words_[j].particle == "d");
    };
    if (first == 0 || first <= lo) return first;
    const Word& prev = words_[first - 1];
    // "M. Hammond", "Mme Merkel", and the abbreviations a dispatch may write
    // without a dot ("Me Dupont", "Mgr Lustiger", "Dr Martin").
    auto honorific = [&](std::size_t j) {     // the token before `j` is one
        if (j == 0 || j <= lo) return false;  // before the text, or inside the name before
        const Word& h = words_[j - 1];
        return !(words_[j].gap & ~(kDot | kStop | kSpace)) &&
               (h.title || is_honorific_abbreviation(h, tokens_[j - 1]) ||
                (h.cap && h.key == "m" && tokens_[j - 1].text.size() == 1));
    };
    if ((words_[first].particle.empty() || words_[first].particle == "d") && honorific(first)) {
        // "son avocat Me Dupont", "l'évêque Mgr Lustiger": the function before
        // the abbreviation belongs to the mention, as before a bare name.
        const std::size_t h = first - 1;
        if (spaced(h, false) && !words_[h - 1].cap && is_person_title(words_[h - 1].key)) return h - 1;
        return h;
    }
    // "le Japonais Yukiya Amano": a nationality as a noun (HIPE's demonym component).
    // Singular only: "les Républicains" before a name is a party, not one man's nationality.
    const std::string_view d = prev.key;
    const bool plural = !d.empty() && d.back() == 's' &&
                        !(d.size() > 3 && (d.substr(d.size() - 3) == "ais" || d.substr(d.size() - 3) == "ois"));
    if (spaced(first, true) && prev.cap && !plural && is_demonym(d)) {
        std::size_t k = first - 1;  // "le Franco-Vietnamien Tran Anh Hung", "le Sud-Africain"
        for (int parts = 0; parts < 2 && k > lo && hyphen_only(k) && words_[k - 1].cap; ++parts) --k;
        // A nationality follows its article; a capital opening the sentence is
        // another word with the same ending ("Ensuite Benedetti").
        if (joinable(k)) return k;
    }
    // Up to two adjectives between the title and the name: "le président américain Barack Obama".
    std::size_t k = first;
    for (int adjectives = 0; adjectives < 2 && spaced(k, k == first); ++adjectives) {
        const Word& w = words_[k - 1];
        if (w.cap || !is_title_adjective(w.key) || is_person_title(w.key) || is_plural_title(w.key)) break;
        --k;
    }
    // "les généraux Weygand et Gamelin": HIPE-2020 gives the plural title to
    // the first name of the list (the others stand alone, scan_list).
    // Not "les avocats d'Assange": after a plural, "d'" is a complement.
    if (!spaced(k, k == first) ||
        !(is_person_title(words_[k - 1].key) || (is_plural_title(words_[k - 1].key) && words_[first].particle.empty())))
        return first;
    --k;
    // "vice-président", "ex-ministre", "porte-parole", "Premier ministre", "l'ancien président", and
    // titles of two nouns: "secrétaire général", "directeur général", "lieutenant-colonel".
    while (k > lo && (spaced(k, false) || hyphen_only(k)) &&
           (is_title_prefix(words_[k - 1].key) || is_person_title(words_[k - 1].key)))
        --k;
    // "M. le ministre Bally", "Mme la présidente Dupont", "M. l'abbé Georgel": the formal address.
    const Word& t = words_[k];
    if (t.particle == "l" && honorific(k)) return k - 1;
    if (t.particle.empty() && spaced(k, false) && (words_[k - 1].key == "le" || words_[k - 1].key == "la") &&
        !words_[k - 1].cap && honorific(k - 1))
        return k - 2;
    return k;
}

}  // namespace depeche::recogniser_detail
