# Kavosh — the two commands: `make run` and `make test`. Everything else is a helper.
BUILD ?= build
JOBS ?= 2
CMAKE_FLAGS ?=
PORT ?= 8080
SAMPLE_DB ?= $(BUILD)/sample-db

.PHONY: all deps deps-test build run index-sample test test-unit test-sanitize bench clean format

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/CMakeCache.txt:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo $(CMAKE_FLAGS)

build: deps $(BUILD)/CMakeCache.txt
	cmake --build $(BUILD) -j$(JOBS)

index-sample: build
	scripts/index-sample.sh $(BUILD) $(SAMPLE_DB)

run: index-sample
	scripts/serve.sh $(BUILD) $(SAMPLE_DB) $(PORT)

test: deps-test build
	scripts/run-tests.sh $(BUILD)

# The browser tests need Debian's chromium and Node.js on top of the build dependencies.
deps-test:
	@scripts/install-deps.sh --browser

# Unit and integration tests under AddressSanitizer + UBSan (Debug asserts, -O1; time
# limits in tests stretched, tests/test_time.h). CI runs it after `make test`.
test-sanitize: deps
	cmake -S . -B $(BUILD)-sanitize -DCMAKE_BUILD_TYPE=Debug -DKAVOSH_SANITIZE=ON -DKAVOSH_BUILD_BENCH=OFF
	cmake --build $(BUILD)-sanitize -j$(JOBS)
	cd $(BUILD)-sanitize && ctest --output-on-failure -j2

bench: build
	scripts/bench-analyzer.sh $(BUILD)

format:
	clang-format -i $$(git ls-files '*.cc' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD)-sanitize
