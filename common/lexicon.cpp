#include "lexicon.hpp"

#include "analyzer.hpp"
#include "lexicon_digest.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>
#include <stdexcept>
#include <system_error>

#ifndef DEPECHE_SOURCE_LEXICONS
#define DEPECHE_SOURCE_LEXICONS ""
#endif

namespace depeche {

// The bytes of one lexicon file. Not a std::string: that would write zeros
// over the 4 MB of the common words before reading them.
struct LexiconFileBytes {
    std::unique_ptr<char[]> data;
    std::size_t size = 0;
    std::string_view view() const { return {data.get(), size}; }
};

// The bytes of the name files, kept by a names-only load and parsed into a
// kind's name map by the first canonical_name call that needs it: a search
// for a person reads the aliases only, never the places' gazetteer.
struct NameFiles {
    LexiconFileBytes places;
    LexiconFileBytes orgs;  // empty when absent
    LexiconFileBytes aliases;

    /// The name map of a person, place or organisation.
    const std::unordered_map<std::string, std::string>& names(EntityKind kind) const;

private:
    struct Parsed {
        std::once_flag once;
        std::unordered_map<std::string, std::string> names;
    };
    mutable Parsed parsed_[3];  // persons, places, organisations
};

namespace {

namespace fs = std::filesystem;

// Opens `path` and returns its size, or nullopt when it cannot be read.
std::optional<std::size_t> open_sized(std::ifstream& in, const fs::path& path) {
    in.open(path, std::ios::binary);
    if (!in) return std::nullopt;
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) return std::nullopt;
    in.seekg(0, std::ios::beg);
    return static_cast<std::size_t>(size);
}

// Reads `name` from `dir` into the digest: its name, then "-absent-" or its
// size and bytes. A missing optional file still counts in the digest (as
// absent), so adding one changes the version. The bytes are returned when
// `keep`; otherwise they go through a small buffer into the digest only
// (a names-only load digests the 4 MB of word lists without holding them).
std::optional<LexiconFileBytes> read_lexicon(const fs::path& dir, const char* name, bool required, bool keep,
                                             LexiconDigest& digest) {
    const fs::path path = dir / name;
    digest.add(name);
    digest.add(std::string_view("\0", 1));
    std::error_code ec;
    if (!fs::is_regular_file(path, ec)) {
        if (required) throw std::runtime_error("lexicon file missing: " + path.string());
        digest.add("-absent-");
        return std::nullopt;
    }
    std::ifstream in;
    const std::optional<std::size_t> size = open_sized(in, path);
    if (!size) throw std::runtime_error("cannot read lexicon file: " + path.string());
    digest.add(std::to_string(*size));
    digest.add(std::string_view("\0", 1));
    // The whole file at once: line by line reading through iostreams is
    // several times slower on the 350k lines of the common words.
    LexiconFileBytes bytes;
    bytes.size = keep ? *size : std::min<std::size_t>(*size, 1 << 16);
    bytes.data.reset(new char[bytes.size]);
    for (std::size_t done = 0; done < *size;) {
        const std::size_t chunk = keep ? *size : std::min(bytes.size, *size - done);
        if (!in.read(bytes.data.get(), static_cast<std::streamsize>(chunk)))
            throw std::runtime_error("cannot read lexicon file: " + path.string());
        digest.add(std::string_view(bytes.data.get(), chunk));
        done += chunk;
    }
    if (!keep) return LexiconFileBytes{};
    return bytes;
}

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}

std::string_view trim(std::string_view s) {
    while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
    while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
    return s;
}

// Calls `line_fn(line, content)` for every line that is neither blank nor a
// `#` comment; `content` is the line without its surrounding blanks (the
// fields of a TSV line keep their positions in `line`).
template <typename LineFn>
void for_each_line(std::string_view bytes, LineFn line_fn) {
    // A UTF-8 byte order mark would otherwise stick to the first entry.
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const char* p = bytes.data();
    const char* const end = p + bytes.size();
    while (p < end) {
        const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
        if (!nl) nl = end;
        std::string_view line(p, static_cast<std::size_t>(nl - p));
        p = nl + 1;
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        // Most lines have no blanks around them: no need to trim those.
        std::string_view content = line;
        if (!content.empty() && (is_blank(content.front()) || is_blank(content.back()))) content = trim(content);
        if (content.empty() || content.front() == '#') continue;
        line_fn(line, content);
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

// What word_key does with each byte: an ASCII letter or digit becomes itself
// in lower case; other ASCII bytes separate words (0); bytes of multi-byte
// characters (1) take the slow paths.
struct ByteClasses {
    unsigned char of[256];
    constexpr ByteClasses() : of() {
        for (int c = 0x80; c < 0x100; ++c) of[c] = 1;
        for (int c = '0'; c <= '9'; ++c) of[c] = static_cast<unsigned char>(c);
        for (int c = 'a'; c <= 'z'; ++c) of[c] = static_cast<unsigned char>(c);
        for (int c = 'A'; c <= 'Z'; ++c) of[c] = static_cast<unsigned char>(c - 'A' + 'a');
    }
};
constexpr ByteClasses kByteClasses;

// The base letter of a Latin-1 letter with a diacritic (the second byte of
// its UTF-8 form after 0xC3), as fold() gives it; 0 when fold() does more
// (ß, æ, ø, þ...) or it is no letter (×, ÷).
char latin1_base(unsigned char second) {
    static const char kBase[64 + 1] =
        "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0\0"  // À..ß (0x80..0x9F)
        "aaaaaa\0ceeeeiiii\0nooooo\0\0uuuuy\0y";  // à..ÿ (0xA0..0xBF)
    return second >= 0x80 && second <= 0xBF ? kBase[second - 0x80] : 0;
}

// Whether the eight bytes of `w` are all ASCII lower-case letters a..z: with
// the top bits clear, adding 0x1F sets a byte's top bit when it is >= 'a' and
// adding 0x05 when it is > 'z', without carries between bytes.
bool all_lower_ascii(std::uint64_t w) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kTops = kOnes * 0x80;
    return (w & kTops) == 0 && ((w + kOnes * 0x1F) & ~(w + kOnes * 0x05) & kTops) == kTops;
}

// entity_key without ICU for the words that make most of the lists (ASCII
// and French accented letters); anything else goes through entity_key, so
// that both always agree (tests/test_lexicon.cpp checks a sample). The key
// is never longer than the word (a separator run becomes one space, a
// two-byte letter one or two letters), so it is built in `buffer` (room for
// word.size() bytes): no string grows letter by letter. Returns a view of
// `word` itself when it is its own key (most words), of `buffer`, or of
// `slow` (entity_key's answer).
std::string_view word_key_to(std::string_view word, char* buffer, std::string& slow) {
    // Most words are lower-case ASCII letters and digits, their own key: a
    // first pass only checks that; the general loop takes over from the
    // first other byte.
    const auto* p = reinterpret_cast<const unsigned char*>(word.data());
    const auto* const end = p + word.size();
    for (std::uint64_t w; end - p >= 8 && (std::memcpy(&w, p, 8), all_lower_ascii(w));) p += 8;
    while (p < end && kByteClasses.of[*p] == *p && *p > 1) ++p;
    if (p == end) return word;
    char* const begin = buffer;
    const auto prefix = static_cast<std::size_t>(p - reinterpret_cast<const unsigned char*>(word.data()));
    std::memcpy(begin, word.data(), prefix);
    char* out = begin + prefix;
    for (; p < end; ++p) {
        unsigned char letter = kByteClasses.of[*p];
        if (letter > 1) {
            *out++ = static_cast<char>(letter);
            continue;
        }
        if (letter == 0) {  // one space between words, none before the first
            if (out != begin && out[-1] != ' ') *out++ = ' ';
            continue;
        }
        if (*p == 0xC3 && p + 1 < end && (letter = static_cast<unsigned char>(latin1_base(p[1])))) {
            *out++ = static_cast<char>(letter);
            ++p;
        } else if (*p == 0xC5 && p + 1 < end && (p[1] == 0x92 || p[1] == 0x93)) {
            *out++ = 'o';  // Œ, œ
            *out++ = 'e';
            ++p;
        } else {
            slow = entity_key(word);
            return slow;
        }
    }
    if (out != begin && out[-1] == ' ') --out;  // none after the last
    return std::string_view(begin, static_cast<std::size_t>(out - begin));
}

std::string word_key(std::string_view word) {
    char stack[256];
    std::string heap, slow;
    char* const buffer = word.size() <= sizeof stack ? stack : (heap.resize(word.size()), heap.data());
    return std::string(word_key_to(word, buffer, slow));
}

// Newlines eight bytes at a time: the count sizes the hash tables before the
// 350k common words go in, and a byte loop over 4 MB costs more than it saves.
std::size_t count_lines(std::string_view bytes) {
    constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kLow7 = 0x7F7F7F7F7F7F7F7FULL;
    std::size_t n = 1, i = 0;
    for (; i + 8 <= bytes.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, bytes.data() + i, 8);
        const std::uint64_t x = w ^ (kOnes * '\n');  // a zero byte where a newline was
        // The top bit of each byte is set when that byte of x is not zero.
        const std::uint64_t nonzero = (((x & kLow7) + kLow7) | x) & ~kLow7;
        // One bit per newline, at the top of its byte: the multiply sums the
        // bytes into the top one (a popcount instruction is not baseline x86-64).
        n += static_cast<std::size_t>((((~nonzero & ~kLow7) >> 7) * kOnes) >> 56);
    }
    for (; i < bytes.size(); ++i) n += bytes[i] == '\n';
    return n;
}

// Loads the words of a list into `words`, which keeps the list's bytes: most
// keys are their line and stay where they are; the others are written over
// their line, which is never shorter (entity_key's rare longer answers are
// copied). No allocation per word.
void load_words(LexiconFileBytes bytes, LexiconWordSet& words) {
    // Sized from the bytes, not by counting lines: the lists average 8 to 12
    // bytes a line, so the table never grows while loading.
    words.reserve(words.size() + bytes.size / 8 + 1);
    char* const data = bytes.data.get();
    std::string buffer, slow;
    for_each_line(bytes.view(), [&](std::string_view, std::string_view content) {
        if (buffer.size() < content.size()) buffer.resize(content.size());
        const std::string_view key = word_key_to(content, buffer.data(), slow);
        if (key.empty()) return;
        if (key.data() == content.data()) {
            words.insert_view(key);
        } else if (key.size() <= content.size()) {
            char* const line = data + (content.data() - bytes.data.get());
            std::memcpy(line, key.data(), key.size());
            words.insert_view(std::string_view(line, key.size()));
        } else {
            words.insert(key);
        }
    });
    words.keep(std::shared_ptr<const char[]>(bytes.data.release()));
}

using NameMap = std::unordered_map<std::string, std::string>;

// Every canonical name is also a surface of itself, so that typing or
// writing the canonical form ("État islamique") finds it. Never overrides.
// Only the entries of `candidates` can need it: the others were written with
// their canonical name as surface. (Entries of an unordered_map stay where
// they are when it grows.) When two canonical names share a missing
// key, the first in byte order wins (whatever the order of the hash table).
void add_canonical_surfaces(NameMap& names, const std::vector<const NameMap::value_type*>& candidates) {
    std::vector<std::pair<std::string, std::string>> extra;
    for (const auto* entry : candidates) {
        std::string canonical_key = word_key(entry->second);
        if (canonical_key != entry->first && !names.count(canonical_key))
            extra.emplace_back(std::move(canonical_key), entry->second);
    }
    std::sort(extra.begin(), extra.end());
    for (auto& [key, canonical] : extra) names.emplace(std::move(key), std::move(canonical));
}

// Parses the name files into `places`, `orgs` and `persons` (and the kinds of
// places into `place_kinds` when not null). A null map is not built: its
// kind's lines are skipped (each kind's map depends on its own lines only).
void parse_names(std::string_view places_bytes, std::string_view orgs_bytes, std::string_view aliases_bytes,
                 NameMap* places, NameMap* orgs, NameMap* persons, NameMap* place_kinds) {
    std::vector<const NameMap::value_type*> place_candidates, org_candidates, person_candidates;
    // Generated gazetteers (surface, canonical[, kind of place]): the first
    // line for a surface wins (the builder writes countries and large cities
    // before communes of the same name).
    const auto gazetteer = [](std::string_view bytes, std::size_t fields, NameMap& names,
                              std::vector<const NameMap::value_type*>& candidates, NameMap* kinds) {
        names.reserve(names.size() + count_lines(bytes));
        for_each_line(bytes, [&](std::string_view line, std::string_view) {
            std::string_view f[3];
            if (split_tabs(line, f, fields) < 2 || f[0].empty() || f[1].empty()) return;
            std::string key = word_key(f[0]);
            if (key.empty()) return;
            const auto [it, inserted] = names.try_emplace(std::move(key), f[1]);
            if (!inserted) return;
            if (f[0] != f[1]) candidates.push_back(&*it);
            if (kinds && !f[2].empty()) kinds->try_emplace(f[0] == f[1] ? it->first : word_key(f[1]), f[2]);
        });
    };
    if (places) gazetteer(places_bytes, 3, *places, place_candidates, place_kinds);
    if (orgs) gazetteer(orgs_bytes, 2, *orgs, org_candidates, nullptr);
    // Reviewed aliases override what the packages say.
    for_each_line(aliases_bytes, [&](std::string_view line, std::string_view) {
        std::string_view f[4];
        if (split_tabs(line, f, 4) < 3 || f[1].empty() || f[2].empty()) return;
        const std::optional<EntityKind> kind = parse_kind(f[0]);
        if (!kind || *kind == EntityKind::date) return;
        const bool person = *kind == EntityKind::person, place = *kind == EntityKind::place;
        NameMap* const names = person ? persons : place ? places : orgs;
        if (!names) return;
        std::string key = word_key(f[1]);
        if (key.empty()) return;
        const auto it = names->try_emplace(std::move(key)).first;
        it->second = f[2];
        (person ? person_candidates : place ? place_candidates : org_candidates).push_back(&*it);
    });
    if (places) add_canonical_surfaces(*places, place_candidates);
    if (orgs) add_canonical_surfaces(*orgs, org_candidates);
    if (persons) add_canonical_surfaces(*persons, person_candidates);
}

bool ends_with_words(std::string_view key, std::string_view tail) {
    return key.size() > tail.size() && key.substr(key.size() - tail.size()) == tail &&
           key[key.size() - tail.size() - 1] == ' ';
}

}  // namespace

const std::unordered_map<std::string, std::string>& NameFiles::names(EntityKind kind) const {
    const std::size_t at = kind == EntityKind::person ? 0 : kind == EntityKind::place ? 1 : 2;
    Parsed& p = parsed_[at];
    std::call_once(p.once, [&] {
        parse_names(places.view(), orgs.view(), aliases.view(), at == 1 ? &p.names : nullptr,
                    at == 2 ? &p.names : nullptr, at == 0 ? &p.names : nullptr, nullptr);
    });
    return p.names;
}

Lexicons load_lexicons(const std::filesystem::path& dir, LexiconUse use) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) throw std::runtime_error("lexicon folder not found: " + dir.string());

    const bool words = use == LexiconUse::recognition;
    Lexicons lex;
    LexiconDigest digest;
    // The order of reading is the order of the digest: do not reorder.
    auto places = read_lexicon(dir, "places.tsv", true, true, digest);
    auto orgs = read_lexicon(dir, "orgs.tsv", false, true, digest);
    auto aliases = read_lexicon(dir, "aliases.tsv", true, true, digest);
    auto first_names = read_lexicon(dir, "first_names.txt", true, words, digest);
    auto surnames = read_lexicon(dir, "surnames.txt", false, words, digest);
    auto common_words = read_lexicon(dir, "common_words.txt", false, words, digest);
    lex.version = digest.hex();

    if (!words) {
        auto files = std::make_shared<NameFiles>();
        files->places = std::move(*places);
        if (orgs) files->orgs = std::move(*orgs);
        files->aliases = std::move(*aliases);
        lex.deferred_names = std::move(files);
        return lex;
    }
    parse_names(places->view(), orgs ? orgs->view() : std::string_view(), aliases->view(), &lex.places, &lex.orgs,
                &lex.persons, &lex.place_kinds);
    load_words(std::move(*first_names), lex.first_names);
    if (surnames) load_words(std::move(*surnames), lex.surnames);
    if (common_words) load_words(std::move(*common_words), lex.common_words);
    index_names(lex);
    return lex;
}

void index_names(Lexicons& lexicons) {
    NameIndex index;
    index.entries_.reserve(lexicons.persons.size() + lexicons.places.size() + lexicons.orgs.size());
    auto add = [&](const NameMap& names, const std::string* NameEntry::*kind) {
        for (const auto& [key, canonical] : names) {
            index.entries_.emplace(key).first->*kind = &canonical;
            // Every word prefix of a longer key, so that a scan over growing
            // keys stops at the first one no name starts with.
            for (std::size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1))
                index.entries_.emplace(std::string_view(key).substr(0, space)).first->continues = true;
        }
    };
    add(lexicons.persons, &NameEntry::person);
    add(lexicons.places, &NameEntry::place);
    add(lexicons.orgs, &NameEntry::org);
    // The kind of each canonical place, found the way the recogniser asked
    // place_kinds before (by the key of the canonical name), once for all.
    for (const auto& entry : lexicons.places) {
        const auto [kind, inserted] = index.kinds_.emplace(entry.second);
        if (!inserted) continue;
        const auto it = lexicons.place_kinds.find(word_key(entry.second));
        *kind = it != lexicons.place_kinds.end() ? &it->second : nullptr;
    }
    lexicons.names = std::move(index);
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
    if (kind == EntityKind::date) return std::nullopt;
    const NameFiles* const deferred = lexicons.deferred_names.get();
    const std::unordered_map<std::string, std::string>* names = nullptr;
    switch (kind) {
        case EntityKind::person:
            names = deferred ? &deferred->names(kind) : &lexicons.persons;
            break;
        case EntityKind::place:
            names = deferred ? &deferred->names(kind) : &lexicons.places;
            break;
        case EntityKind::org:
            names = deferred ? &deferred->names(kind) : &lexicons.orgs;
            break;
        case EntityKind::date:
            return std::nullopt;
    }
    if (auto it = names->find(key); it != names->end()) return it->second;
    // A surname alone ("hollande") names the one aliased person whose
    // canonical name ends with it; two such people make it ambiguous.
    if (kind == EntityKind::person && key.find(' ') == std::string::npos) {
        std::optional<std::string> found;
        for (const auto& [surface, canonical] : *names) {
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
