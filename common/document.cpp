#include "document.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <optional>

#include "facets.hpp"
#include "lexicon.hpp"
#include "recogniser.hpp"
#include "record_json.hpp"
#include "schema.hpp"

namespace depeche {

namespace {

// The title, a paragraph break and the text: what the entities of a dispatch
// with a title are recognised over, as one text, so that "Merkel" in a title
// attaches to "Angela Merkel" in the text.
std::string title_and_text(const Article& a) {
    std::string combined;
    combined.reserve(a.title.size() + 2 + a.text.size());
    combined += a.title;
    combined += "\n\n";
    combined += a.text;
    return combined;
}

// Each mention of the entities of title_and_text goes back to its field.
std::vector<Entity> split_title_mentions(std::vector<Entity> recognised, const Article& a) {
    const std::size_t shift = a.title.size() + 2;
    std::vector<Entity> entities;
    entities.reserve(recognised.size());
    for (Entity& e : recognised) {
        // The kept mentions move down in place (a new vector grew by push_back: 0.5% of an extraction).
        std::vector<Mention>& mentions = e.mentions;
        std::size_t kept = 0;
        for (std::size_t k = 0; k < mentions.size(); ++k) {
            Mention& m = mentions[k];
            if (m.start >= shift) {
                m.start -= shift;
                m.end -= shift;
            } else if (m.end <= a.title.size()) {
                m.in_title = true;
            } else {
                continue;  // across the break: cannot be, but never store bad offsets
            }
            if (kept != k) mentions[kept] = std::move(m);
            ++kept;
        }
        if (kept == 0) continue;
        mentions.erase(mentions.begin() + static_cast<std::ptrdiff_t>(kept), mentions.end());
        entities.push_back(std::move(e));
    }
    return entities;
}

// The entities of a dispatch with a title, from the tokens already made,
// shifted, not a second analysis.
std::vector<Entity> recognise_title_and_text(const AnalysedArticle& analysed, const Lexicons& lexicons) {
    const Article& a = analysed.article;
    const std::string combined = title_and_text(a);
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
    return split_title_mentions(recognise_entities(combined, tokens, lexicons, a.published), a);
}

}  // namespace

AnalysedArticle analyse_article(Article article, const Lexicons& lexicons, ArticleNeeds needs) {
    AnalysedArticle analysed;
    analysed.article = std::move(article);
    const Article& a = analysed.article;
    if (!needs.tokens) {
        // The word break cuts at line ends, from which nothing carries over,
        // so the combined text gives the title's tokens, then the text's
        // shifted by the break and numbered on: the tokens the other branch
        // builds by copying, without the copy.
        if (a.title.empty()) {
            analysed.entities = recognise_entities(a.text, analyse(a.text, needs.stems), lexicons, a.published);
        } else {
            const std::string combined = title_and_text(a);
            analysed.entities = split_title_mentions(
                recognise_entities(combined, analyse(combined, needs.stems), lexicons, a.published), a);
        }
        return analysed;
    }
    analysed.title_tokens = analyse(a.title, needs.stems);
    analysed.text_tokens = analyse(a.text, needs.stems);
    analysed.entities = a.title.empty() ? recognise_entities(a.text, analysed.text_tokens, lexicons, a.published)
                                        : recognise_title_and_text(analysed, lexicons);
    return analysed;
}

namespace {

// The distinct names of one kind, given each entity's key (entity_key, or
// the name itself for dates): the first name met for each key, sorted, each
// with its key (views into `entities` and `keys`). The same as a std::map
// from key to first name then a std::set of the names, with two sorts of
// small vectors instead of node allocations.
std::vector<schema::FacetSlot::Name> distinct_names(const std::vector<Entity>& entities,
                                                    const std::vector<std::string>& keys, EntityKind kind) {
    std::vector<schema::FacetSlot::Name> by_key;  // in entity order
    for (std::size_t i = 0; i < entities.size(); ++i)
        if (entities[i].kind == kind) by_key.push_back({entities[i].name, keys[i]});
    std::stable_sort(by_key.begin(), by_key.end(), [](const auto& x, const auto& y) { return x.key < y.key; });
    std::vector<schema::FacetSlot::Name> names;
    for (std::size_t i = 0; i < by_key.size(); ++i)
        if (i == 0 || by_key[i].key != by_key[i - 1].key) names.push_back(by_key[i]);
    // Distinct keys have distinct names (the key is a function of the name).
    std::sort(names.begin(), names.end(), [](const auto& x, const auto& y) { return x.name < y.name; });
    return names;
}

std::vector<std::string> name_strings(const std::vector<schema::FacetSlot::Name>& names) {
    std::vector<std::string> out;
    out.reserve(names.size());
    for (const auto& n : names) out.emplace_back(n.name);
    return out;
}

// The search key of each entity (the value itself for dates), computed once
// for the boolean terms and the facet values alike.
std::vector<std::string> entity_keys(const std::vector<Entity>& entities) {
    std::vector<std::string> keys;
    keys.reserve(entities.size());
    for (const Entity& e : entities) keys.push_back(e.kind == EntityKind::date ? e.name : entity_key(e.name));
    return keys;
}

// Counts of equal strings, in order of first appearance: an open-addressing
// table over views into the tokens, so that each distinct stem costs Xapian
// one add_term (with its count as wdf) instead of one per occurrence.
class Tally {
public:
    explicit Tally(std::size_t most) {
        std::size_t size = 16;
        while (size < 2 * most) size *= 2;
        slots_.assign(size, kEmpty);
        entries_.reserve(most);
    }
    void add(std::string_view s) {
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t i = std::hash<std::string_view>{}(s)&mask;; i = (i + 1) & mask) {
            if (slots_[i] == kEmpty) {
                slots_[i] = static_cast<std::uint32_t>(entries_.size());
                entries_.emplace_back(s, 1);
                return;
            }
            auto& entry = entries_[slots_[i]];
            if (entry.first == s) {
                ++entry.second;
                return;
            }
        }
    }
    const std::vector<std::pair<std::string_view, Xapian::termcount>>& entries() const { return entries_; }

private:
    static constexpr std::uint32_t kEmpty = ~std::uint32_t{0};
    std::vector<std::uint32_t> slots_;
    std::vector<std::pair<std::string_view, Xapian::termcount>> entries_;
};

}  // namespace

std::vector<std::string> names_of(const std::vector<Entity>& entities, EntityKind kind) {
    // One name per key: facets merge spellings by key, so a dispatch must not
    // carry two spellings of one name.
    std::vector<std::string> keys(entities.size());
    for (std::size_t i = 0; i < entities.size(); ++i)
        if (entities[i].kind == kind)
            keys[i] = kind == EntityKind::date ? entities[i].name : entity_key(entities[i].name);
    return name_strings(distinct_names(entities, keys, kind));
}

Xapian::Document build_document(const AnalysedArticle& analysed) {
    namespace s = schema;
    const Article& a = analysed.article;
    Xapian::Document doc;
    // What Xapian must do per call (a lookup in its std::map of terms, a
    // node for a new term) dominates; on our side every term goes through one
    // reused buffer, and a surface word, which needs no prefix and is never
    // over the term limit (kMaxWordBytes), goes to Xapian as it is.
    std::string term;
    Tally stems(analysed.title_tokens.size() + analysed.text_tokens.size());
    auto index_words = [&](const std::vector<Token>& tokens, Xapian::termpos base) {
        // Token order: each term's positions arrive in increasing order, the
        // case Xapian appends without sorting.
        for (const Token& t : tokens) {
            if (t.folded.size() <= s::kMaxTermBytes) {
                doc.add_posting(t.folded, base + t.position);
            } else {
                s::make_term(term, "", t.folded);
                doc.add_posting(term, base + t.position);
            }
            if (!t.stem.empty()) stems.add(t.stem);
        }
    };
    index_words(analysed.title_tokens, 1);
    const Xapian::termpos text_base =
        1 + (analysed.title_tokens.empty() ? 0 : analysed.title_tokens.back().position + kTextPositionGap);
    index_words(analysed.text_tokens, text_base);
    for (const auto& [stem, count] : stems.entries()) {
        s::make_term(term, s::kStem, stem);
        doc.add_term(term, count);  // the wdf of `count` calls with 1
    }

    s::make_term(term, s::kId, a.id);
    doc.add_boolean_term(term);
    const std::string published = to_iso(a.published);
    std::vector<std::string> period;
    period.reserve(8 + 6 * analysed.entities.size());
    s::append_period_terms(period, published, s::kPublishedAs, s::kPublished);

    const std::vector<std::string> keys = entity_keys(analysed.entities);
    std::vector<std::string_view> mentioned;
    for (std::size_t i = 0; i < analysed.entities.size(); ++i) {
        const Entity& e = analysed.entities[i];
        if (e.kind == EntityKind::date) {
            s::append_period_terms(period, e.name, s::kMentionedAs, s::kMentioned);
            mentioned.push_back(e.name);
        } else {
            s::make_term(term, s::entity_prefix(e.kind), keys[i]);
            doc.add_boolean_term(term);
        }
    }
    for (const std::string& t : period) doc.add_boolean_term(t);
    // Distinct and sorted, as a std::set of the values would give them.
    std::sort(mentioned.begin(), mentioned.end());
    mentioned.erase(std::unique(mentioned.begin(), mentioned.end()), mentioned.end());

    doc.add_value(s::kSlotId, a.id);
    const std::string date_id = s::sortable_date(a.published) + a.id;
    doc.add_value(s::kSlotDateId, date_id);
    // Facet values in one slot (FacetSpy: one read per match), and the same
    // spread one per slot (the built-in spies of remote searches).
    s::FacetSlot facets;
    facets.published = std::string_view(date_id).substr(0, date_id.size() >= 8 ? 8 : 0);
    auto spread = [&doc](s::SpreadFacet facet, const std::vector<std::string>& values) {
        for (unsigned i = 0; i < values.size() && i < s::kSpreadLimit; ++i)
            doc.add_value(s::spread_slot(facet, i), values[i]);
    };
    const std::pair<EntityKind, s::SpreadFacet> name_facets[] = {{EntityKind::person, s::SpreadFacet::person},
                                                                 {EntityKind::place, s::SpreadFacet::place},
                                                                 {EntityKind::org, s::SpreadFacet::org}};
    for (std::size_t k = 0; k < 3; ++k) {
        const auto& [kind, facet] = name_facets[k];
        facets.names[k] = distinct_names(analysed.entities, keys, kind);
        spread(facet, name_strings(facets.names[k]));
    }
    facets.mentioned = mentioned;
    doc.add_value(s::kSlotFacets, s::pack_facets(facets));
    for (DateGranularity g : {DateGranularity::year, DateGranularity::month, DateGranularity::day}) {
        spread(published_facet(g), {date_facet_value(published, g)});
        spread(mentioned_facet(g), mentioned_facet_values(mentioned, g));
    }
    doc.set_data(stored_record(analysed));
    return doc;
}

// Written directly rather than through a JSON tree (building and dumping one
// cost a sixth of depeche-extract); tests/test_document.cpp compares the
// bytes with nlohmann's.
namespace {

// append_entities_json through std::string appends: for entities with a string that is not well-formed
// UTF-8, which append_string replaces.
void append_entities_json_appending(std::string& out, const std::vector<Entity>& entities, bool name_starts) {
    namespace rj = record_json;
    out.push_back('[');
    for (std::size_t i = 0; i < entities.size(); ++i) {
        const Entity& e = entities[i];
        out += i ? R"(,{"kind":)" : R"({"kind":)";
        rj::append_string(out, kind_name(e.kind));
        out += R"(,"name":)";
        rj::append_string(out, e.name);
        out += R"(,"mentions":[)";
        for (std::size_t j = 0; j < e.mentions.size(); ++j) {
            const Mention& m = e.mentions[j];
            out += j ? R"(,{"text":)" : R"({"text":)";
            rj::append_string(out, m.text);
            out += R"(,"start":)";
            rj::append_number(out, m.start);
            out += R"(,"end":)";
            rj::append_number(out, m.end);
            if (m.in_title) out += R"(,"field":"title")";
            if (name_starts && m.name_offset) {
                out += R"(,"name_start":)";
                rj::append_number(out, m.start + m.name_offset);
            }
            out.push_back('}');
        }
        out += "]}";
    }
    out.push_back(']');
}

}  // namespace

void append_entities_json(std::string& out, const std::vector<Entity>& entities, bool name_starts) {
    namespace rj = record_json;
    // Written through a pointer into room sized once (the most each part can take): one library call an
    // append cost about a third of depeche-extract's output line. kDigits: a 64-bit number in decimal.
    constexpr std::size_t kDigits = 20, kEntityKeys = 64, kMentionKeys = 80;
    std::size_t room = 2;
    for (const Entity& e : entities) {
        room += kEntityKeys + rj::max_string_bytes(kind_name(e.kind).size()) + rj::max_string_bytes(e.name.size());
        for (const Mention& m : e.mentions) room += kMentionKeys + rj::max_string_bytes(m.text.size()) + 3 * kDigits;
    }
    // A buffer kept by the thread: sized to `room` in `out` itself, the zeroing and reallocation cost as
    // much as the appends.
    thread_local std::string buffer;
    if (buffer.size() < room) buffer.resize(std::max(room, 2 * buffer.size()));
    char* const begin = buffer.data();
    char* p = begin;
    const auto put = [&p](std::string_view literal) {
        std::memcpy(p, literal.data(), literal.size());
        p += literal.size();
    };
    const auto number = [&p](std::uint64_t value) { p = std::to_chars(p, p + kDigits, value).ptr; };
    *p++ = '[';
    for (std::size_t i = 0; i < entities.size() && p; ++i) {
        const Entity& e = entities[i];
        put(i ? R"(,{"kind":)" : R"({"kind":)");
        if (!(p = rj::write_string(p, kind_name(e.kind)))) break;
        put(R"(,"name":)");
        if (!(p = rj::write_string(p, e.name))) break;
        put(R"(,"mentions":[)");
        for (std::size_t j = 0; j < e.mentions.size(); ++j) {
            const Mention& m = e.mentions[j];
            put(j ? R"(,{"text":)" : R"({"text":)");
            if (!(p = rj::write_string(p, m.text))) break;
            put(R"(,"start":)");
            number(m.start);
            put(R"(,"end":)");
            number(m.end);
            if (m.in_title) put(R"(,"field":"title")");
            if (name_starts && m.name_offset) {
                put(R"(,"name_start":)");
                number(m.start + m.name_offset);
            }
            *p++ = '}';
        }
        if (!p) break;
        put("]}");
    }
    if (!p) {  // a string that is not well-formed UTF-8
        append_entities_json_appending(out, entities, name_starts);
        return;
    }
    *p++ = ']';
    out.append(begin, static_cast<std::size_t>(p - begin));
}

std::string extract_json(const AnalysedArticle& analysed) {
    std::string out;
    out.reserve(64 + analysed.article.id.size() + 96 * analysed.entities.size());
    out += R"({"id":)";
    record_json::append_string(out, analysed.article.id);
    out += R"(,"date":)";
    record_json::append_string(out, to_iso(analysed.article.published));
    out += R"(,"entities":)";
    append_entities_json(out, analysed.entities, true);
    out.push_back('}');
    return out;
}

std::string stored_record(const AnalysedArticle& analysed) {
    // Written directly, in the bytes nlohmann::json's dump gave (and older
    // databases hold): keys in byte order, no spaces, its escaping
    // (record_json::append_string). tests/test_document.cpp compares the two.
    namespace rj = record_json;
    const Article& a = analysed.article;
    std::string out;
    std::size_t size = 96 + a.id.size() + a.title.size() + a.text.size() + a.extra_json.size();
    for (const Entity& e : analysed.entities) size += 48 + e.name.size() + 24 * e.mentions.size();
    out.reserve(size + size / 16);  // room for some escapes
    out += R"({"date":)";
    rj::append_string(out, to_iso(a.published));
    out += R"(,"entities":[)";
    for (std::size_t i = 0; i < analysed.entities.size(); ++i) {
        const Entity& e = analysed.entities[i];
        if (i) out.push_back(',');
        out += R"({"kind":)";
        rj::append_string(out, kind_name(e.kind));
        out += R"(,"mentions":[)";
        for (std::size_t j = 0; j < e.mentions.size(); ++j) {
            const Mention& m = e.mentions[j];
            out += j ? ",[" : "[";
            rj::append_number(out, m.start);
            out.push_back(',');
            rj::append_number(out, m.end);
            if (m.in_title) out += R"(,"title")";
            out.push_back(']');
        }
        out += R"(],"name":)";
        rj::append_string(out, e.name);
        out.push_back('}');
    }
    out += R"(],"extra":)";
    // Extra fields are rare (none in most inputs) and free-form: nlohmann
    // normalises them (sorted keys, its number format) as before.
    if (a.extra_json.empty() || a.extra_json == "{}")
        out += "{}";
    else
        out += nlohmann::json::parse(a.extra_json).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    out += R"(,"id":)";
    rj::append_string(out, a.id);
    out += R"(,"text":)";
    rj::append_string(out, a.text);
    out += R"(,"title":)";
    rj::append_string(out, a.title);
    out.push_back('}');
    return out;
}

namespace {

// The full parse: any JSON the record may be.
StoredDispatch parse_any_record(std::string_view data) {
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

// The record as stored_record writes it (and nlohmann::json wrote it before),
// read without building a JSON tree; nullopt for anything else, which
// parse_any_record then reads (or rejects) as before.
std::optional<StoredDispatch> parse_written_record(std::string_view data) {
    record_json::Reader in(data);
    StoredDispatch d;
    if (!in.expect(R"({"date":)") || !in.string(d.date) || !in.expect(R"(,"entities":[)")) return std::nullopt;
    std::string kind;
    while (in.peek() != ']') {
        if (!d.entities.empty() && !in.expect(",")) return std::nullopt;
        Entity entity;
        if (!in.expect(R"({"kind":)") || !in.string(kind) || !in.expect(R"(,"mentions":[)")) return std::nullopt;
        entity.kind = parse_kind(kind).value_or(EntityKind::person);
        while (in.peek() != ']') {
            if (!entity.mentions.empty() && !in.expect(",")) return std::nullopt;
            std::uint64_t start = 0;
            std::uint64_t end = 0;
            if (!in.expect("[") || !in.number(start) || !in.expect(",") || !in.number(end)) return std::nullopt;
            Mention mention;
            mention.start = start;
            mention.end = end;
            mention.in_title = in.expect(R"(,"title")");
            if (!in.expect("]")) return std::nullopt;
            entity.mentions.push_back(std::move(mention));
        }
        if (!in.expect(R"(],"name":)") || !in.string(entity.name) || !in.expect("}")) return std::nullopt;
        d.entities.push_back(std::move(entity));
    }
    std::string_view extra;
    if (!in.expect(R"(],"extra":)") || !in.skip_value(extra)) return std::nullopt;
    if (extra == "{}") {
        d.extra_json = "{}";
    } else {
        const auto value = nlohmann::json::parse(extra.begin(), extra.end(), nullptr, false);
        if (value.is_discarded()) return std::nullopt;
        d.extra_json = value.dump();
    }
    if (!in.expect(R"(,"id":)") || !in.string(d.id) || !in.expect(R"(,"text":)") || !in.string(d.text) ||
        !in.expect(R"(,"title":)") || !in.string(d.title) || !in.expect("}") || !in.at_end())
        return std::nullopt;
    // The mention texts, now that the title (last in the record) is read.
    for (Entity& entity : d.entities)
        for (Mention& mention : entity.mentions) {
            const std::string& field = mention.in_title ? d.title : d.text;
            if (mention.start <= mention.end && mention.end <= field.size())
                mention.text = field.substr(mention.start, mention.end - mention.start);
        }
    return d;
}

}  // namespace

StoredDispatch parse_stored_record(std::string_view data) {
    if (auto d = parse_written_record(data)) return std::move(*d);
    return parse_any_record(data);
}

}  // namespace depeche
