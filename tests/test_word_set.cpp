// ShortWordSet (common/word_set.hpp): the closed word lists asked of every token.
#include "word_set.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

TEST_CASE("ShortWordSet answers as std::unordered_set, over random sets and probes", "[analysis]") {
    // Words of a small alphabet, so that members share first bytes, last bytes
    // and lengths (the quick reject), and hashes collide; lengths past 32 wrap
    // the length bits. Sets of 1 to 300 words grow the table several times.
    std::mt19937 rng(3);
    std::vector<std::string> store;  // the words the sets view
    store.reserve(200000);
    auto random_word = [&]() {
        const std::size_t n = rng() % 8 == 0 ? 30 + rng() % 8 : rng() % 6;
        std::string w;
        for (std::size_t k = 0; k < n; ++k) w += "abcx\xC3\xA9"[rng() % 6];
        store.push_back(w);
        return std::string_view(store.back());
    };
    for (int round = 0; round < 200; ++round) {
        depeche::ShortWordSet set;
        std::unordered_set<std::string_view> plain;
        const int size = 1 + static_cast<int>(rng() % 300);
        for (int k = 0; k < size; ++k) {
            const std::string_view w = random_word();
            set.insert(w);
            plain.insert(w);
            if (k % 7 == 0) set.insert(w);  // twice: counted once
        }
        REQUIRE(set.size() == plain.size());
        for (std::string_view w : set) CHECK(plain.count(w) == 1);
        for (std::string_view w : plain) CHECK(set.count(w) == 1);
        for (int k = 0; k < 300; ++k) {
            const std::string_view probe = random_word();
            CHECK(set.count(probe) == plain.count(probe));
        }
    }
    depeche::ShortWordSet empty;
    CHECK(empty.count("") == 0);
    CHECK(empty.count("a") == 0);
}
