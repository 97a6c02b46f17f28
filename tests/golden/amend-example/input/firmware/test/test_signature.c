/* Evidence for GATE-BOOT-SIG-001: every tampered image of the fuzz corpus is refused. */
#include "unity.h"
#include "stage2_verify.h"
#include "fuzz_corpus.h"

void test_rejects_tampered_images(void) {
    for (size_t i = 0; i < FUZZ_CORPUS_LEN; i++) {
        TEST_ASSERT_FALSE(stage2_verify(fuzz_corpus[i].data, fuzz_corpus[i].len));
    }
}
