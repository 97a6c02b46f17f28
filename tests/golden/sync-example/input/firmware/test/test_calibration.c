/* Evidence for GATE-SENSOR-CAL-001: the factory sweep stays within ±0.5 °C. */
#include "unity.h"
#include "thermal_cal.h"

void test_sweep_within_tolerance(void) {
    for (int board = 0; board < 24; board++) {
        TEST_ASSERT_FLOAT_WITHIN(0.5f, sweep_reference(board), sweep_reading(board));
    }
}
