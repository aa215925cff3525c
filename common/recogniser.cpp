#include "recogniser.hpp"

#include "recogniser_scanner.hpp"

#include <algorithm>
#include <unordered_map>

// The public face of the name recogniser: the scanner (recogniser_scanner.hpp
// and its three parts) finds names; here they are sorted, and dates joined.

namespace depeche {
namespace {

int kind_rank(EntityKind k) {
    return static_cast<int>(k);
}

bool lower_byte(char c) {
    return (c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80;
}

// "Paris.Le maire", "M. Guillemaut.En revanche": copy pasted from pages, the
// wire's sentences lose the space after their full stop, and the analyser
// reads one word across it. In a capitalised word, a dot between two
// lower-case letters (so not "J.-P.") and a capital then a lower-case letter
// ends a sentence; the names' scan gets the two words apart. Domains keep
// their dot ("Booking.com"), acronyms theirs ("U.S.A."). A lower-case word
// glued so ("vue.Mardi") is left whole: when a cut copied all the tokens,
// it would have cost a copy in most dispatches for the few names that open
// a glued sentence (only the pieces are stored now; whether cutting it helps
// is unmeasured). The dot of such a sentence end in `s`, the text of a
// capitalised word not all in capitals, or npos.
std::size_t glued_in(std::string_view s) {
    for (std::size_t d = s.find('.', 2); d != std::string_view::npos; d = s.find('.', d + 1)) {
        if (d + 2 >= s.size() || !lower_byte(s[d - 1]) || !lower_byte(s[d - 2])) continue;
        const bool capital = (s[d + 1] >= 'A' && s[d + 1] <= 'Z') || s.compare(d + 1, 2, "\xC3\x89") == 0;
        const std::size_t after = d + (s[d + 1] == '\xC3' ? 3 : 2);
        if (capital && after < s.size() && lower_byte(s[after])) return d;
    }
    return std::string_view::npos;
}

// Asked of every token: inline, so that the words in lower case or in
// capitals cost no call.
inline std::size_t glued_at(const Token& t) {
    return t.capitalised && !t.all_caps ? glued_in(t.text) : std::string_view::npos;
}

// `tokens` into `out`, each glued word cut at its sentence ends: only the
// pieces are copied.
void split_glued_sentences(const std::vector<Token>& tokens, recogniser_detail::TokenList& out) {
    out.reserve(tokens.size());
    for (const Token& t : tokens) {
        std::size_t d = glued_at(t);
        if (d == std::string_view::npos) {
            out.push_back(t);
            continue;
        }
        Token rest = t;
        for (; d != std::string_view::npos; d = glued_at(rest)) {
            // Folding keeps the dots, one for one: the folded word splits at the same one.
            std::size_t dots = 0;
            for (std::size_t k = 0; k < d; ++k) dots += rest.text[k] == '.';
            std::size_t fd = rest.folded.find('.');
            while (dots-- > 0 && fd != std::string::npos) fd = rest.folded.find('.', fd + 1);
            Token head = rest;
            head.text = rest.text.substr(0, d);
            head.end = head.start + d;
            head.folded = fd != std::string::npos ? rest.folded.substr(0, fd) : fold(head.text);
            head.stop = is_stop_word(head.folded);
            head.plain = false;  // a new folded word: the scanner tests it itself
            out.push_piece(std::move(head));
            rest.folded = fd != std::string::npos ? rest.folded.substr(fd + 1) : fold(rest.text.substr(d + 1));
            rest.text.remove_prefix(d + 1);
            rest.start += d + 1;
            rest.elided_start = rest.start;
            rest.capitalised = true;
            rest.stop = is_stop_word(rest.folded);
            rest.plain = false;
        }
        out.push_piece(std::move(rest));
    }
}

void sort_entities(std::vector<Entity>& entities) {
    std::stable_sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return kind_rank(a.kind) < kind_rank(b.kind);
        return a.mentions.front().start < b.mentions.front().start;
    });
}

}  // namespace

std::vector<Entity> recognise_names(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons) {
    recogniser_detail::TokenList list;
    split_glued_sentences(tokens, list);
    std::vector<Entity> entities = recogniser_detail::Scanner(text, list, lexicons).run();
    sort_entities(entities);
    return entities;
}

std::vector<Entity> recognise_entities(std::string_view text, const std::vector<Token>& tokens,
                                       const Lexicons& lexicons, const PartialDate& published) {
    return with_dates(recognise_names(text, tokens, lexicons), text, tokens, published);
}

std::vector<Entity> with_dates(std::vector<Entity> entities, std::string_view text, const std::vector<Token>& tokens,
                               const PartialDate& published) {
    std::unordered_map<std::string, std::size_t> by_value;
    for (DateMention& d : find_dates(text, tokens, published)) {
        auto [it, added] = by_value.emplace(d.value, entities.size());
        if (added) entities.push_back(Entity{EntityKind::date, d.value, {}});
        entities[it->second].mentions.push_back(Mention{std::move(d.text), d.start, d.end});
    }
    // No two mentions overlap: the longer wins ("Pâques" the date over a name).
    // The mentions of entity e are numbered from offset[e], in one flat `keep`.
    std::vector<std::size_t> offset(entities.size() + 1, 0);
    for (std::size_t e = 0; e < entities.size(); ++e) offset[e + 1] = offset[e] + entities[e].mentions.size();
    struct Ref {
        std::size_t entity, mention, start, end;
    };
    std::vector<Ref> refs;
    refs.reserve(offset.back());
    for (std::size_t e = 0; e < entities.size(); ++e)
        for (std::size_t m = 0; m < entities[e].mentions.size(); ++m)
            refs.push_back(Ref{e, m, entities[e].mentions[m].start, entities[e].mentions[m].end});
    std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
        return a.start != b.start ? a.start < b.start : a.end - a.start > b.end - b.start;
    });
    std::vector<char> keep(offset.back(), 1);
    auto drop = [&](const Ref& r) { keep[offset[r.entity] + r.mention] = 0; };
    std::size_t kept = refs.size();  // the last kept mention
    for (std::size_t r = 0; r < refs.size(); ++r) {
        if (kept < refs.size() && refs[r].start < refs[kept].end) {
            if (refs[r].end - refs[r].start > refs[kept].end - refs[kept].start) {
                drop(refs[kept]);
                kept = r;
            } else {
                drop(refs[r]);
            }
            continue;
        }
        kept = r;
    }
    // Each entity keeps its mentions vector, the dropped ones taken out in place.
    std::vector<Entity> out;
    out.reserve(entities.size());
    for (std::size_t e = 0; e < entities.size(); ++e) {
        std::vector<Mention>& mentions = entities[e].mentions;
        std::size_t n = 0;
        for (std::size_t m = 0; m < mentions.size(); ++m) {
            if (!keep[offset[e] + m]) continue;
            if (n != m) mentions[n] = std::move(mentions[m]);
            ++n;
        }
        mentions.erase(mentions.begin() + static_cast<std::ptrdiff_t>(n), mentions.end());
        if (n > 0) out.push_back(std::move(entities[e]));
    }
    sort_entities(out);
    return out;
}

}  // namespace depeche
