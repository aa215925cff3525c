#pragma once
// Opening depeche databases: versions checked, errors in one clear line.

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace depeche {

/// A failure that stops the run (missing, locked or incompatible database):
/// `main` prints its message and exits 1.
struct SetupError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The versions a database was built with.
struct BuildVersions {
    std::string schema;
    std::string analyser;
    std::string lexicons;
};

/// The versions this binary builds with, `lexicons` being Lexicons::version.
BuildVersions current_versions(const std::string& lexicons);

/// Opens (creating when absent) the database at `path` for writing. A new
/// database records `versions`; an existing one must have been built with
/// the same ones. Throws SetupError naming the database and the cause
/// (locked by another writer, incompatible versions, unreadable).
Xapian::WritableDatabase open_for_writing(const std::string& path, const BuildVersions& versions);

/// Opens every database of `paths` (folders or stub files) as one. Each must
/// exist and have been built with `versions`. Throws SetupError otherwise.
Xapian::Database open_for_reading(const std::vector<std::string>& paths, const BuildVersions& versions);

/// Records `versions` in the metadata of `db` (before its first commit).
void record_versions(Xapian::WritableDatabase& db, const BuildVersions& versions);

}  // namespace depeche
