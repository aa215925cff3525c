#pragma once
// The progress line of a long index job on a terminal: count, rate, share
// done and time left, redrawn in place a few times a second.

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

#include "indexer.hpp"

namespace depeche {

class Progress {
public:
    /// `total_bytes`: what the inputs hold (nullopt: unknown, no ETA).
    /// Writes to `out`, which must be a terminal.
    Progress(std::optional<std::uintmax_t> total_bytes, std::FILE* out);
    /// Redraws the line from the run's figures, at most every 250 ms.
    void update(const IndexReport& so_far);
    /// Erases the line, so that a message can be printed in its place.
    void clear();

private:
    std::optional<std::uintmax_t> total_;
    std::FILE* out_;
    std::chrono::steady_clock::time_point last_{};
    bool shown_ = false;
};

/// "1 h 02 min", "3 min 05 s", "42 s".
std::string format_duration(double seconds);

/// The line Progress draws, without the terminal codes.
std::string progress_line(const IndexReport& so_far, std::optional<std::uintmax_t> total_bytes);

}  // namespace depeche
