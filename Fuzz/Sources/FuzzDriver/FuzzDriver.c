// SwiftPM links an executable target with `--defsym main=<module>_main` (so tests can
// import it), which hides libFuzzer's own main. This is that renamed entry point for the
// `ontime-fuzz` module: it hands control to libFuzzer's driver, exactly as libFuzzer's
// main would. Were the rename ever dropped, libFuzzer's main is used and this is unused.
#include "FuzzDriver.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int ontime_fuzz_main(int argc, char **argv) {
    return LLVMFuzzerRunDriver(&argc, &argv, LLVMFuzzerTestOneInput);
}
