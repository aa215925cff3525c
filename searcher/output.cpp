#include "output.hpp"

#include "record_json.hpp"

#include <nlohmann/json.hpp>

#include <cstdio>

namespace depeche {
namespace {

// ordered_json: keys come out in the documented order.
using json = nlohmann::ordered_json;

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

// Written directly rather than through a JSON tree: the same bytes as
// nlohmann's dump (record_json writes strings and counts as it does; the
// score, a double, goes through nlohmann), at a fraction of the cost of
// building and freeing a tree for each search (tests: "render_json writes
// what nlohmann writes").
std::string render_json(const SearchResult& r) {
    std::string out;
    out.reserve(4096);
    auto string = [&out](std::string_view s) { record_json::append_string(out, s); };
    auto number = [&out](std::uint64_t n) { record_json::append_number(out, n); };
    auto strings = [&](const std::vector<std::string>& values) {
        out += '[';
        for (std::size_t i = 0; i < values.size(); ++i) {
            if (i) out += ',';
            string(values[i]);
        }
        out += ']';
    };
    auto facet = [&](const char* key, const std::vector<FacetCount>& counts) {
        out += key;
        out += '[';
        for (std::size_t i = 0; i < counts.size(); ++i) {
            out += i ? ",{\"value\":" : "{\"value\":";
            string(counts[i].value);
            out += ",\"count\":";
            number(counts[i].count);
            out += '}';
        }
        out += ']';
    };
    out += "{\"query\":";
    string(r.query);
    out += ",\"total\":";
    number(r.total);
    out += ",\"offset\":";
    number(r.offset);
    out += ",\"dropped\":";
    strings(r.dropped);
    out += r.missing.empty() ? ",\"partial\":false,\"missing\":" : ",\"partial\":true,\"missing\":";
    strings(r.missing);
    out += ",\"hits\":[";
    for (std::size_t i = 0; i < r.hits.size(); ++i) {
        const Hit& h = r.hits[i];
        out += i ? ",{\"id\":" : "{\"id\":";
        string(h.id);
        out += ",\"rank\":";
        number(h.rank);
        out += ",\"score\":";
        out += json(h.score).dump();
        out += ",\"date\":";
        string(h.date);
        out += ",\"title\":";
        if (h.title.empty())
            out += "null";
        else
            string(h.title);
        out += ",\"snippet\":";
        string(h.snippet.text);
        out += ",\"highlights\":[";
        for (std::size_t k = 0; k < h.snippet.highlights.size(); ++k) {
            out += k ? ",[" : "[";
            number(h.snippet.highlights[k].first);
            out += ',';
            number(h.snippet.highlights[k].second);
            out += ']';
        }
        out += "],\"persons\":";
        strings(h.persons);
        out += ",\"places\":";
        strings(h.places);
        out += ",\"orgs\":";
        strings(h.orgs);
        out += '}';
    }
    out += "],\"facets\":{";
    facet("\"person\":", r.facets.person);
    facet(",\"place\":", r.facets.place);
    facet(",\"org\":", r.facets.org);
    facet(",\"date\":", r.facets.date);
    facet(",\"mentioned\":", r.facets.mentioned);
    out += "}}\n";
    return out;
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
    // Written directly like render_json; "extra" (free-form, and normalised
    // when stored) still goes through nlohmann.
    std::string out = R"({"id":)";
    record_json::append_string(out, d.id);
    out += R"(,"date":)";
    record_json::append_string(out, d.date);
    out += R"(,"title":)";
    if (d.title.empty())
        out += "null";
    else
        record_json::append_string(out, d.title);
    out += R"(,"text":)";
    record_json::append_string(out, d.text);
    out += R"(,"entities":)";
    append_entities_json(out, d.entities);
    out += R"(,"extra":)";
    out += d.extra_json == "{}" ? "{}" : dump(json::parse(d.extra_json, nullptr, false));
    out += "}\n";
    return out;
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
