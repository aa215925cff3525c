#pragma once
// The lexicons the recognisers and the searcher load from corpus/lexicons/.
// File formats are described in corpus/lexicons/README.md.

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entity.hpp"
#include "lexicon_lookup.hpp"

namespace depeche {

/// The name files of a names-only load, parsed on first use (lexicon.cpp).
struct NameFiles;

/// Everything loaded from a lexicon folder. Immutable once loaded; safe to
/// share between threads.
struct Lexicons {
    /// entity_key(surface form) -> canonical display name, per kind
    /// ("london" -> "Londres", "daech" -> "État islamique"). Empty after a
    /// names-only load, which defers them (see `deferred_names`).
    std::unordered_map<std::string, std::string> places;
    std::unordered_map<std::string, std::string> orgs;
    std::unordered_map<std::string, std::string> persons;
    /// entity_key(canonical place) -> kind of place ("country", "city", ...)
    std::unordered_map<std::string, std::string> place_kinds;
    /// Folded first names ("philip", "jean-marc" as "jean marc").
    LexiconWordSet first_names;
    /// Folded surnames known to the packages.
    LexiconWordSet surnames;
    /// Folded lower-case French common words (to tell "Les" from a name).
    LexiconWordSet common_words;
    /// places, orgs, persons and place_kinds as the recogniser asks them:
    /// one look-up per key for every kind, string_view keys. Filled by a
    /// recognition load; index_names refills it after the maps are changed
    /// by hand. It views the maps' nodes, hence Lexicons moves, never copies.
    NameIndex names;
    /// A digest of every file of the folder (names, sizes, bytes): databases
    /// record it. The same for both uses of load_lexicons.
    std::string version;
    /// Set by a names-only load: the bytes of the name files, each kind's
    /// name map parsed the first time canonical_name needs that kind
    /// (thread-safe), so that a search naming no person, place or
    /// organisation parses nothing, and one naming a person or an
    /// organisation does not parse the places' gazetteer.
    std::shared_ptr<const NameFiles> deferred_names;
};

/// What a lexicon load is for: recognition needs every list; resolving the
/// names users type (the searcher) needs only canonical_name, which a names-
/// only load serves from name maps it parses on first use; it skips the word
/// lists (first names, surnames, common words), the bulk of the load, and
/// only digests their bytes for `version`.
enum class LexiconUse { recognition, names };

/// Loads the lexicon files of `dir` (`version` always covers every file, and
/// every file is read at once, whatever `use`).
/// Throws std::runtime_error naming the file when the folder or a required
/// file is missing or unreadable.
Lexicons load_lexicons(const std::filesystem::path& dir, LexiconUse use = LexiconUse::recognition);

/// (Re)builds `lexicons.names` from the name maps and place kinds.
void index_names(Lexicons& lexicons);

/// The lexicon folder to use: `explicit_dir` when not empty, else
/// $DEPECHE_LEXICONS, else <dir of the running binary>/../share/depeche/lexicons,
/// else the source tree's corpus/lexicons. Throws when none exists.
std::filesystem::path find_lexicon_dir(const std::string& explicit_dir);

/// The canonical name a user means by `typed` for `kind` ("obama" -> "Barack
/// Obama", "London" -> "Londres"), from the lexicons only; nullopt when they
/// do not know it. The same answers after either use of load_lexicons.
std::optional<std::string> canonical_name(const Lexicons& lexicons, EntityKind kind, std::string_view typed);

}  // namespace depeche
