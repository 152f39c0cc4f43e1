// Replays every file of native/fuzz/corpus/ through the fuzz target's decoder, without
// libFuzzer: the inputs that once broke the contract, and the seeds, stay checked in every build.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz_driver.hpp"

namespace {

std::vector<std::filesystem::path> corpus_files() {
    std::vector<std::filesystem::path> files;
    for (const auto& entry : std::filesystem::directory_iterator(STRETCH_FUZZ_CORPUS_DIR)) {
        if (entry.is_regular_file()) files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(FuzzCorpus, EveryInputKeepsTheContract) {
    const std::vector<std::filesystem::path> files = corpus_files();
    // The folder holds the regression inputs and seeds; an empty one means a wrong path.
    ASSERT_GE(files.size(), 8u) << STRETCH_FUZZ_CORPUS_DIR;
    for (const auto& path : files) {
        std::ifstream file(path, std::ios::binary);
        ASSERT_TRUE(file) << path;
        const std::vector<char> bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
        const std::string failure =
            stretch_fuzz::run_case(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
        EXPECT_EQ(failure, "") << path.filename().string();
    }
}

}  // namespace
