package org.schoolsafety.platform.backbone.listener;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Stands for a consuming service (subscription-service): one listener on {@code alerts}. */
@SpringBootApplication(proxyBeanMethods = false)
public class ListeningService {}
