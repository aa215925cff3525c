#pragma once
// What every depeche binary shares at its top: one exit-code table and the
// one place where exceptions become a line on stderr.

#include <xapian.h>

#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "database.hpp"
#include "query.hpp"

namespace depeche {

/// The exit codes of every depeche binary.
enum ExitCode : int {
    kExitOk = 0,        ///< done (zero hits included)
    kExitFailure = 1,   ///< database missing, locked or unreadable; lexicons missing; I/O error
    kExitUsage = 2,     ///< usage error, malformed query or impossible date
    kExitRejected = 3,  ///< the run completed but set records aside
};

/// A bad command line: printed with a hint to --help, exit 2.
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// Runs `body` and turns what it throws into one line on stderr and an exit
/// code; returns what `body` returns otherwise.
template <typename Body>
int guarded_main(const char* program, Body body) {
    auto fail = [program](const std::string& what, int code) {
        std::fprintf(stderr, "%s: %s\n", program, what.c_str());
        return code;
    };
    try {
        return body();
    } catch (const UsageError& e) {
        return fail(std::string(e.what()) + " (see " + program + " --help)", kExitUsage);
    } catch (const QueryError& e) {
        return fail(e.what(), kExitUsage);
    } catch (const SetupError& e) {
        return fail(e.what(), kExitFailure);
    } catch (const Xapian::DatabaseModifiedError& e) {
        return fail("the database changed while it was read, try again: " + e.get_msg(), kExitFailure);
    } catch (const Xapian::Error& e) {
        return fail(e.get_type() + std::string(": ") + e.get_msg(), kExitFailure);
    } catch (const std::exception& e) {
        return fail(e.what(), kExitFailure);
    }
}

/// The database folder used when --db is not given: $DEPECHE_DB, else
/// "depeche-db" in the current folder.
inline std::string default_database() {
    const char* env = std::getenv("DEPECHE_DB");
    return env && *env ? env : "depeche-db";
}

}  // namespace depeche
