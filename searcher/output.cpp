#include "output.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace depeche {
namespace {

// ordered_json: keys come out in the documented order.
using json = nlohmann::ordered_json;

json facet_json(const std::vector<FacetCount>& counts) {
    json out = json::array();
    for (const auto& c : counts) out.push_back({{"value", c.value}, {"count", c.count}});
    return out;
}

std::string dump(const json& j) {
    return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string highlighted(const Snippet& s, bool emphasis) {
    const std::string open = emphasis ? "\x1b[1m" : "[", close = emphasis ? "\x1b[0m" : "]";
    std::string out;
    std::size_t at = 0;
    for (const auto& [start, end] : s.highlights) {
        out += s.text.substr(at, start - at) + open + s.text.substr(start, end - start) + close;
        at = end;
    }
    return out + s.text.substr(at);
}

std::string join(const std::vector<std::string>& values) {
    std::string out;
    for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
    return out;
}

std::string facet_line(const char* label, const std::vector<FacetCount>& counts) {
    std::string out = std::string("  ") + label + ":";
    if (counts.empty()) return out + " -\n";
    for (std::size_t i = 0; i < counts.size(); ++i)
        out += (i ? ", " : " ") + counts[i].value + " (" + std::to_string(counts[i].count) + ")";
    return out + "\n";
}

std::string score_text(double score) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", score);
    return buf;
}

}  // namespace

std::string render_json(const SearchResult& r) {
    json hits = json::array();
    for (const Hit& h : r.hits) {
        json highlights = json::array();
        for (const auto& [start, end] : h.snippet.highlights) highlights.push_back({start, end});
        hits.push_back({{"id", h.id},
                        {"rank", h.rank},
                        {"score", h.score},
                        {"date", h.date},
                        {"title", h.title.empty() ? json(nullptr) : json(h.title)},
                        {"snippet", h.snippet.text},
                        {"highlights", highlights},
                        {"persons", h.persons},
                        {"places", h.places},
                        {"orgs", h.orgs}});
    }
    json out = {{"query", r.query},
                {"total", r.total},
                {"offset", r.offset},
                {"dropped", r.dropped},
                {"partial", !r.missing.empty()},
                {"missing", r.missing},
                {"hits", hits},
                {"facets",
                 {{"person", facet_json(r.facets.person)},
                  {"place", facet_json(r.facets.place)},
                  {"org", facet_json(r.facets.org)},
                  {"date", facet_json(r.facets.date)},
                  {"mentioned", facet_json(r.facets.mentioned)}}}};
    return dump(out) + "\n";
}

std::string render_text(const SearchResult& r, bool emphasis) {
    std::string out = std::to_string(r.total) + (r.total == 1 ? " dispatch" : " dispatches");
    if (!r.query.empty()) out += " for: " + r.query;
    if (!r.dropped.empty()) out += " (nothing matched every word; dropped: " + join(r.dropped) + ")";
    out += "\n";
    if (!r.missing.empty()) {
        out += "Partial results: " + std::to_string(r.missing.size()) +
               (r.missing.size() == 1 ? " database" : " databases") + " left out:\n";
        for (const auto& m : r.missing) out += "  " + m + "\n";
    }
    for (const Hit& h : r.hits) {
        out += "\n" + std::to_string(h.rank) + ". " + h.date + "  " + h.id;
        if (h.score > 0) out += "  score " + score_text(h.score);
        out += "\n";
        if (!h.title.empty()) out += "   " + h.title + "\n";
        out += "   " + highlighted(h.snippet, emphasis) + "\n";
        if (!h.persons.empty()) out += "   persons: " + join(h.persons) + "\n";
        if (!h.places.empty()) out += "   places: " + join(h.places) + "\n";
        if (!h.orgs.empty()) out += "   orgs: " + join(h.orgs) + "\n";
    }
    if (r.total > 0) {
        out += "\nFacets\n";
        out += facet_line("person", r.facets.person);
        out += facet_line("place", r.facets.place);
        out += facet_line("org", r.facets.org);
        out += facet_line("date", r.facets.date);
        out += facet_line("mentioned", r.facets.mentioned);
    }
    return out;
}

std::string render_dispatch_json(const StoredDispatch& d) {
    json out = {{"id", d.id},
                {"date", d.date},
                {"title", d.title.empty() ? json(nullptr) : json(d.title)},
                {"text", d.text},
                {"entities", entities_json(d.entities)},
                {"extra", json::parse(d.extra_json, nullptr, false)}};
    return dump(out) + "\n";
}

std::string render_dispatch_text(const StoredDispatch& d) {
    std::string out = d.id + "  " + d.date + "\n";
    if (!d.title.empty()) out += d.title + "\n";
    out += "\n" + d.text + "\n\n";
    for (const Entity& e : d.entities) {
        out += std::string(kind_name(e.kind)) + ": " + e.name + " (" + std::to_string(e.mentions.size()) +
               (e.mentions.size() == 1 ? " mention)\n" : " mentions)\n");
    }
    return out;
}

}  // namespace depeche
