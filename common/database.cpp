#include "database.hpp"

#include <filesystem>
#include <fstream>

#include "analyzer.hpp"
#include "facet_column.hpp"
#include "schema.hpp"

namespace depeche {
namespace {

// A database that cannot be reached (missing, unreadable, a server that does
// not answer), as opposed to one that opens but cannot be used.
struct Unreachable : SetupError {
    using SetupError::SetupError;
};

std::string describe(const BuildVersions& v) {
    return "schema " + v.schema + ", analyser " + v.analyser + ", lexicons " + v.lexicons;
}

BuildVersions versions_of(const Xapian::Database& db) {
    return {db.get_metadata(schema::kSchemaKey), db.get_metadata(schema::kAnalyserKey),
            db.get_metadata(schema::kLexiconsKey)};
}

// Empty metadata with no document is a database still being created.
void check_versions(const Xapian::Database& db, const std::string& path, const BuildVersions& expected) {
    const BuildVersions found = versions_of(db);
    if (found.schema.empty()) {
        if (db.get_doccount() == 0) return;
        throw SetupError(path + ": not a depeche database (no version recorded)");
    }
    if (found.schema != expected.schema || found.analyser != expected.analyser || found.lexicons != expected.lexicons)
        throw SetupError(path + ": built with " + describe(found) + " but this depeche has " + describe(expected) +
                         ": reindex it with depeche-index into a new folder");
}

// "tcp://HOST:PORT": a database served by Xapian's xapian-tcpsrv.
Xapian::Database open_remote(const std::string& address) {
    const std::string rest = address.substr(6);
    const auto colon = rest.rfind(':');
    unsigned port = 0;
    if (colon != std::string::npos && colon > 0) {
        try {
            port = static_cast<unsigned>(std::stoul(rest.substr(colon + 1)));
        } catch (const std::exception&) {
            port = 0;
        }
    }
    if (port == 0 || port > 65535) throw SetupError(address + ": expected tcp://HOST:PORT");
    try {
        return Xapian::Remote::open(rest.substr(0, colon), port, 10000, 10000);
    } catch (const Xapian::Error& e) {
        throw Unreachable(address + ": cannot reach the xapian-tcpsrv server: " + e.get_msg());
    }
}

void open_stub_lines(const std::string& stub, const BuildVersions& versions, Xapian::Database& all,
                     std::vector<std::string>& missing);

// One database: a folder, a stub file or tcp://HOST:PORT, versions checked.
Xapian::Database open_one(const std::string& path, const BuildVersions& versions) {
    if (path.rfind("tcp://", 0) == 0) {
        Xapian::Database db = open_remote(path);
        check_versions(db, path, versions);
        return db;
    }
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
        throw Unreachable(path + ": no such database (build one with depeche-index --db " + path + ")");
    try {
        Xapian::Database db(path);
        check_versions(db, path, versions);
        return db;
    } catch (const Xapian::DatabaseError& e) {
        throw Unreachable(path + ": cannot open the database: " + e.get_msg());
    } catch (const Xapian::NetworkError& e) {
        // A stub file naming a server that does not answer: name that server.
        Xapian::Database ignored;
        std::vector<std::string> missing;
        open_stub_lines(path, versions, ignored, missing);
        throw Unreachable(missing.empty() ? path + ": cannot reach a server it names: " + e.get_msg()
                                          : missing.front());
    }
}

// The lines of a Xapian stub database file ("auto PATH", "remote HOST:PORT",
// "remote :PROGRAM ARGS", ...), each opened on its own so that one server
// down leaves out that server only. Paths are relative to the stub's folder,
// as Xapian reads them.
void open_stub_lines(const std::string& stub, const BuildVersions& versions, Xapian::Database& all,
                     std::vector<std::string>& missing) {
    std::ifstream in(stub);
    if (!in) {
        missing.push_back(stub + ": cannot read the stub file");
        return;
    }
    const std::filesystem::path folder = std::filesystem::path(stub).parent_path();
    std::size_t number = 0;
    for (std::string line; std::getline(in, line);) {
        ++number;
        const auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        const auto space = line.find(' ', start);
        const std::string type = line.substr(start, space == std::string::npos ? std::string::npos : space - start);
        const std::string rest = space == std::string::npos ? "" : line.substr(space + 1);
        const std::string name = stub + ":" + std::to_string(number) + " (" + line.substr(start) + ")";
        try {
            Xapian::Database db;
            if (type == "remote" && !rest.empty() && rest[0] == ':') {
                const auto gap = rest.find(' ');
                db = Xapian::Remote::open(rest.substr(1, gap == std::string::npos ? gap : gap - 1),
                                          gap == std::string::npos ? "" : rest.substr(gap + 1));
            } else if (type == "remote") {
                try {
                    db = open_remote("tcp://" + rest);
                } catch (const Unreachable&) {
                    throw Xapian::NetworkError("cannot reach the xapian-tcpsrv server");
                }
            } else {
                const std::filesystem::path target(rest);
                db = Xapian::Database((target.is_absolute() ? target : folder / target).string());
            }
            check_versions(db, name, versions);
            all.add_database(db);
        } catch (const Unreachable& e) {
            missing.push_back(name + ": " + e.what());
        } catch (const Xapian::DatabaseError& e) {
            missing.push_back(name + ": " + e.get_msg());
        } catch (const Xapian::NetworkError& e) {
            missing.push_back(name + ": " + e.get_msg());
        }
    }
}

}  // namespace

BuildVersions current_versions(const std::string& lexicons) {
    return {std::to_string(schema::version), std::to_string(analyser_version), lexicons};
}

void record_versions(Xapian::WritableDatabase& db, const BuildVersions& versions) {
    db.set_metadata(schema::kSchemaKey, versions.schema);
    db.set_metadata(schema::kAnalyserKey, versions.analyser);
    db.set_metadata(schema::kLexiconsKey, versions.lexicons);
}

Xapian::WritableDatabase open_for_writing(const std::string& path, const BuildVersions& versions) {
    try {
        Xapian::WritableDatabase db(path, Xapian::DB_CREATE_OR_OPEN);
        check_versions(db, path, versions);
        if (versions_of(db).schema.empty()) record_versions(db, versions);
        return db;
    } catch (const Xapian::DatabaseLockError&) {
        throw SetupError(path + ": locked by another writer (another depeche-index is running on it; lock file " +
                         (std::filesystem::path(path) / "flintlock").string() + ")");
    } catch (const Xapian::Error& e) {
        throw SetupError(path + ": cannot open for writing: " + e.get_msg());
    }
}

Xapian::Database open_for_reading(const std::vector<std::string>& paths, const BuildVersions& versions) {
    Xapian::Database all;
    for (const auto& path : paths) all.add_database(open_one(path, versions));
    return all;
}

Archive::Archive(std::vector<std::string> paths, BuildVersions versions, bool allow_partial)
    : paths_(std::move(paths)), versions_(std::move(versions)), allow_partial_(allow_partial) {
    open();
}

void Archive::open() {
    if (!allow_partial_) {
        db_ = open_for_reading(paths_, versions_);
        return;
    }
    db_ = Xapian::Database();
    missing_.clear();
    for (const auto& path : paths_) {
        std::error_code ec;
        if (path.rfind("tcp://", 0) != 0 && std::filesystem::is_regular_file(path, ec)) {
            open_stub_lines(path, versions_, db_, missing_);
            continue;
        }
        try {
            db_.add_database(open_one(path, versions_));
        } catch (const Unreachable& e) {
            missing_.push_back(e.what());
        }
    }
    if (db_.size() == 0) {
        std::string why;
        for (const auto& m : missing_) why += (why.empty() ? "" : "; ") + m;
        throw SetupError("no database could be reached: " + why);
    }
}

std::shared_ptr<const FacetColumn> Archive::facet_column() {
    std::error_code ec;
    if (paths_.size() != 1 || db_.size() != 1 || !std::filesystem::is_directory(paths_.front(), ec)) {
        column_note_ = "no facet column: the archive is not one local database folder";
        column_advice_.clear();
        return nullptr;
    }
    if (column_ && column_->in_step_with(db_)) return column_;
    column_advice_.clear();
    column_ = FacetColumn::open(paths_.front(), column_note_);
    if (!column_) {
        column_advice_ = column_note_ + ": facets are counted without it, more slowly; `depeche-index --db " +
                         paths_.front() + " --facet-column` writes it";
    } else if (!column_->in_step_with(db_)) {
        column_note_ = paths_.front() + ": the facet column is stale (written before the last commit)";
        column_.reset();
    }
    if (column_) column_note_.clear();
    return column_;
}

void Archive::recover(const Xapian::NetworkError& error) {
    // Which database stopped answering? Opening each again tells.
    const std::size_t before = missing_.size();
    const bool allow_partial = allow_partial_;
    allow_partial_ = true;
    try {
        open();
    } catch (const SetupError&) {
        allow_partial_ = allow_partial;
        throw SetupError("every database stopped answering during the search: " + error.get_msg());
    }
    allow_partial_ = allow_partial;
    if (missing_.size() == before)
        throw SetupError("a database stopped answering during the search: " + error.get_msg());
    if (!allow_partial_) throw SetupError(missing_.back() + " (it stopped answering during the search)");
}

}  // namespace depeche
