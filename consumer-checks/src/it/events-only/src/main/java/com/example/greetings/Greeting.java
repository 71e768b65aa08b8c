package com.example.greetings;

public record Greeting(String to, String text) {
}
