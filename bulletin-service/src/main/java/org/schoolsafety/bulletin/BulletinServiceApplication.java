package org.schoolsafety.bulletin;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication(proxyBeanMethods = false)
public class BulletinServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BulletinServiceApplication.class, args);
    }
}
