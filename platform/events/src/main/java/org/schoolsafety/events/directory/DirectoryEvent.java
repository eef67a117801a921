package org.schoolsafety.events.directory;

/**
 * What the compacted {@code directory} topic carries: the state of one organisation (keyed by organisation
 * id) or of one endpoint (keyed by endpoint id). The latest record per key is the thing as it stands, so
 * subscription-service rebuilds its whole view from the topic.
 */
public sealed interface DirectoryEvent permits OrganisationChanged, EndpointChanged {}
