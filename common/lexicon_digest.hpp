#pragma once
// The version stamp of a lexicon folder (Lexicons::version): a 64-bit digest
// of every file's name, size and bytes, which databases record so that a
// binary refuses a database recognised with other lexicons.
//
// Every process that opens a database digests the whole folder, common word
// list included (4 MB), so the digest must cost far less than parsing: it
// takes the bytes eight at a time in four independent lanes (the multiplies of
// one lane do not wait for the others), about half an instruction a byte where
// a byte-at-a-time hash (FNV-1a, used before) needs four and waits on a
// multiply for each byte.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace depeche {

/// A streaming digest: the same bytes give the same hex() whatever the cut
/// into add() calls, on every platform (words are read little-endian).
/// Not a security digest: it tells lexicon folders apart.
class LexiconDigest {
public:
    LexiconDigest();
    /// Appends `bytes` to the digested stream.
    void add(std::string_view bytes);
    /// The digest of everything added so far, 16 lower-case hex digits.
    /// Does not change the state: more bytes may follow.
    std::string hex() const;

private:
    void add_blocks(const unsigned char* p, std::size_t blocks);

    static constexpr std::size_t kBlock = 32;  // four lanes of eight bytes
    std::uint64_t lanes_[4];
    std::uint64_t length_ = 0;
    unsigned char pending_[kBlock];  // the start of an incomplete block
    std::size_t pending_size_ = 0;
};

}  // namespace depeche
