#include "database.hpp"

#include <filesystem>

#include "analyzer.hpp"
#include "schema.hpp"

namespace depeche {
namespace {

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
        throw SetupError(address + ": cannot reach the xapian-tcpsrv server: " + e.get_msg());
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
    for (const auto& path : paths) {
        if (path.rfind("tcp://", 0) == 0) {
            Xapian::Database db = open_remote(path);
            check_versions(db, path, versions);
            all.add_database(db);
            continue;
        }
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            throw SetupError(path + ": no such database (build one with depeche-index --db " + path + ")");
        try {
            Xapian::Database db(path);
            check_versions(db, path, versions);
            all.add_database(db);
        } catch (const Xapian::DatabaseError& e) {
            throw SetupError(path + ": cannot open the database: " + e.get_msg());
        }
    }
    return all;
}

}  // namespace depeche
