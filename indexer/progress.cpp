#include "progress.hpp"

#include <algorithm>
#include <cmath>
#include <string>

namespace depeche {

std::string format_duration(double seconds) {
    const long s = std::lround(std::max(0.0, seconds));
    char buf[48];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%ld h %02ld min", s / 3600, s % 3600 / 60);
    else if (s >= 60)
        std::snprintf(buf, sizeof buf, "%ld min %02ld s", s / 60, s % 60);
    else
        std::snprintf(buf, sizeof buf, "%ld s", s);
    return buf;
}

std::string progress_line(const IndexReport& so_far, std::optional<std::uintmax_t> total_bytes) {
    const double seconds = std::max(so_far.seconds, 1e-6);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%zu dispatches, %.0f/s, %.2f MB/s", so_far.written(), so_far.written() / seconds,
                  so_far.bytes / seconds / 1e6);
    std::string line = buf;
    if (so_far.rejected) line += ", " + std::to_string(so_far.rejected) + " rejected";
    // Title and text bytes against file bytes: the share done is a little low
    // (line prefixes, JSON keys), never over 99% before the end.
    if (total_bytes && *total_bytes > 0 && so_far.bytes > 0) {
        const double done = std::min(0.99, static_cast<double>(so_far.bytes) / static_cast<double>(*total_bytes));
        std::snprintf(buf, sizeof buf, ", %.0f%%, ETA %s", done * 100,
                      format_duration(so_far.seconds * (1 - done) / done).c_str());
        line += buf;
    }
    return line;
}

Progress::Progress(std::optional<std::uintmax_t> total_bytes, std::FILE* out) : total_(total_bytes), out_(out) {}

void Progress::update(const IndexReport& so_far) {
    const auto now = std::chrono::steady_clock::now();
    if (shown_ && now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    shown_ = true;
    std::fprintf(out_, "\rdepeche-index: %s\x1b[K", progress_line(so_far, total_).c_str());
    std::fflush(out_);
}

void Progress::clear() {
    if (!shown_) return;
    std::fprintf(out_, "\r\x1b[K");
    std::fflush(out_);
    shown_ = false;
}

}  // namespace depeche
