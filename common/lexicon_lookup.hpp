#pragma once
// The look-up tables of Lexicons (lexicon.hpp): flat open-addressing hash
// tables keyed by string_views. C++17's unordered containers cannot look up a
// string_view without building a std::string, and allocate one node per
// entry: the 350k common words cost as many allocations at every start.

#include <cstdint>
#include <cstring>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace depeche {

struct Lexicons;
void index_names(Lexicons& lexicons);

/// A 64-bit hash of `s`, eight bytes at a time (keys are short words). The
/// tail is read with fixed-size loads that may overlap bytes already mixed
/// in: a copy of a variable length would call memcpy.
inline std::uint64_t lexicon_hash(std::string_view s) {
    constexpr std::uint64_t kMul1 = 0xBF58476D1CE4E5B9ULL, kMul2 = 0x94D049BB133111EBULL;
    std::uint64_t h = 0x9E3779B97F4A7C15ULL ^ s.size();
    const char* p = s.data();
    const std::size_t size = s.size();
    auto load8 = [](const char* at) {
        std::uint64_t w;
        std::memcpy(&w, at, 8);
        return w;
    };
    auto load4 = [](const char* at) {
        std::uint32_t w;
        std::memcpy(&w, at, 4);
        return static_cast<std::uint64_t>(w);
    };
    std::uint64_t tail = 0;
    if (size >= 8) {
        for (std::size_t n = size; n > 8; p += 8, n -= 8) {
            h = (h ^ load8(p)) * kMul1;
            h ^= h >> 31;
        }
        tail = load8(s.data() + size - 8);  // the last eight bytes
    } else if (size >= 4) {
        tail = load4(p) << 32 | load4(p + size - 4);
    } else if (size > 0) {
        tail = static_cast<std::uint64_t>(static_cast<unsigned char>(p[0])) << 16 |
               static_cast<std::uint64_t>(static_cast<unsigned char>(p[size / 2])) << 8 |
               static_cast<unsigned char>(p[size - 1]);
    }
    h = (h ^ tail) * kMul2;
    h ^= h >> 29;
    h *= kMul1;
    return h ^ (h >> 32);
}

/// Keys (views that must outlive the table) to values `V`: linear probing,
/// at most three quarters full. No erasing: lexicons only grow while loading.
template <typename V>
class FlatStringMap {
public:
    /// Room for `n` keys without growing.
    void reserve(std::size_t n) {
        std::size_t capacity = 16;
        while (capacity * 3 < n * 4 + 4) capacity *= 2;
        if (capacity > slots_.size()) rehash(capacity);
    }

    /// The value of `key`, inserted value-initialised when absent; the bool
    /// says whether it was inserted. `key`'s bytes are not copied.
    std::pair<V*, bool> emplace(std::string_view key) {
        if ((size_ + 1) * 4 > slots_.size() * 3) rehash(slots_.empty() ? 16 : slots_.size() * 2);
        const std::uint64_t h = lexicon_hash(key);
        Slot* slot = &slots_[probe(key, h)];
        if (slot->data) return {&slot->value, false};
        slot->data = key.data() ? key.data() : "";
        slot->size = static_cast<std::uint32_t>(key.size());
        slot->tag = static_cast<std::uint32_t>(h >> 32);
        ++size_;
        return {&slot->value, true};
    }

    /// The value of `key`, or nullptr.
    const V* find(std::string_view key) const {
        if (slots_.empty()) return nullptr;
        const Slot& slot = slots_[probe(key, lexicon_hash(key))];
        return slot.data ? &slot.value : nullptr;
    }

    std::size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }

    /// Calls `fn(key, value)` for every entry, in no particular order.
    template <typename Fn>
    void for_each(Fn fn) const {
        for (const Slot& s : slots_)
            if (s.data) fn(std::string_view(s.data, s.size), s.value);
    }

private:
    struct Slot {
        const char* data = nullptr;  // null: empty slot
        std::uint32_t size = 0;      // lexicon lines are short
        std::uint32_t tag = 0;       // the hash's top bits: most mismatches stop here
        V value{};
    };

    // The slot holding `key`, or the empty slot where it would go.
    std::size_t probe(std::string_view key, std::uint64_t h) const {
        const std::size_t mask = slots_.size() - 1;
        const auto tag = static_cast<std::uint32_t>(h >> 32);
        for (std::size_t i = static_cast<std::size_t>(h) & mask;; i = (i + 1) & mask) {
            const Slot& s = slots_[i];
            if (!s.data) return i;
            if (s.tag == tag && s.size == key.size() && std::memcmp(s.data, key.data(), key.size()) == 0) return i;
        }
    }

    void rehash(std::size_t capacity) {
        std::vector<Slot> old(capacity);
        old.swap(slots_);
        for (Slot& s : old) {
            if (!s.data) continue;
            const std::string_view key(s.data, s.size);
            slots_[probe(key, lexicon_hash(key))] = std::move(s);
        }
    }

    std::vector<Slot> slots_;  // a power of two in size
    std::size_t size_ = 0;
};

/// A set of folded words, viewed in bytes it shares (the lexicon file, and
/// the keys that differ from their line). Copies share the bytes.
class LexiconWordSet {
public:
    /// 1 when `word` is in the set, else 0 (the std::unordered_set idiom).
    std::size_t count(std::string_view word) const { return table_.find(word) ? 1 : 0; }
    bool contains(std::string_view word) const { return table_.find(word) != nullptr; }
    std::size_t size() const { return table_.size(); }
    bool empty() const { return table_.empty(); }

    /// Building: keeps `bytes` alive for the views `insert_view` is given.
    void keep(std::shared_ptr<const char[]> bytes) { storage()->files.push_back(std::move(bytes)); }
    void reserve(std::size_t n) { table_.reserve(n); }
    /// Inserts a view into bytes kept by `keep`.
    void insert_view(std::string_view word) { table_.emplace(word); }
    /// Inserts a copy of `word`.
    void insert(std::string_view word) {
        if (table_.find(word)) return;
        table_.emplace(storage()->copies.emplace_back(word));
    }

private:
    struct Empty {};
    struct Storage {
        std::vector<std::shared_ptr<const char[]>> files;
        std::deque<std::string> copies;  // a deque: its strings never move
    };
    Storage* storage() {
        if (!storage_) storage_ = std::make_shared<Storage>();
        return storage_.get();
    }

    FlatStringMap<Empty> table_;
    std::shared_ptr<Storage> storage_;
};

/// What the name maps of Lexicons say about one key: the canonical names
/// (nullptr when that kind does not know the key), and whether a longer key
/// of any kind starts with this one and a space.
struct NameEntry {
    const std::string* person = nullptr;
    const std::string* place = nullptr;
    const std::string* org = nullptr;
    bool continues = false;
    bool named() const { return person || place || org; }
};

/// The three name maps of Lexicons as one table, so that a key is hashed
/// once for every kind, plus the kinds of the canonical places. Views into
/// the maps' nodes (which stay put when the maps move, not when they are
/// copied): not copyable.
class NameIndex {
public:
    NameIndex() = default;
    NameIndex(NameIndex&&) = default;
    NameIndex& operator=(NameIndex&&) = default;
    NameIndex(const NameIndex&) = delete;
    NameIndex& operator=(const NameIndex&) = delete;

    /// The entry of `key`, or nullptr when no name is or starts with it.
    const NameEntry* find(std::string_view key) const { return entries_.find(key); }
    /// Whether `canonical` is a canonical name of Lexicons::places; if so,
    /// `kind` becomes its kind (Lexicons::place_kinds), or nullptr.
    bool place_kind(std::string_view canonical, const std::string*& kind) const {
        const std::string* const* found = kinds_.find(canonical);
        if (found) kind = *found;
        return found != nullptr;
    }

private:
    friend void index_names(Lexicons& lexicons);
    FlatStringMap<NameEntry> entries_;
    FlatStringMap<const std::string*> kinds_;  // null: a canonical place of no kind
};

}  // namespace depeche
