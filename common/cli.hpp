#pragma once
// What every depeche binary shares at its top: one exit-code table and the
// one place where exceptions become a line on stderr.

#include <xapian.h>
#include <boost/program_options.hpp>

#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <optional>
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
    kExitRejected = 3,  ///< the run completed but set records aside, or searched only part of the archive
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

/// Parses a command line: `options`, --help and --version, and every other
/// argument into the repeatable option named `positional`. For --help prints
/// `usage`, the options and `footer`; for --version prints `version`; both
/// return nullopt (exit 0). Throws UsageError on a bad command line.
/// Only the three main.cpp files include this header: Boost stops there.
inline std::optional<boost::program_options::variables_map> parse_command_line(
    int argc, char** argv, boost::program_options::options_description& options, const char* positional,
    const char* usage, const char* footer, const char* version) {
    namespace po = boost::program_options;
    options.add_options()("help,h", "print this help and exit")("version", "print the version and exit");
    po::options_description hidden;
    hidden.add_options()(positional, po::value<std::vector<std::string>>());
    po::options_description all;
    all.add(options).add(hidden);
    po::positional_options_description positionals;
    positionals.add(positional, -1);
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positionals).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        throw UsageError(e.what());
    }
    if (vm.count("help")) {
        std::cout << usage << options << footer;
        return std::nullopt;
    }
    if (vm.count("version")) {
        std::cout << version << '\n';
        return std::nullopt;
    }
    return vm;
}

/// The database folder used when --db is not given: $DEPECHE_DB, else
/// "depeche-db" in the current folder.
inline std::string default_database() {
    const char* env = std::getenv("DEPECHE_DB");
    return env && *env ? env : "depeche-db";
}

}  // namespace depeche
