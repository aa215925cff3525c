#pragma once
// What the recogniser tests that need the real lexicons share: the lexicons
// (null when corpus/lexicons is not built), compact dumps of the names found
// and of the people with their titles, and a skip when the lexicons are
// missing.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>

#include "recogniser.hpp"

namespace depeche::testing {

inline const Lexicons* real_lexicons() {
    const std::filesystem::path dir = DEPECHE_SOURCE_DIR "/corpus/lexicons";
    if (!std::filesystem::is_regular_file(dir / "places.tsv")) return nullptr;
    static const Lexicons lexicons = load_lexicons(dir);
    return &lexicons;
}

// "person:Marc Lièvremont[Marc Lièvremont] | org:XV de France[XV de France]":
// kind, canonical name and mentions, in the recogniser's order (people,
// places, organisations); only the names of `kind` when one is given (dates
// are never names, so EntityKind::date means every kind).
inline std::string names(std::string_view text, const Lexicons& lexicons, EntityKind kind = EntityKind::date) {
    std::string out;
    for (const Entity& e : recognise_names(text, analyse(text), lexicons)) {
        if (kind != EntityKind::date && e.kind != kind) continue;
        if (!out.empty()) out += " | ";
        out += std::string(kind_name(e.kind)) + ":" + e.name + "[";
        for (std::size_t i = 0; i < e.mentions.size(); ++i) out += (i ? "," : "") + e.mentions[i].text;
        out += "]";
    }
    return out;
}

// "Philip Hammond: <M. >Hammond | Micheli: <>Micheli": each person's name,
// then each mention with its title part (before name_offset) in angle brackets.
inline std::string people(std::string_view text, const Lexicons& lexicons) {
    std::string out;
    for (const Entity& e : recognise_names(text, analyse(text), lexicons)) {
        if (e.kind != EntityKind::person) continue;
        if (!out.empty()) out += " | ";
        out += e.name + ":";
        for (const Mention& m : e.mentions) {
            REQUIRE(m.name_offset <= m.text.size());
            REQUIRE(text.substr(m.start, m.end - m.start) == m.text);
            out += " <" + m.text.substr(0, m.name_offset) + ">" + m.text.substr(m.name_offset);
        }
    }
    return out;
}

}  // namespace depeche::testing

// Declares `real` (the real lexicons) or skips the test case with a warning.
#define REAL_LEXICONS_OR_SKIP()                               \
    const Lexicons* real = depeche::testing::real_lexicons(); \
    if (!real) {                                              \
        WARN("corpus/lexicons not built yet: skipped");       \
        return;                                               \
    }
