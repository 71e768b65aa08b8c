package com.example.greeting;

import com.example.greeting.v1.GreeterGrpc;
import dev.microkit.calls.grpc.GrpcClients;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

@SpringBootApplication
public class GreetingApplication {

    @Bean
    GreeterGrpc.GreeterBlockingStub greeter(GrpcClients clients) {
        return GreeterGrpc.newBlockingStub(clients.channel("greeter-service"));
    }

    public static void main(String[] args) {
        SpringApplication.run(GreetingApplication.class, args);
    }

}
