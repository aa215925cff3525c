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

void sort_entities(std::vector<Entity>& entities) {
    std::stable_sort(entities.begin(), entities.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return kind_rank(a.kind) < kind_rank(b.kind);
        return a.mentions.front().start < b.mentions.front().start;
    });
}

}  // namespace

std::vector<Entity> recognise_names(std::string_view text, const std::vector<Token>& tokens, const Lexicons& lexicons) {
    std::vector<Entity> entities = recogniser_detail::Scanner(text, tokens, lexicons).run();
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
    struct Ref {
        std::size_t entity, mention, start, end;
    };
    std::vector<Ref> refs;
    for (std::size_t e = 0; e < entities.size(); ++e)
        for (std::size_t m = 0; m < entities[e].mentions.size(); ++m)
            refs.push_back(Ref{e, m, entities[e].mentions[m].start, entities[e].mentions[m].end});
    std::sort(refs.begin(), refs.end(), [](const Ref& a, const Ref& b) {
        return a.start != b.start ? a.start < b.start : a.end - a.start > b.end - b.start;
    });
    std::vector<std::vector<bool>> keep(entities.size());
    for (std::size_t e = 0; e < entities.size(); ++e) keep[e].assign(entities[e].mentions.size(), true);
    std::size_t kept = refs.size();  // the last kept mention
    for (std::size_t r = 0; r < refs.size(); ++r) {
        if (kept < refs.size() && refs[r].start < refs[kept].end) {
            if (refs[r].end - refs[r].start > refs[kept].end - refs[kept].start) {
                keep[refs[kept].entity][refs[kept].mention] = false;
                kept = r;
            } else {
                keep[refs[r].entity][refs[r].mention] = false;
            }
            continue;
        }
        kept = r;
    }
    std::vector<Entity> out;
    out.reserve(entities.size());
    for (std::size_t e = 0; e < entities.size(); ++e) {
        Entity entity{entities[e].kind, std::move(entities[e].name), {}};
        for (std::size_t m = 0; m < entities[e].mentions.size(); ++m)
            if (keep[e][m]) entity.mentions.push_back(std::move(entities[e].mentions[m]));
        if (!entity.mentions.empty()) out.push_back(std::move(entity));
    }
    sort_entities(out);
    return out;
}

}  // namespace depeche
