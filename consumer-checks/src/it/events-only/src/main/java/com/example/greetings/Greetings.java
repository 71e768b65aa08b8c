package com.example.greetings;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import dev.microkit.events.EventHandler;
import dev.microkit.events.EventMetadata;

import org.springframework.stereotype.Component;

@Component
public class Greetings {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

    @EventHandler("greeting.sent")
    void on(Greeting greeting, EventMetadata event) {
        this.received.add(event.type() + " from " + event.source() + ": " + greeting.text() + " to " + greeting.to());
    }

    public BlockingQueue<String> received() {
        return this.received;
    }

}
