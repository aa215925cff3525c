// Short forms, canonical names and grouping: from the scanner's candidates to entities.
#include "recogniser_scanner.hpp"

#include <algorithm>

namespace depeche::recogniser_detail {

// "M. Hammond" is "Philip Hammond" when the text names him so: the nearest
// longer name before it that ends with the same words, else the nearest after.
void Scanner::resolve_coreference() {
    // Names of two words or more by the key of their last word: a name can
    // only be a short form of a longer one, or repeat one, when both end with
    // the same word. Each look-up reads at most kReach of them, so that a text
    // naming one person thousands of times costs linear time, not quadratic.
    constexpr std::size_t kReach = 256;
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_last;
    // One word that a cue made a person or a place ("le comte Radolinski", "en
    // Prusse"), by its key: the same word without a cue elsewhere in the
    // dispatch names the same ("Radolinski a dit", "la Prusse"). The first such
    // name wins; names the lexicons know keep their own look-ups.
    std::unordered_map<std::string_view, std::size_t> cued_word;
    for (std::size_t i = 0; i < found_.size(); ++i) {
        const Candidate& f = found_[i];
        if (f.last > f.first)
            by_last[words_[f.last].key].push_back(i);
        else if (f.target < 0 && f.canonical.empty() && f.cued && !words_[f.first].common &&
                 (f.kind == Guess::person || f.kind == Guess::place))
            cued_word.emplace(words_[f.first].key, i);
    }
    for (std::size_t ci = 0; ci < found_.size(); ++ci) {
        Candidate& c = found_[ci];
        if (!c.corefable) continue;
        const std::vector<std::size_t>& same_last = by_last[words_[c.last].key];
        const std::size_t here =
            static_cast<std::size_t>(std::lower_bound(same_last.begin(), same_last.end(), ci) - same_last.begin());
        // "À Taïwan, Nancy Pelosi défie Pékin" ... "la démocrate Nancy Pelosi":
        // a run of two capitals or more that is, word for word, a person of
        // the dispatch is that person, whatever the gazetteer said of it.
        if (c.kind != Guess::person && c.kind != Guess::org && c.last > c.first) {
            int same = -1;
            for (std::size_t k = 0; k < same_last.size() && k < kReach && same < 0; ++k) {
                const std::size_t pi = same_last[k];
                const Candidate& p = found_[pi];
                if (pi == ci || p.kind != Guess::person || p.target >= 0 || p.last - p.first != c.last - c.first)
                    continue;
                if (span_key(p.first, p.last) == span_key(c.first, c.last)) same = static_cast<int>(pi);
            }
            if (same >= 0) {
                c.kind = Guess::person;
                c.target = same;
                c.canonical.clear();
                continue;
            }
        }
        int best = -1;  // the last match before c, else the first after it
        for (std::size_t k = here, n = 0; k > 0 && n < kReach && best < 0; --k, ++n) {
            const std::size_t pi = same_last[k - 1];
            if (found_[pi].kind == Guess::person && tail_matches(c, found_[pi])) best = static_cast<int>(pi);
        }
        for (std::size_t k = here, n = 0; k < same_last.size() && n < kReach && best < 0; ++k, ++n) {
            const std::size_t pi = same_last[k];
            if (pi != ci && found_[pi].kind == Guess::person && tail_matches(c, found_[pi]))
                best = static_cast<int>(pi);
        }
        if (best >= 0) {
            c.kind = Guess::person;
            c.target = best;
            c.canonical.clear();
            continue;
        }
        if (c.kind == Guess::unknown && c.first == c.last && !cued_word.empty()) {
            const auto same = cued_word.find(words_[c.first].key);
            if (same != cued_word.end() && same->second != ci) {
                c.kind = found_[same->second].kind;
                c.target = static_cast<int>(same->second);
                continue;
            }
        }
        // "Churchill, Roosevelt et Staline": a surname of the lexicon in a list of
        // people (Scanner::lone_surname_person) is a person once the dispatch's
        // other names had their say: a longer name ("Winston Churchill", above)
        // or the word cued as a place elsewhere ("en Prusse") names it first.
        if (c.kind == Guess::unknown && c.lone_surname) c.kind = Guess::person;
        if (c.kind == Guess::person && !c.honorific.empty() && c.first == c.last &&
            lex_.first_names.count(std::string(words_[c.first].key))) {
            // "le pape François", "le prince William": the first name alone is ambiguous.
            std::string titled(c.honorific);
            if (!titled.empty() && titled[0] >= 'A' && titled[0] <= 'Z')
                titled[0] = static_cast<char>(titled[0] - 'A' + 'a');
            titled += " " + span_text(c.first, c.last);
            auto alias = lex_.persons.find(entity_key(titled));
            c.canonical = alias != lex_.persons.end() ? alias->second : titled;
            continue;
        }
        if (c.kind == Guess::unknown || c.kind == Guess::person) {
            const std::string key = span_key(c.first, c.last);
            auto alias = lex_.persons.find(key);
            if (alias != lex_.persons.end()) {
                c.kind = Guess::person;
                c.canonical = alias->second;
            } else if (c.kind == Guess::person && !c.cued && lex_.first_names.count(key)) {
                c.kind = Guess::drop;  // "William" alone; "le prince William" keeps its cue
            }
        }
    }
}

// "à Rio" after "Rio de Janeiro", "à Aulnay" after "Aulnay-sous-Bois": a
// dispatch names a place in full, then by its first words, as it names a
// person by the surname. A name no lexicon knows, taken for a place by its
// cue, is the longer place of the dispatch that begins with it (a name with no
// cue stays unknown: "Polestar" beside "Polestar Production Centre" is the firm).
// A name the gazetteers know keeps its own entry ("Europe" beside "Europe
// centrale", "Irlande" beside "Irlande du Nord").
void Scanner::resolve_place_heads() {
    constexpr std::size_t kReach = 256;  // look-ups per name: linear time on any text
    std::unordered_map<std::string_view, std::vector<std::size_t>> by_first;
    for (std::size_t i = 0; i < found_.size(); ++i)
        if (found_[i].kind == Guess::place && found_[i].target < 0 && found_[i].last > found_[i].first)
            by_first[words_[found_[i].first].key].push_back(i);
    if (by_first.empty()) return;
    for (Candidate& c : found_) {
        if (c.kind != Guess::place || c.target >= 0 || !c.canonical.empty()) continue;
        if (words_[c.first].common || words_[c.first].acronym) continue;
        const auto heads = by_first.find(words_[c.first].key);
        if (heads == by_first.end()) continue;
        if (const NameEntry* e = lex_.names.find(span_key(c.first, c.last)); e && e->named()) continue;
        const std::size_t m = c.last - c.first + 1;
        std::size_t looked = 0;
        for (std::size_t pi : heads->second) {
            if (++looked > kReach) break;
            const Candidate& p = found_[pi];
            if (p.last - p.first + 1 <= m) continue;
            bool same = true;
            for (std::size_t d = 1; d < m && same; ++d) same = words_[c.first + d].key == words_[p.first + d].key;
            if (!same) continue;
            c.target = static_cast<int>(pi);
            break;
        }
    }
}

namespace {

EntityKind to_kind(Guess g) {
    switch (g) {
        case Guess::place:
            return EntityKind::place;
        case Guess::org:
            return EntityKind::org;
        default:
            return EntityKind::person;
    }
}

}  // namespace

std::vector<Entity> Scanner::group() const {
    std::vector<Entity> entities;
    std::unordered_map<std::string, std::size_t> index;  // kind + key of canonical -> entity
    // The same, by kind + name as displayed: a name repeated all along a text
    // (each full mention its own root) folds its key once (entity_key is ICU work).
    std::unordered_map<std::string, std::size_t> by_name;
    std::size_t lo = 0;  // one past the last token of the names before (candidates come in text order)
    // The lookup keys are written into buffers kept across mentions, and a
    // name is copied only into a new entity: most mentions repeat a name.
    std::string span_name, named, id;
    for (std::size_t ci = 0; ci < found_.size(); ++ci) {
        const Candidate& c = found_[ci];
        const std::size_t lo_here = lo;
        lo = std::max(lo, c.last + 1);
        if (c.kind == Guess::unknown || c.kind == Guess::drop) continue;
        std::size_t root = ci;
        for (int hops = 0; found_[root].target >= 0 && hops < 8; ++hops)
            root = static_cast<std::size_t>(found_[root].target);
        const Candidate& r = found_[root];
        std::string_view name = r.canonical;
        if (name.empty()) {
            span_name = span_text(r.first, r.last);
            name = span_name;
        }
        if (r.kind == Guess::person && r.canonical.empty()) {
            if (auto alias = lex_.persons.find(span_key(r.first, r.last)); alias != lex_.persons.end())
                name = alias->second;
        }
        const EntityKind kind = to_kind(c.kind);
        named.assign(kind_name(kind)).append(":").append(name);
        auto known = by_name.find(named);
        if (known == by_name.end()) {
            id.assign(kind_name(kind)).append(":").append(entity_key(name));
            auto [it, added] = index.emplace(id, entities.size());
            if (added) entities.push_back(Entity{kind, std::string(name), {}});
            known = by_name.emplace(named, it->second).first;
        }
        Entity& e = entities[known->second];
        // A person's mention takes in the title or function before the name ("M. Hammond").
        const std::size_t first = kind == EntityKind::person ? title_start(c.first, lo_here) : c.first;
        const std::size_t start = tokens_[first].start, end = tokens_[c.last].end;
        const std::size_t name_at = c.elision_named ? tokens_[c.first].elided_start : tokens_[c.first].start;
        e.mentions.push_back(
            Mention{std::string(text_.substr(start, end - start)), start, end, false, name_at - start});
    }
    return entities;
}

}  // namespace depeche::recogniser_detail
