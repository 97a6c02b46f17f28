/* Evidence for GATE-OTA-ROLLBACK-001: a power cut at any offset leaves a bootable slot. */
#include "unity.h"
#include "ota_sim.h"

void test_power_cut_at_any_offset(void) {
    for (unsigned seed = 0; seed < 10000; seed++) {
        ota_sim_t sim = ota_sim_start(seed);
        ota_sim_cut_power_at(&sim, ota_sim_random_offset(&sim));
        TEST_ASSERT_TRUE(ota_sim_bootable_slot(&sim));
    }
}
