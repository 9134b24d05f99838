package io.sluice;

import java.util.Arrays;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import io.sluice.validate.ValidateCommand;

// the admin API authenticates bearer tokens itself; no generated user and password
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class SluiceApplication {

    /** {@code validate <folder>} checks sync files and exits; anything else starts the service. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("validate")) {
            // the command's output is its report: no framework chatter around it
            ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
            System.setProperty("logging.level.root", "WARN");
            System.exit(ValidateCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
        }
        SpringApplication.run(SluiceApplication.class, args);
    }
}
