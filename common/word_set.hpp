#pragma once
// A fixed set of short words (views) for the closed word lists that are asked
// about nearly every token: the stop words, the recogniser's cue lists.
// Nearly every token is in no such list, so most answers come without
// hashing: a word can only be a member when some member has its first byte and
// its length, and some member its last byte and its length (a bit per length
// modulo 32: the filter only ever lets through more words, never fewer). The
// words that pass are hashed on their length and three bytes into an
// open-addressing table, where std::unordered_set hashed the whole word
// (Murmur, a call) and walked a bucket list: about 100 instructions a test.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace depeche {

class ShortWordSet {
public:
    /// Adds `w` (a view: its bytes must outlive the set); a word already in is
    /// not added twice.
    void insert(std::string_view w) {
        if (count(w)) return;
        words_.push_back(w);
        by_first_[first(w)] |= length_bit(w.size());
        by_last_[last(w)] |= length_bit(w.size());
        if (2 * words_.size() > slots_.size()) {
            rehash(slots_.empty() ? 16 : 2 * slots_.size());
        } else {
            place(words_.size() - 1);
        }
    }

    /// 1 when `w` is a member, else 0.
    std::size_t count(std::string_view w) const {
        const std::uint32_t bit = length_bit(w.size());
        if (!(by_first_[first(w)] & bit) || !(by_last_[last(w)] & bit)) return 0;
        for (std::size_t slot = hash(w) & mask_;; slot = (slot + 1) & mask_) {
            const std::uint32_t index = slots_[slot];
            if (index == 0) return 0;
            if (equal(words_[index - 1], w)) return 1;
        }
    }

    std::size_t size() const { return words_.size(); }
    /// The members, in the order they were first inserted.
    auto begin() const { return words_.begin(); }
    auto end() const { return words_.end(); }

private:
    static std::uint32_t length_bit(std::size_t n) { return std::uint32_t{1} << (n & 31); }
    static unsigned char first(std::string_view w) { return w.empty() ? 0 : static_cast<unsigned char>(w.front()); }
    static unsigned char last(std::string_view w) { return w.empty() ? 0 : static_cast<unsigned char>(w.back()); }

    // The length and the first, middle and last bytes: the words of one list
    // seldom share all four, and the table is at most half full.
    static std::size_t hash(std::string_view w) {
        const std::size_t n = w.size();
        if (n == 0) return 0;
        const auto byte = [&](std::size_t k) { return static_cast<std::size_t>(static_cast<unsigned char>(w[k])); };
        return (((byte(0) * 31 + byte(n / 2)) * 31 + byte(n - 1) + n * 0x9E3779B1u) * 0x9E3779B1u) >> 7;
    }

    // Words of a dozen bytes: a loop is cheaper than a call to memcmp.
    static bool equal(std::string_view a, std::string_view b) {
        if (a.size() != b.size()) return false;
        for (std::size_t k = 0; k < a.size(); ++k)
            if (a[k] != b[k]) return false;
        return true;
    }

    void place(std::size_t index) {
        std::size_t slot = hash(words_[index]) & mask_;
        while (slots_[slot] != 0) slot = (slot + 1) & mask_;
        slots_[slot] = static_cast<std::uint32_t>(index + 1);
    }

    void rehash(std::size_t slots) {
        slots_.assign(slots, 0);
        mask_ = slots - 1;
        for (std::size_t i = 0; i < words_.size(); ++i) place(i);
    }

    std::vector<std::string_view> words_;
    std::vector<std::uint32_t> slots_;  // index + 1 into words_, 0 when free
    std::size_t mask_ = 0;
    std::array<std::uint32_t, 256> by_first_{};
    std::array<std::uint32_t, 256> by_last_{};
};

}  // namespace depeche
