package org.schoolsafety.events.directory;

/** Levels of the directory, top down, plus state agencies. */
public enum OrganisationKind {
    STATE,
    REGION,
    COUNTY,
    DISTRICT,
    SCHOOL,
    AGENCY
}
