#pragma once
// A database of corpus/sample built once per test binary, in a temporary folder.

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "indexer.hpp"
#include "lexicon.hpp"

namespace depeche::testing {

inline const Lexicons& lexicons() {
    static const Lexicons lex = load_lexicons(DEPECHE_SOURCE_DIR "/corpus/lexicons");
    return lex;
}

/// Removes the folders it was given when the test binary exits.
struct Cleanup {
    std::vector<std::string> paths;
    ~Cleanup() {
        std::error_code ec;
        for (const auto& p : paths) std::filesystem::remove_all(p, ec);
    }
};

/// A fresh temporary folder name (not created), removed when the test binary exits.
inline std::string temp_path(const std::string& stem) {
    static Cleanup cleanup;
    std::string path =
        (std::filesystem::temp_directory_path() / (stem + "-" + std::to_string(std::random_device{}()))).string();
    cleanup.paths.push_back(path);
    return path;
}

/// Indexes `inputs` into a new database folder and returns its path.
inline std::string build_database(const std::vector<std::string>& inputs, const std::string& stem = "depeche-test") {
    IndexOptions options;
    options.read.inputs = inputs;
    options.database = temp_path(stem);
    run_index(
        options, lexicons(), [](const Reject&) {}, [](const std::string&) {});
    return options.database;
}

/// corpus/sample, indexed once.
inline const std::string& corpus_database() {
    static const std::string path = build_database({DEPECHE_SOURCE_DIR "/corpus/sample"}, "depeche-corpus");
    return path;
}

}  // namespace depeche::testing
