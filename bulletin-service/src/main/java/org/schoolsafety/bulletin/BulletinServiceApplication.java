package org.schoolsafety.bulletin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication(proxyBeanMethods = false)
@EnableConfigurationProperties(BulletinSettings.class)
public class BulletinServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BulletinServiceApplication.class, args);
    }
}
