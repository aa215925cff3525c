#pragma once
// The lexicons the recognisers and the searcher load from corpus/lexicons/.
// File formats are described in corpus/lexicons/README.md.

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "entity.hpp"

namespace depeche {

/// Everything loaded from a lexicon folder. Immutable once loaded; safe to
/// share between threads.
struct Lexicons {
    /// entity_key(surface form) -> canonical display name, per kind
    /// ("london" -> "Londres", "daech" -> "État islamique").
    std::unordered_map<std::string, std::string> places;
    std::unordered_map<std::string, std::string> orgs;
    std::unordered_map<std::string, std::string> persons;
    /// entity_key(canonical place) -> kind of place ("country", "city", ...)
    std::unordered_map<std::string, std::string> place_kinds;
    /// Folded first names ("philip", "jean-marc" as "jean marc").
    std::unordered_set<std::string> first_names;
    /// Folded surnames known to the packages.
    std::unordered_set<std::string> surnames;
    /// Folded lower-case French common words (to tell "Les" from a name).
    std::unordered_set<std::string> common_words;
    /// A digest of every file read: databases record it.
    std::string version;
};

/// What a lexicon load is for: recognition needs every list; resolving the
/// names users type (the searcher) needs only the name maps, and skips the
/// word lists (first names, surnames, common words), the bulk of the load.
enum class LexiconUse { recognition, names };

/// Loads the lexicon files of `dir` (`version` always covers every file).
/// Throws std::runtime_error naming the file when the folder or a required
/// file is missing or unreadable.
Lexicons load_lexicons(const std::filesystem::path& dir, LexiconUse use = LexiconUse::recognition);

/// The lexicon folder to use: `explicit_dir` when not empty, else
/// $DEPECHE_LEXICONS, else <dir of the running binary>/../share/depeche/lexicons,
/// else the source tree's corpus/lexicons. Throws when none exists.
std::filesystem::path find_lexicon_dir(const std::string& explicit_dir);

/// The canonical name a user means by `typed` for `kind` ("obama" -> "Barack
/// Obama", "London" -> "Londres"), from the lexicons only; nullopt when they
/// do not know it.
std::optional<std::string> canonical_name(const Lexicons& lexicons, EntityKind kind, std::string_view typed);

}  // namespace depeche
