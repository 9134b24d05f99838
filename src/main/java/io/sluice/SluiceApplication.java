package io.sluice;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

// the admin API authenticates bearer tokens itself; no generated user and password
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SluiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(SluiceApplication.class, args);
    }
}
