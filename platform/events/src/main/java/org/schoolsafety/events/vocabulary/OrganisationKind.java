package org.schoolsafety.events.vocabulary;

/** Levels of the directory, top down, plus state agencies. */
public enum OrganisationKind {
    STATE,
    REGION,
    COUNTY,
    DISTRICT,
    SCHOOL,
    AGENCY
}
