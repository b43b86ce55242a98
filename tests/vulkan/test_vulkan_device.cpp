// The Vulkan context: a missing loader and an unknown device are status errors; device selection by name and
// index; the pipeline cache round-trips through a file.
#include <doctest/doctest.h>

#include <cstdio>

#include "support/shared.hpp"
#include "vulkan/vulkan_test_util.hpp"

using namespace flatnn;

TEST_CASE("vulkan: a missing loader is a clear error, not a crash") {
    vulkan_backend_options o;
    o.device.loader_path = "libflatnn_no_such_vulkan_loader.so.1";
    auto b = vulkan_backend::create(o);
    REQUIRE_FALSE(b);
    CHECK(b.error().message().find("cannot load the Vulkan loader 'libflatnn_no_such_vulkan_loader.so.1'") !=
          std::string::npos);
}

TEST_CASE("vulkan: device present (CI requires one)") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk) return;
    MESSAGE("Vulkan device: " << vk->context().description.name << " (" << vk->context().description.kind << ")");
    CHECK(vk->context().storage_8bit);
}

TEST_CASE("vulkan: device selection by name and index") {
    if (!test::vulkan_or_skip()) return;
    auto list = vulkan::context::list();
    REQUIRE_MESSAGE(list, list.error().message());
    REQUIRE(!list->empty());
    const std::string name = list->front().name;

    vulkan::device_options by_name;
    by_name.device_name = name.substr(0, 4);
    auto c = vulkan::context::create(by_name);
    REQUIRE_MESSAGE(c, c.error().message());
    CHECK(c.value()->description.name.find(by_name.device_name) != std::string::npos);

    vulkan::device_options by_index;
    by_index.device_index = 0;
    auto c0 = vulkan::context::create(by_index);
    REQUIRE_MESSAGE(c0, c0.error().message());
    CHECK(c0.value()->description.name == name);

    vulkan::device_options bad_index;
    bad_index.device_index = int(list->size());
    auto e1 = vulkan::context::create(bad_index);
    REQUIRE_FALSE(e1);
    CHECK(e1.error().message().find("device index " + std::to_string(list->size()) + " does not exist") != std::string::npos);

    vulkan::device_options bad_name;
    bad_name.device_name = "no such device name";
    auto e2 = vulkan::context::create(bad_name);
    REQUIRE_FALSE(e2);
    CHECK(e2.error().message().find("no device name contains 'no such device name'") != std::string::npos);
}

TEST_CASE("vulkan: the block allocator reuses freed ranges") {
    vulkan_backend* vk = test::vulkan_or_skip();
    if (!vk) return;
    auto c = vulkan::context::create();
    REQUIRE(c);
    vulkan::allocator a(*c.value());
    {
        vulkan::buffer x, y;
        REQUIRE(a.create(1 << 20, false, x));
        REQUIRE(a.create(1 << 20, false, y));
        CHECK(a.block_count() == 1);  // both in one 64 MiB block
        CHECK(x.offset != y.offset);
        vulkan::buffer h;
        REQUIRE(a.create(4096, true, h));
        CHECK(h.mapped != nullptr);
    }
    vulkan::buffer z;
    REQUIRE(a.create(2 << 20, false, z));
    CHECK(z.offset == 0);  // the freed ranges merged back
    vulkan::buffer big;
    REQUIRE(a.create(vulkan::allocator::default_block + 1, false, big));  // a block of its own
}

TEST_CASE("vulkan: the pipeline cache is saved to a file and seeds a new backend") {
    if (!test::vulkan_or_skip()) return;
    const std::string path = std::string(FLATNN_BINARY_DIR) + "/vulkan_pipeline_cache_test.bin";
    std::remove(path.c_str());
    auto m = model::from_file(test::test_data_dir() + "/ops/conv_2d_same_s1_uint8/model.tflite");
    REQUIRE_MESSAGE(m, m.error().message());
    std::vector<uint8_t> first;
    for (int pass = 0; pass < 2; ++pass) {
        CAPTURE(pass);
        vulkan_backend_options o;
        o.pipeline_cache_file = path;  // absent on the first pass: an empty cache
        auto b = vulkan_backend::create(o);
        REQUIRE_MESSAGE(b, b.error().message());
        std::mt19937 rng(5);
        auto r = test::run_model(*m, {make_backend_ref(*b.value())}, [&](size_t, tensor& t) { test::fill_random(rng, t); });
        REQUIRE_MESSAGE(r.s, r.s.message());
        CHECK(b.value()->stats().dispatches == 1);
        const tensor& out = r.it->output(0);
        if (pass == 0) {
            first.assign(out.data, out.data + out.bytes);
            REQUIRE(b.value()->save_pipeline_cache(path));
        } else {
            CHECK(std::vector<uint8_t>(out.data, out.data + out.bytes) == first);
        }
    }
    std::FILE* f = std::fopen(path.c_str(), "rb");
    REQUIRE(f != nullptr);
    std::fseek(f, 0, SEEK_END);
    CHECK(std::ftell(f) >= 16);  // at least the header the Vulkan spec defines
    std::fclose(f);
    std::remove(path.c_str());
    CHECK_FALSE(vulkan_backend::create().value()->save_pipeline_cache("/nonexistent-dir/cache.bin"));
}
