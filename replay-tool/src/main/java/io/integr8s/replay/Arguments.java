package io.integr8s.replay;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A parsed command line: the command, its operands and its options ({@code --name value} or {@code --name=value};
 * the flags of {@link #FLAGS} take no value). No arguments, {@code -h} and {@code --help} are usage errors or help as
 * any CLI user expects.
 */
public record Arguments(String command, List<String> operands, Map<String, String> options) {

    /** Options that are on when given and take no value. */
    public static final Set<String> FLAGS = Set.of("dry-run");

    public static Arguments parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        if (Set.of("-h", "--help").contains(args[0])) {
            return new Arguments("help", List.of(), Map.of());
        }
        if (args[0].startsWith("-")) {
            throw new UsageException("the command comes first, before " + args[0]);
        }
        List<String> operands = new ArrayList<>();
        Map<String, String> options = new LinkedHashMap<>();
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (!arg.startsWith("--")) {
                operands.add(arg);
                continue;
            }
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg.substring(2) : arg.substring(2, equals);
            String value;
            if (FLAGS.contains(name)) {
                if (equals >= 0) {
                    throw new UsageException("option --" + name + " takes no value");
                }
                value = "true";
            } else if (equals >= 0) {
                value = arg.substring(equals + 1);
            } else if (i + 1 < rest.size()) {
                value = rest.get(++i);
            } else {
                throw new UsageException("option --" + name + " needs a value");
            }
            if (options.put(name, value) != null) {
                throw new UsageException("option --" + name + " given twice");
            }
        }
        return new Arguments(args[0], List.copyOf(operands), Map.copyOf(options));
    }

    public Optional<String> option(String name) {
        return Optional.ofNullable(options.get(name));
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    /** The one operand the command needs, named {@code what} in the message when it is missing or not alone. */
    public String requireOneOperand(String what) throws UsageException {
        if (operands.size() != 1) {
            throw new UsageException(command + " needs exactly one " + what + (operands.isEmpty() ? ""
                    : ", got: " + String.join(" ", operands)));
        }
        return operands.get(0);
    }

    public void requireOnly(Set<String> allowed) throws UsageException {
        for (String name : options.keySet()) {
            if (!allowed.contains(name)) {
                throw new UsageException("unknown option --" + name + " for " + command);
            }
        }
    }

    public void requireNoOperands() throws UsageException {
        if (!operands.isEmpty()) {
            throw new UsageException(command + " takes no arguments, got: " + String.join(" ", operands));
        }
    }
}
