#pragma once
// What the benchmark programs share: reading a JSON Lines file (the query set
// that bench/queries.py writes), one parsed object per non-empty line.

#include <nlohmann/json.hpp>

#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace depeche::bench {

inline std::vector<nlohmann::json> read_json_lines(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + path);
    std::vector<nlohmann::json> out;
    for (std::string line; std::getline(in, line);)
        if (!line.empty()) out.push_back(nlohmann::json::parse(line));
    return out;
}

}  // namespace depeche::bench
