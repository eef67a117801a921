package org.schoolsafety.cyber;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(proxyBeanMethods = false)
public class CyberThreatServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(CyberThreatServiceApplication.class, args);
    }
}
