package io.integr8s.command.system.api;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kubernetes resource quantity ({@code 512Mi}, {@code 2000m}, {@code 1.5}) as an amount of base units: bytes for
 * memory, cores for CPU. Only the plain decimal form with an optional suffix is accepted (no exponents).
 */
public record ResourceQuantity(BigDecimal amount) {

    private static final Pattern FORM = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("", BigDecimal.ONE),
            Map.entry("m", new BigDecimal("0.001")),
            Map.entry("k", BigDecimal.TEN.pow(3)), Map.entry("M", BigDecimal.TEN.pow(6)),
            Map.entry("G", BigDecimal.TEN.pow(9)), Map.entry("T", BigDecimal.TEN.pow(12)),
            Map.entry("P", BigDecimal.TEN.pow(15)), Map.entry("E", BigDecimal.TEN.pow(18)),
            Map.entry("Ki", BigDecimal.valueOf(2).pow(10)), Map.entry("Mi", BigDecimal.valueOf(2).pow(20)),
            Map.entry("Gi", BigDecimal.valueOf(2).pow(30)), Map.entry("Ti", BigDecimal.valueOf(2).pow(40)),
            Map.entry("Pi", BigDecimal.valueOf(2).pow(50)), Map.entry("Ei", BigDecimal.valueOf(2).pow(60)));

    /**
     * @throws IllegalArgumentException when {@code text} is not a quantity; the message shows the accepted forms
     */
    public static ResourceQuantity parse(String text) {
        Matcher matcher = text == null ? null : FORM.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a Kubernetes quantity; write a number with an "
                    + "optional suffix, e.g. 512Mi or 1Gi for memory, 500m or 2 for CPU");
        }
        String suffix = matcher.group(2) == null ? "" : matcher.group(2);
        return new ResourceQuantity(new BigDecimal(matcher.group(1)).multiply(SUFFIXES.get(suffix)));
    }

    /** Whole bytes: a memory quantity in milli-bytes ({@code 1500m}) or with a fraction of a byte is not one. */
    public boolean isWholeNumber() {
        return amount.stripTrailingZeros().scale() <= 0;
    }

    public boolean isBetween(ResourceQuantity min, ResourceQuantity max) {
        return amount.compareTo(min.amount) >= 0 && amount.compareTo(max.amount) <= 0;
    }

    public long longValue() {
        return amount.longValueExact();
    }

    public double doubleValue() {
        return amount.doubleValue();
    }
}
