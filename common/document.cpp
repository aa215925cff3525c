#include "document.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <set>

#include "facets.hpp"
#include "lexicon.hpp"
#include "recogniser.hpp"
#include "schema.hpp"

namespace depeche {

namespace {

// The entities of a dispatch with a title: recognised over the title, a
// paragraph break and the text, as one text, so that "Merkel" in a title
// attaches to "Angela Merkel" in the text; each mention then goes back to its
// field. The tokens are the ones already made, shifted, not a second analysis.
std::vector<Entity> recognise_title_and_text(const AnalysedArticle& analysed, const Lexicons& lexicons) {
    const Article& a = analysed.article;
    const std::string combined = a.title + "\n\n" + a.text;
    const std::string_view view(combined);
    const std::size_t shift = a.title.size() + 2;
    std::vector<Token> tokens = analysed.title_tokens;
    tokens.reserve(tokens.size() + analysed.text_tokens.size());
    for (Token& t : tokens) t.text = view.substr(t.start, t.end - t.start);
    const std::uint32_t base = tokens.empty() ? 0 : tokens.back().position + 1;
    for (Token t : analysed.text_tokens) {
        t.start += shift;
        t.end += shift;
        t.elided_start += shift;
        t.position += base;
        t.text = view.substr(t.start, t.end - t.start);
        tokens.push_back(std::move(t));
    }
    std::vector<Entity> entities;
    for (Entity& e : recognise_entities(combined, tokens, lexicons, a.published)) {
        std::vector<Mention> kept;
        for (Mention& m : e.mentions) {
            if (m.start >= shift) {
                m.start -= shift;
                m.end -= shift;
            } else if (m.end <= a.title.size()) {
                m.in_title = true;
            } else {
                continue;  // across the break: cannot be, but never store bad offsets
            }
            kept.push_back(std::move(m));
        }
        if (kept.empty()) continue;
        e.mentions = std::move(kept);
        entities.push_back(std::move(e));
    }
    return entities;
}

}  // namespace

AnalysedArticle analyse_article(Article article, const Lexicons& lexicons) {
    AnalysedArticle analysed;
    analysed.article = std::move(article);
    const Article& a = analysed.article;
    analysed.title_tokens = analyse(a.title);
    analysed.text_tokens = analyse(a.text);
    analysed.entities = a.title.empty() ? recognise_entities(a.text, analysed.text_tokens, lexicons, a.published)
                                        : recognise_title_and_text(analysed, lexicons);
    return analysed;
}

std::vector<std::string> names_of(const std::vector<Entity>& entities, EntityKind kind) {
    // One name per key: facets merge spellings by key, so a dispatch must not
    // carry two spellings of one name.
    std::map<std::string, std::string> by_key;
    for (const auto& e : entities)
        if (e.kind == kind) by_key.emplace(kind == EntityKind::date ? e.name : entity_key(e.name), e.name);
    std::set<std::string> names;
    for (const auto& [key, name] : by_key) names.insert(name);
    return {names.begin(), names.end()};
}

Xapian::Document build_document(const AnalysedArticle& analysed) {
    namespace s = schema;
    const Article& a = analysed.article;
    Xapian::Document doc;
    auto index_words = [&doc](const std::vector<Token>& tokens, Xapian::termpos base) {
        for (const Token& t : tokens) {
            doc.add_posting(s::make_term("", t.folded), base + t.position);
            if (!t.stem.empty()) doc.add_term(s::make_term(s::kStem, t.stem));
        }
    };
    index_words(analysed.title_tokens, 1);
    const Xapian::termpos text_base =
        1 + (analysed.title_tokens.empty() ? 0 : analysed.title_tokens.back().position + kTextPositionGap);
    index_words(analysed.text_tokens, text_base);

    doc.add_boolean_term(s::make_term(s::kId, a.id));
    const std::string published = to_iso(a.published);
    for (const auto& term : s::period_terms(published, s::kPublishedAs, s::kPublished)) doc.add_boolean_term(term);

    std::set<std::string> mentioned;
    for (const Entity& e : analysed.entities) {
        if (e.kind == EntityKind::date) {
            for (const auto& term : s::period_terms(e.name, s::kMentionedAs, s::kMentioned)) doc.add_boolean_term(term);
            mentioned.insert(e.name);
        } else {
            doc.add_boolean_term(s::make_term(s::entity_prefix(e.kind), entity_key(e.name)));
        }
    }
    doc.add_value(s::kSlotId, a.id);
    doc.add_value(s::kSlotDateId, s::sortable_date(a.published) + a.id);
    // Facet values packed in one slot each (FacetSpy), and the same spread one
    // per slot (the built-in spies of remote searches).
    auto spread = [&doc](s::SpreadFacet facet, const std::vector<std::string>& values) {
        for (unsigned i = 0; i < values.size() && i < s::kSpreadLimit; ++i)
            doc.add_value(s::spread_slot(facet, i), values[i]);
    };
    const std::pair<EntityKind, s::SpreadFacet> name_facets[] = {{EntityKind::person, s::SpreadFacet::person},
                                                                 {EntityKind::place, s::SpreadFacet::place},
                                                                 {EntityKind::org, s::SpreadFacet::org}};
    for (const auto& [kind, facet] : name_facets) {
        const std::vector<std::string> names = names_of(analysed.entities, kind);
        doc.add_value(s::entity_slot(kind), s::pack_values(names));
        spread(facet, names);
    }
    doc.add_value(s::kSlotMentioned, s::pack_values({mentioned.begin(), mentioned.end()}));
    const std::vector<std::string_view> mentioned_values(mentioned.begin(), mentioned.end());
    for (DateGranularity g : {DateGranularity::year, DateGranularity::month, DateGranularity::day}) {
        spread(published_facet(g), {date_facet_value(published, g)});
        spread(mentioned_facet(g), mentioned_facet_values(mentioned_values, g));
    }
    doc.set_data(stored_record(analysed));
    return doc;
}

nlohmann::ordered_json entities_json(const std::vector<Entity>& entities) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const Entity& e : entities) {
        nlohmann::ordered_json mentions = nlohmann::ordered_json::array();
        for (const Mention& m : e.mentions) {
            mentions.push_back({{"text", m.text}, {"start", m.start}, {"end", m.end}});
            if (m.in_title) mentions.back()["field"] = "title";
        }
        out.push_back({{"kind", kind_name(e.kind)}, {"name", e.name}, {"mentions", mentions}});
    }
    return out;
}

std::string stored_record(const AnalysedArticle& analysed) {
    const Article& a = analysed.article;
    nlohmann::json entities = nlohmann::json::array();
    for (const Entity& e : analysed.entities) {
        nlohmann::json mentions = nlohmann::json::array();
        for (const Mention& m : e.mentions) {
            mentions.push_back({m.start, m.end});
            if (m.in_title) mentions.back().push_back("title");
        }
        entities.push_back({{"kind", kind_name(e.kind)}, {"name", e.name}, {"mentions", mentions}});
    }
    nlohmann::json record = {
        {"id", a.id},           {"date", to_iso(a.published)},
        {"title", a.title},     {"text", a.text},
        {"entities", entities}, {"extra", nlohmann::json::parse(a.extra_json.empty() ? "{}" : a.extra_json)}};
    return record.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

StoredDispatch parse_stored_record(std::string_view data) {
    const auto record = nlohmann::json::parse(data.begin(), data.end(), nullptr, false);
    if (record.is_discarded() || !record.is_object() || !record.contains("id"))
        throw std::runtime_error("document data is not a depeche record: reindex the database");
    StoredDispatch d;
    d.id = record.value("id", "");
    d.date = record.value("date", "");
    d.title = record.value("title", "");
    d.text = record.value("text", "");
    d.extra_json = record.contains("extra") ? record["extra"].dump() : "{}";
    for (const auto& e : record.value("entities", nlohmann::json::array())) {
        Entity entity;
        entity.kind = parse_kind(e.value("kind", "")).value_or(EntityKind::person);
        entity.name = e.value("name", "");
        for (const auto& m : e.value("mentions", nlohmann::json::array())) {
            Mention mention;
            mention.start = m.at(0).get<std::size_t>();
            mention.end = m.at(1).get<std::size_t>();
            mention.in_title = m.size() > 2 && m.at(2) == "title";
            const std::string& field = mention.in_title ? d.title : d.text;
            if (mention.start <= mention.end && mention.end <= field.size())
                mention.text = field.substr(mention.start, mention.end - mention.start);
            entity.mentions.push_back(std::move(mention));
        }
        d.entities.push_back(std::move(entity));
    }
    return d;
}

}  // namespace depeche
