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
    // Written through a pointer: the key is never longer than the folded
    // name (one space stands for one or more bytes it drops), and a name cost
    // an append call per character.
    std::string key(folded.size(), '\0');
    char* const begin = key.data();
    char* out = begin;
    const auto* bytes = reinterpret_cast<const uint8_t*>(folded.data());
    const auto length = static_cast<int32_t>(folded.size());
    bool pending_space = false;
    for (int32_t i = 0; i < length;) {
        const int32_t start = i;
        bool alnum;
        if (bytes[i] < 0x80) {
            // u_isalnum's answer for ASCII (letters and decimal digits), without the call.
            const uint8_t b = bytes[i++];
            alnum = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
        } else {
            UChar32 c;
            U8_NEXT(bytes, i, length, c);
            alnum = c >= 0 && u_isalnum(c);
        }
        if (!alnum) {
            pending_space = out != begin;
            continue;
        }
        if (pending_space) *out++ = ' ';
        pending_space = false;
        for (int32_t k = start; k < i; ++k) *out++ = static_cast<char>(bytes[k]);  // 1 to 4 bytes: no memcpy call
    }
    key.resize(static_cast<std::size_t>(out - begin));
    return key;
}

}  // namespace depeche
