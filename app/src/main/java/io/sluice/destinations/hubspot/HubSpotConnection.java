package io.sluice.destinations.hubspot;

/**
 * Where Sluice's HubSpot calls go and the token they carry. Built from {@code sluice.hubspot.*}; the
 * demo replaces it with the local sandbox.
 *
 * @param baseUrl API root, e.g. {@code https://api.hubapi.com}
 * @param token   a private app's access token; blank when none is configured
 */
public record HubSpotConnection(String baseUrl, String token) {

    public HubSpotConnection {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        token = token == null ? "" : token.trim();
    }

    public boolean hasToken() {
        return !token.isEmpty();
    }

    /** Never the token itself: connections end up in logs and error messages. */
    @Override
    public String toString() {
        return "HubSpotConnection[baseUrl=" + baseUrl + ", token=" + (hasToken() ? "(set)" : "(none)") + "]";
    }
}
