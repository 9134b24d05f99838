package io.sluice.runs;

import java.util.Locale;

/** How guard reports and alerts write numbers: whole ones without a decimal point, others to one decimal. */
public final class ReportNumbers {

    private ReportNumbers() {
    }

    public static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    public static String percent(double value) {
        return number(value) + "%";
    }
}
