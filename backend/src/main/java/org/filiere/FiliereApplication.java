package org.filiere;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class FiliereApplication {
    public static void main(String[] args) {
        SpringApplication.run(FiliereApplication.class, args);
    }
}
