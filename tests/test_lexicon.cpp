#include "lexicon.hpp"

#include "lexicon_digest.hpp"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

namespace fs = std::filesystem;
using depeche::EntityKind;
using depeche::Lexicons;

namespace {

const fs::path kMini = DEPECHE_SOURCE_DIR "/tests/data/lexicons-mini";
const fs::path kReal = DEPECHE_SOURCE_DIR "/corpus/lexicons";

bool real_lexicons_present() {
    return fs::is_regular_file(kReal / "places.tsv");
}

// A scratch folder holding the named files of the mini lexicons.
fs::path scratch_copy(const std::string& name, std::initializer_list<const char*> files) {
    const fs::path dir = fs::temp_directory_path() / ("depeche-test-lexicon-" + name);
    fs::remove_all(dir);
    fs::create_directories(dir);
    for (const char* f : files) fs::copy_file(kMini / f, dir / f);
    return dir;
}

std::string value_or(const std::optional<std::string>& v, const char* fallback) {
    return v ? *v : fallback;
}

}  // namespace

TEST_CASE("mini lexicons load every file", "[lexicon]") {
    const Lexicons lex = depeche::load_lexicons(kMini);
    CHECK(lex.places.at("london") == "Londres");
    CHECK(lex.places.at("londres") == "Londres");
    CHECK(lex.places.at("cote d ivoire") == "Côte d'Ivoire");
    CHECK(lex.places.at("etats unis") == "États-Unis");
    CHECK(lex.place_kinds.at("londres") == "city");
    CHECK(lex.place_kinds.at("seine saint denis") == "department");
    // Aliases override and every canonical name is a surface of itself.
    CHECK(lex.orgs.at("daech") == "État islamique");
    CHECK(lex.orgs.at("ei") == "État islamique");
    CHECK(lex.orgs.at("etat islamique") == "État islamique");
    CHECK(lex.orgs.at("organisation des nations unies") == "Organisation des Nations unies");
    CHECK(lex.orgs.at("afp") == "Agence France-Presse");
    CHECK(lex.persons.at("obama") == "Barack Obama");
    CHECK(lex.persons.at("barack obama") == "Barack Obama");
    // Word lists are folded like entity keys.
    CHECK(lex.first_names.count("philip"));
    CHECK(lex.first_names.count("jean yves"));
    CHECK(lex.first_names.count("francois"));
    CHECK(lex.common_words.count("etrangeres"));
    CHECK(lex.surnames.count("hammond"));
    CHECK_FALSE(lex.common_words.count("# one common word a line"));
}

TEST_CASE("the version is a stable digest of the files", "[lexicon]") {
    const Lexicons a = depeche::load_lexicons(kMini);
    const Lexicons b = depeche::load_lexicons(kMini);
    CHECK(a.version.size() == 16);
    CHECK(a.version == b.version);
    // One file less is another version.
    const fs::path dir =
        scratch_copy("no-orgs", {"places.tsv", "aliases.tsv", "first_names.txt", "surnames.txt", "common_words.txt"});
    const Lexicons c = depeche::load_lexicons(dir);
    CHECK(c.version != a.version);
    CHECK(c.orgs.at("ei") == "État islamique");  // orgs.tsv may be absent
    CHECK_FALSE(c.orgs.count("afp"));
    fs::remove_all(dir);
}

TEST_CASE("a missing folder or required file is named in the error", "[lexicon]") {
    const std::string missing = DEPECHE_SOURCE_DIR "/tests/data/no-such-lexicons";
    CHECK_THROWS_WITH(depeche::load_lexicons(missing), Catch::Contains(missing));
    const fs::path dir = scratch_copy("no-first-names", {"places.tsv", "aliases.tsv"});
    CHECK_THROWS_WITH(depeche::load_lexicons(dir), Catch::Contains("first_names.txt"));
    fs::remove(dir / "aliases.tsv");
    CHECK_THROWS_WITH(depeche::load_lexicons(dir), Catch::Contains("aliases.tsv"));
    fs::remove_all(dir);
}

TEST_CASE("canonical names from the lexicons only", "[lexicon]") {
    const Lexicons lex = depeche::load_lexicons(kMini);
    CHECK(value_or(canonical_name(lex, EntityKind::place, "London"), "-") == "Londres");
    CHECK(value_or(canonical_name(lex, EntityKind::place, "LONDRES"), "-") == "Londres");
    CHECK(value_or(canonical_name(lex, EntityKind::place, "cote d’ivoire"), "-") == "Côte d'Ivoire");
    CHECK(value_or(canonical_name(lex, EntityKind::org, "Etat Islamique"), "-") == "État islamique");
    CHECK(value_or(canonical_name(lex, EntityKind::org, "État islamique"), "-") == "État islamique");
    CHECK(value_or(canonical_name(lex, EntityKind::org, "daech"), "-") == "État islamique");
    CHECK(value_or(canonical_name(lex, EntityKind::person, "obama"), "-") == "Barack Obama");
    CHECK(value_or(canonical_name(lex, EntityKind::person, "Barack Obama"), "-") == "Barack Obama");
    // A surname alone, through the person aliases.
    CHECK(value_or(canonical_name(lex, EntityKind::person, "Hollande"), "-") == "François Hollande");
    CHECK_FALSE(canonical_name(lex, EntityKind::person, "Londres"));
    CHECK_FALSE(canonical_name(lex, EntityKind::place, "Atlantide"));
    CHECK_FALSE(canonical_name(lex, EntityKind::place, ""));
    CHECK_FALSE(canonical_name(lex, EntityKind::date, "2015"));
}

TEST_CASE("the lexicon folder is found", "[lexicon]") {
    CHECK(depeche::find_lexicon_dir(kMini.string()) == kMini);
    CHECK_THROWS_WITH(depeche::find_lexicon_dir("/no/such/lexicons"), Catch::Contains("/no/such/lexicons"));
    const char* saved = std::getenv("DEPECHE_LEXICONS");
    const std::string saved_value = saved ? saved : "";
    ::setenv("DEPECHE_LEXICONS", kMini.c_str(), 1);
    CHECK(depeche::find_lexicon_dir("") == kMini);
    ::setenv("DEPECHE_LEXICONS", "/no/such/env/lexicons", 1);
    CHECK_THROWS_WITH(depeche::find_lexicon_dir(""), Catch::Contains("/no/such/env/lexicons"));
    ::unsetenv("DEPECHE_LEXICONS");
    // From a build tree, the source tree's folder.
    CHECK(fs::equivalent(depeche::find_lexicon_dir(""), kReal));
    if (saved) ::setenv("DEPECHE_LEXICONS", saved_value.c_str(), 1);
}

TEST_CASE("the real lexicons load quickly", "[lexicon]") {
    if (!real_lexicons_present()) {
        WARN("corpus/lexicons not built yet: skipped");
        return;
    }
    const auto begin = std::chrono::steady_clock::now();
    const Lexicons lex = depeche::load_lexicons(kReal);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
    INFO("load took " << seconds << " s");
    CHECK(seconds < 3.0);  // well under a second in release builds
    CHECK(value_or(canonical_name(lex, EntityKind::place, "London"), "-") == "Londres");
    CHECK(value_or(canonical_name(lex, EntityKind::place, "Irak"), "-") == "Irak");
    CHECK(value_or(canonical_name(lex, EntityKind::org, "EI"), "-") == "État islamique");
    CHECK(lex.first_names.count("philip"));
    CHECK(lex.common_words.count("les"));
    CHECK(depeche::load_lexicons(kReal).version == lex.version);
    // The loader's keys are entity keys, whatever path computed them.
    std::ifstream words(kReal / "common_words.txt");
    std::string line;
    std::size_t checked = 0;
    for (std::size_t n = 0; std::getline(words, line); ++n) {
        if (line.empty() || line[0] == '#' || n % 53 != 0) continue;
        INFO(line);
        CHECK(lex.common_words.count(depeche::entity_key(line)));
        ++checked;
    }
    CHECK(checked > 100);
    std::ifstream places(kReal / "places.tsv");
    for (std::size_t n = 0; std::getline(places, line); ++n) {
        if (line.empty() || line[0] == '#' || n % 7 != 0) continue;
        INFO(line);
        CHECK(lex.places.count(depeche::entity_key(line.substr(0, line.find('\t')))));
    }
}

TEST_CASE("keys of accented and non-Latin words", "[lexicon]") {
    // Written to a scratch folder: the loader's own folding must agree with entity_key.
    const fs::path dir = scratch_copy("accents", {"places.tsv", "aliases.tsv"});
    {
        std::ofstream f(dir / "first_names.txt");
        f << "Élisabeth\nJean-Noël\nÆlfred\nŒdipe\nØyvind\nßigi\nСергей\nJosé×María\nÿves\n";
    }
    const Lexicons lex = depeche::load_lexicons(dir);
    for (const char* name :
         {"Élisabeth", "Jean-Noël", "Ælfred", "Œdipe", "Øyvind", "ßigi", "Сергей", "José×María", "ÿves"}) {
        INFO(name);
        CHECK(lex.first_names.count(depeche::entity_key(name)));
    }
    CHECK(lex.first_names.count("elisabeth"));
    CHECK(lex.first_names.count("jean noel"));
    CHECK(lex.first_names.count("oedipe"));
    fs::remove_all(dir);
}

TEST_CASE("a names-only load has the same version and the same names", "[lexicon]") {
    const std::filesystem::path dir = DEPECHE_SOURCE_DIR "/corpus/lexicons";
    const depeche::Lexicons full = depeche::load_lexicons(dir);
    const depeche::Lexicons names = depeche::load_lexicons(dir, depeche::LexiconUse::names);
    CHECK(names.version == full.version);
    CHECK(names.common_words.empty());
    CHECK_FALSE(full.common_words.empty());
    // The name maps wait for the first canonical_name; then every surface a
    // full load knows resolves the same way.
    REQUIRE(names.deferred_names);
    CHECK(names.places.empty());
    CHECK_FALSE(full.deferred_names);
    // Each kind's map is parsed apart, on its first use: a name of one
    // kind looked up as another resolves as a full load resolves it too.
    std::size_t checked = 0, across = 0;
    for (const auto* map : {&full.places, &full.orgs, &full.persons}) {
        const EntityKind kind = map == &full.places ? EntityKind::place
                                : map == &full.orgs ? EntityKind::org
                                                    : EntityKind::person;
        std::size_t n = 0;
        for (const auto& [key, canonical] : *map) {
            // A fifth as its own kind, a fiftieth as the others: the lookups
            // go through ICU.
            const std::size_t i = n++;
            for (const EntityKind as : {EntityKind::place, EntityKind::org, EntityKind::person}) {
                if (i % (as == kind ? 5 : 50) != 0) continue;
                INFO(key << " as kind " << static_cast<int>(as));
                CHECK(canonical_name(names, as, key) == canonical_name(full, as, key));
                ++(as == kind ? checked : across);
            }
        }
    }
    CHECK(checked > 1000);
    CHECK(across > 200);
    CHECK(value_or(canonical_name(names, EntityKind::person, "Hollande"), "-") ==
          value_or(canonical_name(full, EntityKind::person, "Hollande"), "+"));
}

TEST_CASE("the deferred name maps are parsed once, from any thread", "[lexicon]") {
    const Lexicons names = depeche::load_lexicons(kMini, depeche::LexiconUse::names);
    std::vector<std::string> found(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < found.size(); ++i)
        threads.emplace_back([&, i] { found[i] = value_or(canonical_name(names, EntityKind::place, "London"), "-"); });
    for (auto& t : threads) t.join();
    for (const auto& f : found) CHECK(f == "Londres");
    CHECK(value_or(canonical_name(names, EntityKind::org, "daech"), "-") == "État islamique");
    CHECK(value_or(canonical_name(names, EntityKind::person, "Hollande"), "-") == "François Hollande");
    CHECK_FALSE(canonical_name(names, EntityKind::date, "2015"));
}

TEST_CASE("every byte of every file is in the version, whatever the use", "[lexicon]") {
    const fs::path dir = scratch_copy(
        "bytes", {"places.tsv", "orgs.tsv", "aliases.tsv", "first_names.txt", "surnames.txt", "common_words.txt"});
    const std::string before = depeche::load_lexicons(dir).version;
    CHECK(depeche::load_lexicons(dir, depeche::LexiconUse::names).version == before);
    // One more common word, far past the first block of the digest: search
    // only digests this file, and must still refuse an index built without it.
    {
        std::ofstream f(dir / "common_words.txt", std::ios::app);
        for (int i = 0; i < 5000; ++i) f << "mot" << i << '\n';
    }
    const std::string longer = depeche::load_lexicons(dir).version;
    CHECK(longer != before);
    CHECK(depeche::load_lexicons(dir, depeche::LexiconUse::names).version == longer);
    // The same size, one byte changed near the end.
    {
        std::fstream f(dir / "common_words.txt", std::ios::in | std::ios::out | std::ios::binary);
        f.seekp(-3, std::ios::end);
        f.put('X');
    }
    const std::string changed = depeche::load_lexicons(dir, depeche::LexiconUse::names).version;
    CHECK(changed != longer);
    CHECK(depeche::load_lexicons(dir).version == changed);
    fs::remove_all(dir);
}

TEST_CASE("the digest does not depend on how the bytes are cut", "[lexicon]") {
    std::string bytes;
    for (int i = 0; i < 1000; ++i) bytes += "ligne " + std::to_string(i * 7919) + "\n";
    depeche::LexiconDigest whole;
    whole.add(bytes);
    for (std::size_t cut : {1, 3, 31, 32, 33, 100, 4096}) {
        depeche::LexiconDigest pieces;
        for (std::size_t i = 0; i < bytes.size(); i += cut) pieces.add(std::string_view(bytes).substr(i, cut));
        INFO(cut);
        CHECK(pieces.hex() == whole.hex());
    }
    // hex() does not end the stream, and a zero byte more is another digest.
    depeche::LexiconDigest more = whole;
    CHECK(more.hex() == whole.hex());
    more.add(std::string_view("\0", 1));
    CHECK(more.hex() != whole.hex());
    CHECK(depeche::LexiconDigest().hex() != more.hex());
    // Pinned: databases record this stamp, so a change to the digest must be
    // deliberate (every index then needs rebuilding).
    depeche::LexiconDigest pinned;
    pinned.add("places.tsv");
    CHECK(pinned.hex() == "faacfcb771274d27");
}

TEST_CASE("two canonical names with one key: the first in byte order is the surface", "[lexicon]") {
    const fs::path dir = scratch_copy("tie", {"places.tsv", "first_names.txt"});
    {
        std::ofstream f(dir / "aliases.tsv");
        f << "place\tSDN\tSaint-Deniz\tunit test\n"
          << "place\tSDZ\tSaint Deniz\tunit test\n"
          << "person\tObama\tBarack Obama\tunit test\n";
    }
    const Lexicons lex = depeche::load_lexicons(dir);
    CHECK(lex.places.at("sdn") == "Saint-Deniz");
    CHECK(lex.places.at("sdz") == "Saint Deniz");
    CHECK(lex.places.at("saint deniz") == "Saint Deniz");  // ' ' sorts before '-'
    CHECK(lex.persons.at("barack obama") == "Barack Obama");
    const Lexicons names = depeche::load_lexicons(dir, depeche::LexiconUse::names);
    CHECK(value_or(canonical_name(names, EntityKind::place, "Saint-Deniz"), "-") == "Saint Deniz");
    fs::remove_all(dir);
}

TEST_CASE("flat string tables find views, grow, and keep the first insert", "[lexicon]") {
    depeche::FlatStringMap<int> table;
    CHECK(table.find("absent") == nullptr);
    std::vector<std::string> keys;
    for (int i = 0; i < 5000; ++i) keys.push_back("mot " + std::to_string(i * 7919));
    keys.push_back("");
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const auto [value, inserted] = table.emplace(keys[i]);
        CHECK(inserted);
        *value = static_cast<int>(i);
    }
    CHECK_FALSE(table.emplace(keys[7]).second);
    CHECK(table.size() == keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
        // A view into a longer buffer: no terminating zero to rely on.
        const std::string padded = keys[i] + "XYZ";
        const int* value = table.find(std::string_view(padded).substr(0, keys[i].size()));
        REQUIRE(value);
        CHECK(*value == static_cast<int>(i));
    }
    CHECK(table.find("mot 1") == nullptr);
    CHECK(table.find("mot 7919X") == nullptr);
    std::size_t seen = 0;
    table.for_each([&](std::string_view, int) { ++seen; });
    CHECK(seen == keys.size());

    depeche::LexiconWordSet words;
    words.insert("philip");
    words.insert("philip");
    CHECK(words.size() == 1);
    const depeche::LexiconWordSet copy = words;  // shares the bytes
    words = depeche::LexiconWordSet();
    CHECK(copy.count(std::string("philip")) == 1);
    CHECK(copy.contains("philip"));
    CHECK_FALSE(copy.contains("phil"));
}

TEST_CASE("word lists folded in place keep every key and no line", "[lexicon]") {
    const fs::path dir = scratch_copy("in-place", {"places.tsv", "aliases.tsv"});
    {
        std::ofstream f(dir / "first_names.txt");
        // Keys shorter than, as long as and (Œ) no longer than their line;
        // a duplicate after folding; blanks and a comment.
        f << "JEAN-MARC\nÉlisabeth\r\n  ève  \nœdipe\nelisabeth\n# Commentaire\n\nzoé\nx\n";
    }
    const Lexicons lex = depeche::load_lexicons(dir);
    for (const char* key : {"jean marc", "elisabeth", "eve", "oedipe", "zoe", "x"}) {
        INFO(key);
        CHECK(lex.first_names.contains(key));
    }
    CHECK(lex.first_names.size() == 6);
    CHECK_FALSE(lex.first_names.contains("JEAN-MARC"));
    CHECK_FALSE(lex.first_names.contains("# commentaire"));
    fs::remove_all(dir);
}

TEST_CASE("the name index answers what the three maps answer", "[lexicon]") {
    const fs::path dir = real_lexicons_present() ? kReal : kMini;
    Lexicons loaded = depeche::load_lexicons(dir);
    const Lexicons lex = std::move(loaded);  // the index views the maps' nodes, which a move keeps
    std::size_t keys = 0;
    auto check_kind = [&](const std::unordered_map<std::string, std::string>& map,
                          const std::string* depeche::NameEntry::*kind) {
        for (const auto& [key, canonical] : map) {
            const depeche::NameEntry* e = lex.names.find(key);
            REQUIRE(e);
            CHECK(e->*kind == &canonical);
            // Each word prefix says that a longer name starts with it.
            for (std::size_t space = key.find(' '); space != std::string::npos; space = key.find(' ', space + 1)) {
                const depeche::NameEntry* prefix = lex.names.find(std::string_view(key).substr(0, space));
                REQUIRE(prefix);
                CHECK(prefix->continues);
            }
            ++keys;
        }
    };
    check_kind(lex.persons, &depeche::NameEntry::person);
    check_kind(lex.places, &depeche::NameEntry::place);
    check_kind(lex.orgs, &depeche::NameEntry::org);
    CHECK(keys > 10);
    // No entry names a kind its map lacks, and "continues" only when a
    // longer key of some map starts with the entry's key and a space.
    const depeche::NameEntry* london = lex.names.find("london");
    REQUIRE(london);
    CHECK(london->place);
    CHECK_FALSE(london->person);
    CHECK_FALSE(london->org);
    CHECK(lex.names.find("zzz pas un nom") == nullptr);
    const depeche::NameEntry* barack = lex.names.find("barack");
    REQUIRE(barack);
    CHECK(barack->continues);  // "barack obama"
    // Kinds of canonical places, as place_kinds gives them by folded key.
    for (const auto& [key, canonical] : lex.places) {
        const std::string* kind = nullptr;
        REQUIRE(lex.names.place_kind(canonical, kind));
        const auto it = lex.place_kinds.find(depeche::entity_key(canonical));
        CHECK(kind == (it == lex.place_kinds.end() ? nullptr : &it->second));
    }
    const std::string* unused = nullptr;
    CHECK_FALSE(lex.names.place_kind("Pas une ville", unused));
}
