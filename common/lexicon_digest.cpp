#include "lexicon_digest.hpp"

#include <cstdio>
#include <cstring>

namespace depeche {
namespace {

// Odd multipliers with well-spread bits (the 64-bit golden ratio and a
// prime-like mixer): an odd multiplier is a bijection modulo 2^64.
constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
constexpr std::uint64_t kMix = 0xD6E8FEB86659FD93ULL;

inline std::uint64_t rotl(std::uint64_t x, int r) {
    return (x << r) | (x >> (64 - r));
}

// Little-endian whatever the machine, so that a stamp recorded on one
// platform is the stamp computed on another; compilers turn this into one
// load on little-endian machines.
inline std::uint64_t load_le(const unsigned char* p) {
    return static_cast<std::uint64_t>(p[0]) | static_cast<std::uint64_t>(p[1]) << 8 |
           static_cast<std::uint64_t>(p[2]) << 16 | static_cast<std::uint64_t>(p[3]) << 24 |
           static_cast<std::uint64_t>(p[4]) << 32 | static_cast<std::uint64_t>(p[5]) << 40 |
           static_cast<std::uint64_t>(p[6]) << 48 | static_cast<std::uint64_t>(p[7]) << 56;
}

// One word into one lane. Each of the three steps is a bijection of the lane
// for a given word and of the word for a given lane, so two streams that
// differ in any block leave different lanes (until the final fold to 64 bits).
inline std::uint64_t step(std::uint64_t lane, std::uint64_t word) {
    return rotl((lane ^ word) * kMul, 31);
}

}  // namespace

LexiconDigest::LexiconDigest()
    : lanes_{0x243F6A8885A308D3ULL, 0x13198A2E03707344ULL, 0xA4093822299F31D0ULL, 0x082EFA98EC4E6C89ULL} {}

void LexiconDigest::add_blocks(const unsigned char* p, std::size_t blocks) {
    std::uint64_t a = lanes_[0], b = lanes_[1], c = lanes_[2], d = lanes_[3];
    for (std::size_t i = 0; i < blocks; ++i, p += kBlock) {
        a = step(a, load_le(p));
        b = step(b, load_le(p + 8));
        c = step(c, load_le(p + 16));
        d = step(d, load_le(p + 24));
    }
    lanes_[0] = a, lanes_[1] = b, lanes_[2] = c, lanes_[3] = d;
}

void LexiconDigest::add(std::string_view bytes) {
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    std::size_t n = bytes.size();
    length_ += n;
    if (pending_size_ > 0) {
        const std::size_t take = n < kBlock - pending_size_ ? n : kBlock - pending_size_;
        std::memcpy(pending_ + pending_size_, p, take);
        pending_size_ += take;
        p += take;
        n -= take;
        if (pending_size_ < kBlock) return;
        add_blocks(pending_, 1);
        pending_size_ = 0;
    }
    add_blocks(p, n / kBlock);
    std::memcpy(pending_, p + n / kBlock * kBlock, n % kBlock);
    pending_size_ = n % kBlock;
}

std::string LexiconDigest::hex() const {
    LexiconDigest last = *this;
    if (last.pending_size_ > 0) {
        // Zero padding is unambiguous: the length goes into the result.
        std::memset(last.pending_ + last.pending_size_, 0, kBlock - last.pending_size_);
        last.add_blocks(last.pending_, 1);
    }
    std::uint64_t h = length_ * kMix;
    for (std::uint64_t lane : last.lanes_) h = rotl((h ^ lane) * kMix, 29) + kMul;
    h ^= h >> 32;
    h *= kMul;
    h ^= h >> 29;
    h *= kMix;
    h ^= h >> 32;
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

}  // namespace depeche
