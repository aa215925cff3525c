#pragma once
// Opening depeche databases: versions checked, errors in one clear line.

#include <xapian.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace depeche {

class FacetColumn;

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

/// Opens every database of `paths` (folders, stub files or tcp://HOST:PORT)
/// as one. Each must exist and have been built with `versions`. Throws
/// SetupError otherwise.
Xapian::Database open_for_reading(const std::vector<std::string>& paths, const BuildVersions& versions);

/// The databases one search reads, opened as one, and kept readable while
/// index jobs commit and servers come and go.
class Archive {
public:
    /// Opens `paths` like open_for_reading. With `allow_partial`, a database
    /// that cannot be reached (a folder that is missing or unreadable, a
    /// server that does not answer, one line of a stub file) is left out
    /// and listed by missing() instead of stopping the search; a database
    /// built by another version still stops it.
    Archive(std::vector<std::string> paths, BuildVersions versions, bool allow_partial);

    const Xapian::Database& db() const { return db_; }
    /// The facet column (facet_column.hpp) of the database as db() reads it
    /// now, or null: there is one only when the archive is one local folder
    /// whose column is in step with it (FacetColumn::in_step_with). The file
    /// is read again when it is not, so a column rebuilt or a reopen is
    /// seen. Call it inside read(), after any reopen.
    std::shared_ptr<const FacetColumn> facet_column();
    /// Why facet_column() gave none the last time (empty when it gave one).
    const std::string& facet_column_note() const { return column_note_; }
    /// What to tell the user after facet_column() gave none: empty, unless
    /// the archive is one local folder whose column is missing or cannot be
    /// used (written by another version of depeche, truncated, damaged);
    /// then why, and the command that rewrites it. Not for a column that is
    /// only stale (a commit since it was written, as while an index job
    /// runs: the job writes it again when it ends).
    const std::string& facet_column_advice() const { return column_advice_; }

    /// The databases left out, each "NAME: why".
    const std::vector<std::string>& missing() const { return missing_; }

    /// Runs `read(db())` and returns what it returns. When an index job's
    /// commits overwrote what the read needed (DatabaseModifiedError), the
    /// databases are reopened at their last commit and the read runs again.
    /// When a server stops answering, the read runs again without it if
    /// partial results are allowed; otherwise a SetupError names it.
    template <typename Read>
    auto read(Read read) {
        for (int attempt = 1;; ++attempt) {
            try {
                return read(static_cast<const Xapian::Database&>(db_));
            } catch (const Xapian::DatabaseModifiedError&) {
                if (attempt >= kAttempts) throw;
                db_.reopen();
            } catch (const Xapian::NetworkError& e) {
                if (attempt >= kAttempts) throw;
                recover(e);
            }
        }
    }

    static constexpr int kAttempts = 5;

private:
    void open();
    void recover(const Xapian::NetworkError& error);

    std::vector<std::string> paths_;
    BuildVersions versions_;
    bool allow_partial_;
    Xapian::Database db_;
    std::vector<std::string> missing_;
    std::shared_ptr<const FacetColumn> column_;
    std::string column_note_;
    std::string column_advice_;
};

/// Records `versions` in the metadata of `db` (before its first commit).
void record_versions(Xapian::WritableDatabase& db, const BuildVersions& versions);

}  // namespace depeche
