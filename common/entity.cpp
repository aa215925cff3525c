#include "entity.hpp"

#include "analyzer.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

namespace depeche {

std::string_view kind_name(EntityKind kind) {
    switch (kind) {
        case EntityKind::person:
            return "person";
        case EntityKind::place:
            return "place";
        case EntityKind::org:
            return "org";
        case EntityKind::date:
            return "date";
    }
    return "person";
}

std::optional<EntityKind> parse_kind(std::string_view name) {
    for (EntityKind k : {EntityKind::person, EntityKind::place, EntityKind::org, EntityKind::date})
        if (kind_name(k) == name) return k;
    return std::nullopt;
}

std::string entity_key(std::string_view name) {
    const std::string folded = fold(name);
    std::string key;
    key.reserve(folded.size());
    const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
    const auto length = static_cast<int32_t>(folded.size());
    bool pending_space = false;
    for (int32_t i = 0; i < length;) {
        const int32_t begin = i;
        UChar32 c;
        U8_NEXT(bytes, i, length, c);
        if (c < 0 || !u_isalnum(c)) {
            pending_space = !key.empty();
            continue;
        }
        if (pending_space) key.push_back(' ');
        pending_space = false;
        key.append(folded, static_cast<std::size_t>(begin), static_cast<std::size_t>(i - begin));
    }
    return key;
}

}  // namespace depeche
