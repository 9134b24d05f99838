package io.sluice.admin;

class BadRequestException extends RuntimeException {

    BadRequestException(String message) {
        super(message);
    }
}
