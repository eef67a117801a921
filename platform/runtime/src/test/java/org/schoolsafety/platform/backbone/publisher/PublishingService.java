package org.schoolsafety.platform.backbone.publisher;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stands for a producing service (alert-service): only the platform's wiring, nothing of its own. */
@SpringBootApplication(proxyBeanMethods = false)
public class PublishingService {}
