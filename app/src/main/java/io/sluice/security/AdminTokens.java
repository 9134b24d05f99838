package io.sluice.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The tokens in force. Outside the embedded demo they must be configured: a deployment that forgot them
 * does not start, rather than run an admin API anyone can use or nobody can.
 */
public final class AdminTokens {

    private final List<byte[]> operatorTokens;
    private final List<byte[]> viewerTokens;
    private final String firstOperatorToken;

    AdminTokens(List<String> operatorTokens, List<String> viewerTokens) {
        List<String> operators = usable(operatorTokens);
        if (operators.isEmpty()) {
            throw new IllegalStateException("No admin token is configured: set sluice.admin.operator-token (and "
                    + "sluice.admin.viewer-token) to one or more secret values, comma-separated");
        }
        this.operatorTokens = operators.stream().map(AdminTokens::bytes).toList();
        this.viewerTokens = usable(viewerTokens).stream().map(AdminTokens::bytes).toList();
        this.firstOperatorToken = operators.get(0);
    }

    Optional<AdminRole> roleOf(String presented) {
        byte[] candidate = bytes(presented);
        if (matchesAny(operatorTokens, candidate)) {
            return Optional.of(AdminRole.OPERATOR);
        }
        return matchesAny(viewerTokens, candidate) ? Optional.of(AdminRole.VIEWER) : Optional.empty();
    }

    /** For tools of this deployment that call its own admin API. */
    public String operatorToken() {
        return firstOperatorToken;
    }

    /** Every token is compared, each in constant time, so timing tells nothing about which one nearly matched. */
    private static boolean matchesAny(List<byte[]> tokens, byte[] candidate) {
        boolean matched = false;
        for (byte[] token : tokens) {
            matched |= MessageDigest.isEqual(token, candidate);
        }
        return matched;
    }

    /** The tokens of a comma-separated setting, blank ones (an unset variable) left out. */
    static List<String> usable(List<String> tokens) {
        return tokens.stream().map(String::strip).filter(token -> !token.isEmpty()).toList();
    }

    private static byte[] bytes(String token) {
        return token.getBytes(StandardCharsets.UTF_8);
    }
}
