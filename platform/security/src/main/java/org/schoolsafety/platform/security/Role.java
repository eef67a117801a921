package org.schoolsafety.platform.security;

import java.util.Optional;

/** The roles of the platform (DESIGN.md §6), carried in the token's {@code roles} claim. */
public enum Role {
    /** State staff who send urgent alerts. */
    STATE_BROADCASTER,
    /** State staff who approve alerts before they go out. */
    STATE_APPROVER,
    /** Fusion-center and cyber analysts who publish advisories. */
    STATE_ANALYST,
    /** Editors of the weekly school safety update. */
    STATE_EDITOR,
    /** Administrators of the directory. */
    STATE_ADMIN,
    /** A district's administrator: that district and its schools only. */
    DISTRICT_ADMIN,
    /** A school's safety coordinator: that school only. */
    SCHOOL_COORDINATOR,
    /** Machine clients (district IT systems, internal jobs). */
    SYSTEM;

    /** The Spring Security authority of this role, {@code ROLE_<name>}. */
    public String authority() {
        return "ROLE_" + name();
    }

    /** Whether the role belongs to state staff, who act for the whole state. */
    public boolean isStateRole() {
        return name().startsWith("STATE_");
    }

    /** The role named in a claim, if the platform knows it; unknown names grant nothing. */
    public static Optional<Role> named(String name) {
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
