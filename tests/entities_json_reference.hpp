#pragma once
// A dispatch's entities as a nlohmann::ordered_json tree, as depeche-extract
// and depeche-search --id --json first built them: the reference that
// append_entities_json, which writes the bytes directly, must equal (in
// tests/test_document.cpp for the extract line, tests/test_output.cpp for the
// dispatch). The stored record's compact form ([start, end] mentions, no
// text) is another shape and keeps its own reference in test_document.cpp.

#include <nlohmann/json.hpp>

#include <vector>

#include "entity.hpp"

namespace depeche::testing {

// [{"kind", "name", "mentions": [{"text", "start", "end", "field"?, "name_start"?}]}]:
// "field" for a mention in the title, "name_start" (when `name_starts`) for
// a person's mention that opens with a title, after the mention's other keys.
inline nlohmann::ordered_json reference_entities_json(const std::vector<Entity>& entities, bool name_starts) {
    using json = nlohmann::ordered_json;
    json out = json::array();
    for (const Entity& e : entities) {
        json mentions = json::array();
        for (const Mention& m : e.mentions) {
            mentions.push_back({{"text", m.text}, {"start", m.start}, {"end", m.end}});
            if (m.in_title) mentions.back()["field"] = "title";
            if (name_starts && m.name_offset) mentions.back()["name_start"] = m.start + m.name_offset;
        }
        out.push_back({{"kind", kind_name(e.kind)}, {"name", e.name}, {"mentions", mentions}});
    }
    return out;
}

}  // namespace depeche::testing
