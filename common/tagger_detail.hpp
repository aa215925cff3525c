#pragma once
// What tagger.cpp (labels, decoding, training, the model file) and
// tagger_features.cpp (feature extraction) share. Internal to the tagger.

#include <cstdint>
#include <string_view>

#include "tagger.hpp"

namespace depeche::tagger_detail {

constexpr int L = kTagLabels;

inline const char* const kLabelNames[L] = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG"};

// FNV-1a: feature hashes and the model file's checksum.
constexpr std::uint64_t kFnvOffset = 1469598103934665603ull;
constexpr std::uint64_t kFnvPrime = 1099511628211ull;

inline std::uint64_t fnv_bytes(std::uint64_t h, std::string_view s) {
    for (unsigned char c : s) {
        h ^= c;
        h *= kFnvPrime;
    }
    return h;
}

inline bool is_space_byte(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
}

}  // namespace depeche::tagger_detail
