#include "lexicon.hpp"

#include "analyzer.hpp"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <system_error>

#ifndef DEPECHE_SOURCE_LEXICONS
#define DEPECHE_SOURCE_LEXICONS ""
#endif

namespace depeche {
namespace {

namespace fs = std::filesystem;

// FNV-1a, 64 bits: stable across platforms and runs, enough to tell two
// lexicon folders apart (it is a version stamp, not a security digest).
class Digest {
public:
    void add(std::string_view bytes) {
        for (unsigned char c : bytes) {
            hash_ ^= c;
            hash_ *= 0x100000001b3ULL;
        }
    }
    std::string hex() const {
        char buf[17];
        std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash_));
        return buf;
    }

private:
    std::uint64_t hash_ = 0xcbf29ce484222325ULL;
};

// The whole file at once: the common word list has ~350k lines and line by
// line reading through iostreams is several times slower.
std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) return std::nullopt;
    std::string bytes(static_cast<std::size_t>(size), '\0');
    in.seekg(0, std::ios::beg);
    if (size > 0 && !in.read(bytes.data(), size)) return std::nullopt;
    return bytes;
}

// Reads `name` from `dir` into the digest. A missing optional file still
// counts in the digest (as absent), so adding one changes the version.
std::optional<std::string> read_lexicon(const fs::path& dir, const char* name, bool required, Digest& digest) {
    const fs::path path = dir / name;
    digest.add(name);
    digest.add(std::string_view("\0", 1));
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        if (required) throw std::runtime_error("lexicon file missing: " + path.string());
        digest.add("-absent-");
        return std::nullopt;
    }
    std::optional<std::string> bytes = read_file(path);
    if (!bytes) throw std::runtime_error("cannot read lexicon file: " + path.string());
    digest.add(std::to_string(bytes->size()));
    digest.add(std::string_view("\0", 1));
    digest.add(*bytes);
    return bytes;
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// Calls `line_fn(line)` for every line that is neither blank nor a `#` comment.
template <typename LineFn>
void for_each_line(std::string_view bytes, LineFn line_fn) {
    // A UTF-8 byte order mark would otherwise stick to the first entry.
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    std::size_t pos = 0;
    while (pos < bytes.size()) {
        std::size_t nl = bytes.find('\n', pos);
        if (nl == std::string_view::npos) nl = bytes.size();
        std::string_view line = bytes.substr(pos, nl - pos);
        pos = nl + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        const std::string_view content = trim(line);
        if (content.empty() || content.front() == '#') continue;
        line_fn(line);
    }
}

// Splits a TAB-separated line into at most `max` trimmed fields.
std::size_t split_tabs(std::string_view line, std::string_view* fields, std::size_t max) {
    std::size_t n = 0;
    while (n < max) {
        const std::size_t tab = line.find('\t');
        fields[n++] = trim(line.substr(0, tab));
        if (tab == std::string_view::npos) break;
        line.remove_prefix(tab + 1);
    }
    return n;
}

// The base letter of a Latin-1 letter with a diacritic (the second byte of
// its UTF-8 form after 0xC3), as fold() gives it; 0 when fold() does more
// (ß, æ, ø, þ...) or it is no letter (×, ÷).
char latin1_base(unsigned char second) {
    static const char kBase[64 + 1] =
        "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0"  // À..ß (0x80..0x9F)
        "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";  // à..ÿ (0xA0..0xBF)
    return second >= 0x80 && second <= 0xBF ? kBase[second - 0x80] : 0;
}

// entity_key without ICU for the words that make most of the lists (ASCII
// and French accented letters); anything else goes through entity_key, so
// that both always agree (tests/test_lexicon.cpp checks a sample).
std::string word_key(std::string_view word) {
    std::string key;
    key.reserve(word.size());
    bool pending_space = false;
    for (std::size_t i = 0; i < word.size(); ++i) {
        const unsigned char c = static_cast<unsigned char>(word[i]);
        char out = 0;
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            out = static_cast<char>(c);
        } else if (c >= 'A' && c <= 'Z') {
            out = static_cast<char>(c + ('a' - 'A'));
        } else if (c == 0xC3 && i + 1 < word.size() && (out = latin1_base(static_cast<unsigned char>(word[i + 1])))) {
            ++i;
        } else if (c == 0xC5 && i + 1 < word.size() && (word[i + 1] == '\x92' || word[i + 1] == '\x93')) {
            if (pending_space) key.push_back(' ');
            pending_space = false;
            key += "oe";  // Œ, œ
            ++i;
            continue;
        } else if (c >= 0x80) {
            return entity_key(word);
        } else {
            pending_space = !key.empty();
            continue;
        }
        if (pending_space) key.push_back(' ');
        pending_space = false;
        key.push_back(out);
    }
    return key;
}

std::size_t count_lines(std::string_view bytes) {
    std::size_t n = 1;
    for (char c : bytes) n += c == '\n';
    return n;
}

void load_words(std::string_view bytes, std::unordered_set<std::string>& words) {
    words.reserve(words.size() + count_lines(bytes));
    for_each_line(bytes, [&](std::string_view line) {
        std::string key = word_key(trim(line));
        if (!key.empty()) words.insert(std::move(key));
    });
}

// Every canonical name is also a surface of itself, so that typing or
// writing the canonical form ("État islamique") finds it. Never overrides.
void add_canonical_surfaces(std::unordered_map<std::string, std::string>& names) {
    std::vector<std::pair<std::string, std::string>> extra;
    for (const auto& [key, canonical] : names) {
        std::string canonical_key = word_key(canonical);
        if (canonical_key != key && !names.count(canonical_key))
            extra.emplace_back(std::move(canonical_key), canonical);
    }
    for (auto& [key, canonical] : extra) names.emplace(std::move(key), std::move(canonical));
}

bool ends_with_words(std::string_view key, std::string_view tail) {
    return key.size() > tail.size() && key.substr(key.size() - tail.size()) == tail &&
           key[key.size() - tail.size() - 1] == ' ';
}

}  // namespace

Lexicons load_lexicons(const std::filesystem::path& dir, LexiconUse use) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw std::runtime_error("lexicon folder not found: " + dir.string());

    Lexicons lex;
    Digest digest;
    // The order of reading is the order of the digest: do not reorder.
    const auto places = read_lexicon(dir, "places.tsv", true, digest);
    const auto orgs = read_lexicon(dir, "orgs.tsv", false, digest);
    const auto aliases = read_lexicon(dir, "aliases.tsv", true, digest);
    const auto first_names = read_lexicon(dir, "first_names.txt", true, digest);
    const auto surnames = read_lexicon(dir, "surnames.txt", false, digest);
    const auto common_words = read_lexicon(dir, "common_words.txt", false, digest);
    lex.version = digest.hex();

    // Generated gazetteers: the first line for a surface wins (the builder
    // writes countries and large cities before communes of the same name).
    lex.places.reserve(count_lines(*places));
    for_each_line(*places, [&](std::string_view line) {
        std::string_view f[3];
        if (split_tabs(line, f, 3) < 2 || f[0].empty() || f[1].empty()) return;
        std::string key = word_key(f[0]);
        if (key.empty()) return;
        const std::string canonical(f[1]);
        if (lex.places.emplace(std::move(key), canonical).second && !f[2].empty())
            lex.place_kinds.emplace(word_key(canonical), std::string(f[2]));
    });
    if (orgs) {
        for_each_line(*orgs, [&](std::string_view line) {
            std::string_view f[2];
            if (split_tabs(line, f, 2) < 2 || f[0].empty() || f[1].empty()) return;
            std::string key = word_key(f[0]);
            if (!key.empty()) lex.orgs.emplace(std::move(key), std::string(f[1]));
        });
    }
    // Reviewed aliases override what the packages say.
    for_each_line(*aliases, [&](std::string_view line) {
        std::string_view f[4];
        if (split_tabs(line, f, 4) < 3 || f[1].empty() || f[2].empty()) return;
        std::string key = word_key(f[1]);
        if (key.empty()) return;
        const std::optional<EntityKind> kind = parse_kind(f[0]);
        if (!kind || *kind == EntityKind::date) return;
        auto& names = *kind == EntityKind::person ? lex.persons : *kind == EntityKind::place ? lex.places : lex.orgs;
        names[std::move(key)] = std::string(f[2]);
    });
    add_canonical_surfaces(lex.places);
    add_canonical_surfaces(lex.orgs);
    add_canonical_surfaces(lex.persons);

    if (use == LexiconUse::names) return lex;
    load_words(*first_names, lex.first_names);
    if (surnames) load_words(*surnames, lex.surnames);
    if (common_words) load_words(*common_words, lex.common_words);
    return lex;
}

std::filesystem::path find_lexicon_dir(const std::string& explicit_dir) {
    std::error_code ec;
    if (!explicit_dir.empty()) {
        if (!fs::is_directory(explicit_dir, ec)) throw std::runtime_error("lexicon folder not found: " + explicit_dir);
        return explicit_dir;
    }
    // An environment variable set on purpose must not be silently ignored.
    if (const char* env = std::getenv("DEPECHE_LEXICONS"); env && *env) {
        if (!fs::is_directory(env, ec))
            throw std::runtime_error(std::string("lexicon folder not found: ") + env + " (from $DEPECHE_LEXICONS)");
        return env;
    }
    std::string tried;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec && !exe.empty()) {
        const fs::path installed = exe.parent_path().parent_path() / "share" / "depeche" / "lexicons";
        if (fs::is_directory(installed, ec)) return installed;
        tried += installed.string() + ", ";
    }
    const fs::path source = DEPECHE_SOURCE_LEXICONS;
    if (!source.empty() && fs::is_directory(source, ec)) return source;
    tried += source.empty() ? std::string("(no source tree)") : source.string();
    throw std::runtime_error("no lexicon folder found (tried " + tried + "); set $DEPECHE_LEXICONS");
}

std::optional<std::string> canonical_name(const Lexicons& lexicons, EntityKind kind, std::string_view typed) {
    const std::string key = entity_key(typed);
    if (key.empty()) return std::nullopt;
    const std::unordered_map<std::string, std::string>* names = nullptr;
    switch (kind) {
        case EntityKind::person:
            names = &lexicons.persons;
            break;
        case EntityKind::place:
            names = &lexicons.places;
            break;
        case EntityKind::org:
            names = &lexicons.orgs;
            break;
        case EntityKind::date:
            return std::nullopt;
    }
    if (auto it = names->find(key); it != names->end()) return it->second;
    // A surname alone ("hollande") names the one aliased person whose
    // canonical name ends with it; two such people make it ambiguous.
    if (kind == EntityKind::person && key.find(' ') == std::string::npos) {
        std::optional<std::string> found;
        for (const auto& [surface, canonical] : lexicons.persons) {
            (void)surface;
            if (!ends_with_words(entity_key(canonical), key)) continue;
            if (found && *found != canonical) return std::nullopt;
            found = canonical;
        }
        return found;
    }
    return std::nullopt;
}

}  // namespace depeche
