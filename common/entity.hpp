#pragma once
// What the recognisers find: entities with a canonical name and mentions.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace depeche {

enum class EntityKind { person, place, org, date };

/// "person", "place", "org", "date" (the names used in JSON output).
std::string_view kind_name(EntityKind kind);
/// Parses the names above; nullopt for anything else.
std::optional<EntityKind> parse_kind(std::string_view name);

/// One occurrence of an entity in a dispatch text.
struct Mention {
    std::string text;       ///< the bytes of the text at [start, end)
    std::size_t start = 0;  ///< UTF-8 byte offset into the dispatch text (or title)
    std::size_t end = 0;    ///< one past the last byte
    bool in_title = false;  ///< the offsets are into the dispatch's title
    /// People: the bytes of a title or function that opens the mention, before
    /// the name itself ("M. " of "M. Hammond", "président américain " of
    /// "président américain Barack Obama"), as HIPE and Quaero delimit a
    /// person; the name starts at start + name_offset. 0 when none, and always
    /// 0 in a stored record (which keeps start and end only).
    std::size_t name_offset = 0;
};

/// A recognised entity. For people, places and organisations `name` is the
/// canonical display name ("Philip Hammond", "Londres", "État islamique");
/// for dates it is the TIMEX3 value ("2015-01-15", "2015-01", "2015-W03",
/// "2015-05-03/2015-05-05").
struct Entity {
    EntityKind kind = EntityKind::person;
    std::string name;
    std::vector<Mention> mentions;  ///< in text order
};

/// The search key of a canonical name: folded (lower case, no accents), every
/// run of characters that are not letters or digits turned into one space,
/// trimmed. "Al-Qaïda" -> "al qaida", "Côte d'Ivoire" -> "cote d ivoire".
/// Used for boolean terms and to match names typed by users.
std::string entity_key(std::string_view name);

}  // namespace depeche
