package org.filiere;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

@SpringBootApplication
public class FiliereApplication {
    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(FiliereApplication.class, args);
        // The build's training start (class-data archive, prepared store) stops here. Unlike
        // spring.context.exit=onRefresh, which halts the JVM, this closes the context, so the
        // embedded database is shut down cleanly and its store can be copied as it is.
        if (context.getEnvironment().getProperty("filiere.exit-when-started", Boolean.class, false)) {
            System.exit(SpringApplication.exit(context));
        }
    }
}
