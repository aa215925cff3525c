#include <algorithm>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "tagger.hpp"

// combine_entities: the rules' entities with the tagger's names added where
// the rules found nothing (see tagger.hpp). Kept apart from the tagger itself
// because it needs no model: any two lists of entities combine.

namespace depeche {

namespace {

// Puts `m` (a text mention) among `mentions` in order: after the title's, by start.
void insert_mention(std::vector<Mention>& mentions, Mention m) {
    auto at = std::find_if(mentions.begin(), mentions.end(),
                           [&](const Mention& x) { return !x.in_title && x.start > m.start; });
    mentions.insert(at, std::move(m));
}

}  // namespace

std::vector<Entity> combine_entities(std::vector<Entity> rules, const std::vector<Entity>& tagged, bool tagger_kind) {
    // Every text mention of the rules, any kind (a tagger span over a date is
    // dropped too), as (start, end, entity): few per text, so a plain scan.
    struct Placed {
        std::size_t start, end, entity, mention;
    };
    std::vector<Placed> placed;
    for (std::size_t e = 0; e < rules.size(); ++e)
        for (std::size_t k = 0; k < rules[e].mentions.size(); ++k) {
            const Mention& m = rules[e].mentions[k];
            if (!m.in_title) placed.push_back({m.start, m.end, e, k});
        }
    if (tagger_kind) {
        // Mentions to move: the tagger found exactly this span as another name kind.
        std::vector<std::pair<std::size_t, std::size_t>> moves;  // (entity, mention)
        std::vector<EntityKind> to;
        for (const Entity& t : tagged)
            for (const Mention& m : t.mentions)
                for (const Placed& p : placed)
                    if (p.start == m.start && p.end == m.end && rules[p.entity].kind != EntityKind::date &&
                        rules[p.entity].kind != t.kind) {
                        moves.push_back({p.entity, p.mention});
                        to.push_back(t.kind);
                    }
        // Moved mentions keep their entity's canonical name, under the new kind.
        std::map<std::pair<int, std::string>, std::size_t> moved_to;
        std::vector<Entity> added;
        for (std::size_t i = 0; i < moves.size(); ++i) {
            const Entity& from = rules[moves[i].first];
            const auto key = std::make_pair(static_cast<int>(to[i]), from.name);
            auto [it, fresh] = moved_to.emplace(key, added.size());
            if (fresh) added.push_back(Entity{to[i], from.name, {}});
            insert_mention(added[it->second].mentions, from.mentions[moves[i].second]);
        }
        // Remove the moved mentions (highest index first within an entity).
        std::sort(moves.begin(), moves.end(), std::greater<>());
        for (const auto& [e, k] : moves) rules[e].mentions.erase(rules[e].mentions.begin() + k);
        rules.erase(std::remove_if(rules.begin(), rules.end(), [](const Entity& e) { return e.mentions.empty(); }),
                    rules.end());
        // Where the new kind has an entity of the same name already, join it.
        for (Entity& a : added) {
            auto same = std::find_if(rules.begin(), rules.end(),
                                     [&](const Entity& r) { return r.kind == a.kind && r.name == a.name; });
            if (same == rules.end()) {
                rules.push_back(std::move(a));
            } else {
                for (Mention& m : a.mentions) insert_mention(same->mentions, std::move(m));
            }
        }
    }
    // The rules' entity each (kind, mention key) belongs to, for coreference
    // of the added mentions.
    std::map<std::pair<int, std::string>, std::size_t> by_key;
    for (std::size_t e = 0; e < rules.size(); ++e) {
        if (rules[e].kind == EntityKind::date) continue;
        by_key.emplace(std::make_pair(static_cast<int>(rules[e].kind), entity_key(rules[e].name)), e);
        for (const Mention& m : rules[e].mentions)
            by_key.emplace(std::make_pair(static_cast<int>(rules[e].kind), entity_key(m.text)), e);
    }
    for (const Entity& t : tagged) {
        for (const Mention& m : t.mentions) {
            if (std::any_of(placed.begin(), placed.end(),
                            [&](const Placed& p) { return p.start < m.end && m.start < p.end; }))
                continue;
            std::string key = entity_key(m.text);
            if (key.empty()) key = m.text;
            auto it = by_key.find({static_cast<int>(t.kind), key});
            if (it == by_key.end()) {
                // a new entity, named as the tagger names it (its first mention)
                std::string name_key = entity_key(t.name);
                if (name_key.empty()) name_key = t.name;
                it = by_key.find({static_cast<int>(t.kind), name_key});
                if (it == by_key.end()) {
                    rules.push_back(Entity{t.kind, t.name, {}});
                    it = by_key.emplace(std::make_pair(static_cast<int>(t.kind), name_key), rules.size() - 1).first;
                }
                by_key.emplace(std::make_pair(static_cast<int>(t.kind), key), it->second);
            }
            insert_mention(rules[it->second].mentions, m);
        }
    }
    std::stable_sort(rules.begin(), rules.end(), [](const Entity& a, const Entity& b) {
        if (a.kind != b.kind) return static_cast<int>(a.kind) < static_cast<int>(b.kind);
        return a.mentions.front().start < b.mentions.front().start;
    });
    return rules;
}

}  // namespace depeche
