package io.sluice.security;

import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An operator can do everything a viewer can. */
public enum AdminRole {
    VIEWER,
    OPERATOR;

    /** The authority name Spring Security's {@code hasRole} and actuator's {@code roles} compare with. */
    public String authority() {
        return "ROLE_" + name();
    }

    public boolean isHeldBy(Authentication caller) {
        return caller != null && caller.getAuthorities().stream()
                .anyMatch(granted -> authority().equals(granted.getAuthority()));
    }

    List<GrantedAuthority> authorities() {
        return this == OPERATOR
                ? List.of(new SimpleGrantedAuthority(OPERATOR.authority()), new SimpleGrantedAuthority(VIEWER.authority()))
                : List.of(new SimpleGrantedAuthority(VIEWER.authority()));
    }
}
